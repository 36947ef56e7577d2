import os from "node:os";
import path from "node:path";
import fs from "node:fs";
process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "tokenwise-routing-eval-"));
import { afterAll, describe, expect, it } from "vitest";
import { evaluateRouting, formatRoutingTable } from "@/lib/routing/eval";
import { parseConfigName } from "@/lib/eval/configs";
import { closeAllDbs } from "@/lib/storage";
import type { EvalQuestion } from "@/lib/eval/dataset";

afterAll(() => closeAllDbs());

const pages = [
  "Annual report 2023. Revenue grew to 4,796 million in 2023 from 4,200 million in 2022. The company sells pumps.",
  "Balance sheet. Total current assets 2,100 and total current liabilities 1,400 at year end 2023.",
  "Employees. The company had 3,200 employees at year end. Offices are in Rotterdam and Boston.",
];
const documents = new Map([["report.pdf", { name: "report.pdf", sha256: "a".repeat(64), pages: pages.map((text, i) => ({ pageNumber: i + 1, text })) }]]);
const questions = [
  { id: "q1", line: 1, doc: "report.pdf", question: "How many employees did the company have?", evidence_pages: [3], evidence_text: "The company had 3,200 employees at year end." },
  {
    id: "q2",
    line: 2,
    doc: "report.pdf",
    question: "What is the 2023 working capital ratio? Working capital ratio is defined as total current assets / total current liabilities.",
    evidence_pages: [2],
    evidence_text: "Total current assets 2,100 and total current liabilities 1,400",
  },
] as unknown as EvalQuestion[];

describe("evaluateRouting", () => {
  const result = evaluateRouting({ questions, documents, ratios: [0.5] });

  it("measures the baseline against itself", () => {
    expect(result.baseline.recallKept).toBe(1);
    expect(result.baseline.costShare).toBe(1);
    expect(result.baseline.metrics.evidenceRecall).toBe(1);
    expect(result.strongModel).toBe("gpt-4.1");
  });

  it("classifies every question once and routes the simple one to a cheaper path", () => {
    // The formula question is complex by its text; evidence found clearly on one page may bring it down to moderate.
    expect(result.auto.tiers.simple).toBe(1);
    expect(result.auto.tiers.moderate + result.auto.tiers.complex).toBe(1);
    expect(result.auto.costShare).toBeLessThan(1);
    expect(result.autoAllEscalate.costShare).toBeGreaterThan(result.auto.costShare!);
  });

  it("reports compression as the app compresses, and the usual context compressed in place", () => {
    expect(result.inPlace.map((r) => r.ratio)).toEqual([0.8, 0.6]);
    expect(result.inPlace[1].name).toBe("in-place-0.6@gpt-4.1");
    expect(result.inPlace[1].metrics.meanContextTokens).toBeLessThanOrEqual(result.baseline.metrics.meanContextTokens);
    const table = formatRoutingTable(result);
    expect(table).toContain("in-place-0.6@gpt-4.1");
    expect(table).toContain("compressed-0.5@gpt-4.1");
  });

  it("reports compression's recall kept and tokens saved, looking wider than the usual context", () => {
    expect(result.compression[0].ratio).toBe(0.5);
    expect(result.compression[0].contextTokensSaved).toBeGreaterThan(0.3);
    expect(result.compression[0].recallKept).toBeLessThanOrEqual(1);
    // With a budget the documents outgrow, the compressed context draws on more pages than the usual one.
    const tight = evaluateRouting({ questions, documents, ratios: [0.9], config: parseConfigName("page-1024@60")! });
    expect(tight.compression[0].metrics.maxContextTokens).toBeLessThanOrEqual(tight.baseline.metrics.maxContextTokens);
    expect(tight.compression[0].metrics.meanPages).toBeGreaterThan(tight.baseline.metrics.meanPages);
  });

  it("prints a table with the verdict", () => {
    const table = formatRoutingTable(result);
    expect(table).toContain("chunked@gpt-4.1");
    expect(table).toMatch(/auto tiers: simple 1, moderate \d, complex \d/);
    expect(table).toContain(result.verdict);
  });
});
