import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
process.env.DATA_DIR = mkdtempSync(join(tmpdir(), "tokenwise-eval-answer-"));

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerAndScore, numbersIn, numericGold, numericMatch, parseVerdict } from "@/lib/eval/answer";
import { parseConfigName } from "@/lib/eval/configs";
import { parseDataset } from "@/lib/eval/dataset";
import { runEvaluation } from "@/lib/eval/run";
import { closeAllDbs } from "@/lib/storage";
import { startFakeLlm, type FakeLlm } from "../../support/fake-llm-server";

describe("numeric scoring", () => {
  it("reads numbers written in text, parentheses as negative", () => {
    expect(numbersIn("Revenue was $1,577.5 million, down (3.2)% from 2019.")).toEqual([1577.5, -3.2, 2019]);
    expect(numbersIn("no numbers")).toEqual([]);
  });
  it("treats a gold answer as numeric only when it is one number with units", () => {
    expect(numericGold("0.66")).toBe(0.66);
    expect(numericGold("$1,577.00")).toBe(1577);
    expect(numericGold("24.26%")).toBe(24.26);
    expect(numericGold("-3.5 million")).toBe(-3.5);
    expect(numericGold("Yes, margins fell from 36.8% to 34.6%.")).toBeNull();
    expect(numericGold("")).toBeNull();
  });
  it("matches within 1% of the gold value (and 0.005 absolute), sign-insensitive", () => {
    expect(numericMatch("The ratio is 0.66.", 0.66)).toBe(true);
    expect(numericMatch("The ratio is about 0.664", 0.66)).toBe(true);
    expect(numericMatch("The ratio is 0.68", 0.66)).toBe(false);
    expect(numericMatch("Capex was $1,580 million", 1577)).toBe(true);
    expect(numericMatch("a decline of 3.2%", -3.2)).toBe(true);
    expect(numericMatch("The documents do not say.", 12)).toBe(false);
  });
  it("reads a judge's verdict", () => {
    expect(parseVerdict("CORRECT")).toBe(true);
    expect(parseVerdict("correct.")).toBe(true);
    expect(parseVerdict("INCORRECT")).toBe(false);
    expect(parseVerdict("The documents do not say.")).toBe(false);
  });
});

describe("answering through a local OpenAI-compatible stand-in", () => {
  let llm: FakeLlm;
  beforeAll(async () => {
    llm = await startFakeLlm();
    process.env.OPENAI_BASE_URL = llm.url;
    process.env.LLM_MAX_RETRIES = "0";
  });
  afterAll(async () => {
    await llm.close();
    closeAllDbs();
  });

  it("answers every question of every row, scores numbers and free text, and prices answers and judge apart", async () => {
    const questions = parseDataset(
      [
        JSON.stringify({ id: "rev", doc: "tiny.pdf", question: "What was revenue in 2019?", answer: "1,200", evidence_pages: [1], evidence_text: "Revenue grew to 1,200 in 2019" }),
        JSON.stringify({ id: "lease", doc: "tiny.pdf", question: "What were lease costs?", answer: "Lease costs were 300.", evidence_pages: [3], evidence_text: "Lease costs were 300" }),
      ].join("\n"),
    );
    const doc = {
      name: "tiny.pdf",
      sha256: "cd".repeat(32),
      pages: [
        { pageNumber: 1, text: "Revenue grew to 1,200 in 2019." },
        { pageNumber: 2, text: "The board met twice." },
        { pageNumber: 3, text: "Lease costs were 300." },
      ],
    };
    const run = runEvaluation({ questions, documents: new Map([[doc.name, doc]]), configs: [parseConfigName("page-1024@2000")!], model: "gpt-4o-mini" });
    const scores = await answerAndScore({ run, questions, model: "gpt-4o-mini" });

    expect(scores.map((s) => s.name)).toEqual(["page-1024@2000", "full-document"]);
    for (const score of scores) {
      expect(score).toMatchObject({ answered: 2, skipped: 0, errors: 0 });
      // The stand-in quotes the first passage: the revenue page for "rev", whose 1,200 matches the gold number.
      expect(score.numeric).toEqual({ questions: 1, correct: 1 });
      // Its judge reply is not "CORRECT", so the free-text answer is graded wrong, and the judge's call is priced.
      expect(score.freeText).toEqual({ questions: 1, correct: 0 });
      expect(score.answerUsdPerQuestion).toBeGreaterThan(0);
      expect(score.judgeUsd).toBeGreaterThan(0);
    }
    // Two rows x two answers, plus one judge call per row.
    expect(llm.calls.filter((c) => c.status === 200)).toHaveLength(6);
    expect(llm.calls.every((c) => c.model === "gpt-4o-mini")).toBe(true);
  });
});
