import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
process.env.DATA_DIR = mkdtempSync(join(tmpdir(), "tokenwise-eval-run-"));

import { afterAll, describe, expect, it } from "vitest";
import { parseConfigName } from "@/lib/eval/configs";
import { parseDataset } from "@/lib/eval/dataset";
import { runEvaluation, type EvalDocument } from "@/lib/eval/run";
import { closeAllDbs } from "@/lib/storage";

afterAll(() => closeAllDbs());

// A three-page document and two questions whose answers are computed by hand below.
const doc: EvalDocument = {
  name: "tiny.pdf",
  sha256: "ab".repeat(32),
  pages: [
    { pageNumber: 1, text: "Revenue grew to 1,200 in 2019." },
    { pageNumber: 2, text: "The board met twice." },
    { pageNumber: 3, text: "Lease costs were 300." },
  ],
};
const questions = parseDataset(
  [
    JSON.stringify({ id: "rev", doc: "tiny.pdf", question: "What was revenue in 2019?", evidence_pages: [1], evidence_text: "Revenue grew to 1,200 in 2019" }),
    // The gold page is deliberately page 2: the context (page 3) misses it, yet holds 4 of the 5 evidence terms.
    JSON.stringify({ id: "lease", doc: "tiny.pdf", question: "What were lease costs?", evidence_pages: [2], evidence_text: "Lease costs were 300 million" }),
  ].join("\n"),
);

describe("runEvaluation on a hand-made dataset", () => {
  const run = runEvaluation({
    questions,
    documents: new Map([[doc.name, doc]]),
    configs: [parseConfigName("page-512@2000")!, parseConfigName("keyword-window-512-64@2000")!],
    model: "gpt-4o-mini",
    answerTokens: 100,
  });

  it("measures what the app's planning sends, question by question", () => {
    const [rev, lease] = run.configs[0].questions;
    // rev: page 1 alone ("Revenue grew to 1,200 in 2019." = 12 tokens); every evidence term found.
    expect(rev).toMatchObject({ hit: 1, recall: 1, contextTokens: 12, pages: 1 });
    // lease: page 3 alone (6 tokens): lease, costs, were, 300 found, million not: 4/5; page 2 not sent.
    expect(lease).toMatchObject({ hit: 0, recall: 0.8, contextTokens: 6, pages: 1 });
    expect(rev.promptTokens).toBeGreaterThan(rev.contextTokens);
  });

  it("aggregates hit, recall, the recall >= 0.8 share, tokens and pages", () => {
    expect(run.configs[0].metrics).toMatchObject({
      questions: 2,
      evidenceHit: 0.5,
      evidenceRecall: 0.9,
      recall80Share: 1,
      meanContextTokens: 9,
      maxContextTokens: 12,
      meanPages: 1,
    });
    // Cost: gpt-4o-mini at $0.15 per million input and $0.60 per million output, 100 answer tokens.
    const prompt = run.configs[0].metrics.meanPromptTokens;
    expect(run.configs[0].metrics.usdPerQuestion).toBeCloseTo((prompt * 0.15 + 100 * 0.6) / 1e6, 12);
  });

  it("reports the whole document as its own row: every page sent", () => {
    // All three pages joined by blank lines: 23 tokens counted page by page (12 + 5 + 6) plus 2 separators = 25.
    expect(run.fullDocument.metrics).toMatchObject({ evidenceHit: 1, evidenceRecall: 0.9, recall80Share: 1, meanPages: 3 });
    expect(run.fullDocument.questions[0].contextTokens).toBe(25);
    expect(run.fullDocument.metrics.meanPromptTokens).toBeGreaterThan(run.configs[0].metrics.meanPromptTokens);
  });

  it("runs the keyword reference over the same chunks", () => {
    expect(run.configs[1].name).toBe("keyword-window-512-64@2000");
    // One window holds the whole document: every question gets all three pages.
    expect(run.configs[1].metrics).toMatchObject({ evidenceHit: 1, meanPages: 3 });
  });
});
