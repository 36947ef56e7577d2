import os from "node:os";
import path from "node:path";
import fs from "node:fs";
process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "tokenwise-routing-eval-"));
import { afterAll, describe, expect, it } from "vitest";
import { evaluateRouting, formatRoutingTable } from "@/lib/routing/eval";
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

  it("reports retrieving more and compressing back, against the baseline and the wider context", () => {
    expect(result.wider.ratio).toBe(0.6);
    expect(result.wider.contextTokens).toBe(3333);
    expect(result.wider.compressed.metrics.meanContextTokens).toBeLessThanOrEqual(result.wider.uncompressed.metrics.meanContextTokens);
    expect(result.wider.recallKeptOfWider).not.toBeNull();
    expect(result.wider.recallKeptOfWider!).toBeLessThanOrEqual(1);
    expect(formatRoutingTable(result)).toContain(`retrieve-${result.wider.contextTokens}-compressed-0.6@gpt-4.1`);
  });

  it("reports compression's recall kept and tokens saved", () => {
    expect(result.compression[0].ratio).toBe(0.5);
    expect(result.compression[0].contextTokensSaved).toBeGreaterThan(0);
    expect(result.compression[0].recallKept).toBeLessThanOrEqual(1);
  });

  it("prints a table with the verdict", () => {
    const table = formatRoutingTable(result);
    expect(table).toContain("chunked@gpt-4.1");
    expect(table).toMatch(/auto tiers: simple 1, moderate \d, complex \d/);
    expect(table).toContain(result.verdict);
  });
});
