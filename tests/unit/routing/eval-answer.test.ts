import fs from "node:fs";
import os from "node:os";
import path from "node:path";
process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "tokenwise-routing-eval-answer-"));

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EvalQuestion } from "@/lib/eval/dataset";
import { costOf, getModelPrice, type ModelPrice } from "@/lib/pricing";
import { answerFrontier, answerPoints, answerRoutingPolicies, formatRoutingAnswerTable, routingPolicies } from "@/lib/routing/eval-answer";
import { closeAllDbs } from "@/lib/storage";
import { startFakeLlm, type FakeCall, type FakeLlm } from "../../support/fake-llm-server";

const pages = [
  "Annual report 2023. Revenue grew to 4,796 million in 2023 from 4,200 million in 2022. The company sells pumps.",
  "Balance sheet. Total current assets 2,100 and total current liabilities 1,400 at year end 2023.",
  "Employees. The company had 3,200 employees at year end. Offices are in Rotterdam and Boston.",
];
const documents = new Map([["report.pdf", { name: "report.pdf", sha256: "b".repeat(64), pages: pages.map((text, i) => ({ pageNumber: i + 1, text })) }]]);
const questions = [
  { id: "q1", line: 1, doc: "report.pdf", question: "How many employees did the company have?", answer: "3,200", evidence_pages: [3], evidence_text: "The company had 3,200 employees at year end." },
  {
    id: "q2",
    line: 2,
    doc: "report.pdf",
    question: "What is the 2023 working capital ratio? Working capital ratio is defined as total current assets / total current liabilities.",
    answer: "The ratio is 1.5, so the company can cover its current liabilities.",
    evidence_pages: [2],
    evidence_text: "Total current assets 2,100 and total current liabilities 1,400",
  },
] as unknown as EvalQuestion[];

const isJudge = (call: FakeCall) => call.messages[0]?.content.startsWith("You grade answers");

/** What the stand-in reported for these calls, priced by the catalog, in nano-dollars. */
function pricedUsage(calls: FakeCall[]): number {
  return calls.reduce((sum, call) => {
    expect(call.usage).toBeDefined();
    const usage = call.usage!;
    const cost = costOf({ promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens, cachedTokens: usage.prompt_tokens_details.cached_tokens }, getModelPrice(call.model) as ModelPrice);
    return sum + (cost as number);
  }, 0);
}

describe("routing policies answered through a local OpenAI-compatible stand-in", () => {
  let llm: FakeLlm;
  beforeAll(async () => {
    llm = await startFakeLlm();
    process.env.OPENAI_BASE_URL = llm.url;
    process.env.LLM_MAX_RETRIES = "0";
  });
  beforeEach(() => {
    llm.calls.length = 0;
    llm.setBehavior("ok");
  });
  afterAll(async () => {
    await llm.close();
    closeAllDbs();
  });

  const policyNames = routingPolicies({ contextTokens: 2000, ratios: [0.6] }).map((p) => p.name);

  it("names the baseline, compression, in-place compression, skeleton and auto policies", () => {
    expect(policyNames).toEqual(["chunked@gpt-4.1", "compressed-0.6@gpt-4.1", "in-place-0.6@gpt-4.1", "skeleton-gpt-4.1-nano@gpt-4.1", "auto"]);
  });

  it.each(policyNames)("%s: the real cost is the stand-in's reported usage priced by the catalog, and answers are scored", async (name) => {
    const [score] = await answerRoutingPolicies({ questions, documents, ratios: [0.6], judgeModel: "gpt-4o-mini", only: [name] });
    expect(score.name).toBe(name);
    expect(score).toMatchObject({ answered: 2, errors: 0 });
    const answers = llm.calls.filter((c) => !isJudge(c));
    const judged = llm.calls.filter(isJudge);
    expect(score.calls).toBe(answers.length);
    expect(score.answerNanoUsd).toBe(pricedUsage(answers));
    expect(score.answerNanoUsd).toBeGreaterThan(0);
    expect(score.answerUsdPerQuestion).toBeCloseTo(pricedUsage(answers) / 2 / 1e9, 15);
    // One numeric gold answer, one judged; the judge's calls are priced apart, on the judge model.
    expect(score.numeric.questions).toBe(1);
    expect(score.freeText.questions).toBe(1);
    expect(judged).toHaveLength(1);
    expect(judged[0].model).toBe("gpt-4o-mini");
    expect(score.judgeUsd! * 1e9).toBeCloseTo(pricedUsage(judged), 3);
    // The stand-in quotes the first passage; its judge reply is not CORRECT.
    expect(score.freeText.correct).toBe(0);
    expect(score.accuracy).toBe(score.numeric.correct / 2);
    if (name === "auto") {
      expect(score.tiers!.simple + score.tiers!.moderate + score.tiers!.complex).toBe(2);
      expect(score.calls).toBe(2 + score.escalations!);
    } else if (name.startsWith("skeleton-")) {
      // Two calls per question: the skeleton writer, then the strong model on the skeleton and its pages.
      expect(answers.map((c) => c.model).sort()).toEqual(["gpt-4.1", "gpt-4.1", "gpt-4.1-nano", "gpt-4.1-nano"]);
      expect(score.calls).toBe(4);
      expect(score.skeletonFallbacks).toBe(0);
      expect(answers.filter((c) => c.model === "gpt-4.1").every((c) => c.messages[1].content.includes("[Skeleton of the documents"))).toBe(true);
    } else {
      expect(answers.every((c) => c.model === "gpt-4.1")).toBe(true);
      expect(score.calls).toBe(2);
    }
  });

  it("auto escalates a cheap tier's 'not in the context' answer once, both calls paid", async () => {
    llm.setBehavior("not-in-context-for:gpt-4.1-nano");
    const [score] = await answerRoutingPolicies({ questions, documents, judgeModel: "gpt-4o-mini", only: ["auto"] });
    const answers = llm.calls.filter((c) => !isJudge(c));
    expect(score.tiers!.simple).toBeGreaterThanOrEqual(1);
    expect(score.escalations).toBe(score.tiers!.simple);
    expect(answers.filter((c) => c.model === "gpt-4.1-nano")).toHaveLength(score.tiers!.simple);
    expect(answers.filter((c) => c.model === "gpt-4.1-mini").length).toBeGreaterThanOrEqual(score.tiers!.simple);
    expect(score.calls).toBe(answers.length);
    expect(score.answerNanoUsd).toBe(pricedUsage(answers));
  });

  it("two-stage: a malformed skeleton falls back to the extractive context, counted, both calls paid", async () => {
    llm.setBehavior("skeleton-malformed");
    const [score] = await answerRoutingPolicies({ questions, documents, judgeModel: "gpt-4o-mini", only: ["skeleton-gpt-4.1-nano@gpt-4.1"] });
    const answers = llm.calls.filter((c) => !isJudge(c));
    expect(score.skeletonFallbacks).toBe(2);
    expect(score.calls).toBe(4);
    expect(answers.filter((c) => c.model === "gpt-4.1").every((c) => c.messages[0].content.startsWith("You answer questions about documents") && !c.messages[1].content.includes("[Skeleton"))).toBe(true);
    expect(score.answerNanoUsd).toBe(pricedUsage(answers));
  });

  it("puts the answered policies on a cost/quality frontier", async () => {
    const scores = await answerRoutingPolicies({ questions, documents, ratios: [0.6], judgeModel: "gpt-4o-mini" });
    expect(scores.map((s) => s.name)).toEqual(policyNames);
    const points = answerPoints(scores);
    const frontier = answerFrontier(points);
    expect(frontier.length).toBeGreaterThan(0);
    // No point off the frontier is both cheaper and at least as good as every frontier point.
    for (const p of points) {
      if (frontier.includes(p.name)) continue;
      expect(points.some((q) => frontier.includes(q.name) && q.usdPerQuestion! <= p.usdPerQuestion! && q.accuracy! >= p.accuracy!)).toBe(true);
    }
    const table = formatRoutingAnswerTable(scores, new Set(frontier));
    for (const name of policyNames) expect(table).toContain(name);
  });

  it("refuses to run with no LLM configured", async () => {
    const saved = process.env.OPENAI_BASE_URL;
    delete process.env.OPENAI_BASE_URL;
    try {
      await expect(answerRoutingPolicies({ questions, documents, only: ["auto"] })).rejects.toThrow(/no LLM is configured/);
    } finally {
      process.env.OPENAI_BASE_URL = saved;
    }
  });
});
