import { describe, expect, it } from "vitest";
import {
  summarizeEscalations,
  aggregateByDay,
  aggregateByDocument,
  aggregateByMode,
  aggregateByModel,
  aggregateByTier,
  chargedCost,
  computeSavings,
  splitEvenly,
  totalCost,
  totalTokens,
} from "@/lib/spend/aggregate";
import { summarizeSpend } from "@/lib/spend/summary";
import { monthRange } from "@/lib/spend/month";
import type { QueryLogEntry } from "@/lib/spend/types";

let counter = 0;
function query(partial: Partial<QueryLogEntry>): QueryLogEntry {
  counter += 1;
  return {
    id: `q${counter}`,
    createdAt: Date.UTC(2026, 4, 10, 12),
    question: "What is it?",
    documentIds: ["d1"],
    documentNames: ["Manual.pdf"],
    mode: "chunked",
    model: "gpt-4o-mini",
    tier: null,
    routeStage: null,
    status: "ok",
    errorCode: null,
    promptTokens: 1_000,
    cachedTokens: 0,
    completionTokens: 100,
    estimatedPromptTokens: 1_000,
    estimatedNanoUsd: 900_000,
    costNanoUsd: 210_000,
    costIsEstimate: false,
    fullContextNanoUsd: 5_000_000,
    fullContextFits: true,
    latencyMs: 500,
    ...partial,
  };
}

describe("what a question counts for", () => {
  it("its charged cost; its estimate, marked, when usage is unknown; 0 when refused or failed", () => {
    expect(chargedCost(query({ costNanoUsd: 123 }))).toEqual({ nano: 123, isEstimate: false });
    expect(chargedCost(query({ costNanoUsd: 456, costIsEstimate: true }))).toEqual({ nano: 456, isEstimate: true });
    expect(chargedCost(query({ costNanoUsd: null, promptTokens: null, completionTokens: null, estimatedNanoUsd: 900 }))).toEqual({ nano: 900, isEstimate: true });
    expect(chargedCost(query({ costNanoUsd: null, status: "error", estimatedNanoUsd: 900 }))).toEqual({ nano: 0, isEstimate: false });
    expect(chargedCost(query({ costNanoUsd: null, status: "ok", estimatedNanoUsd: null }))).toEqual({ nano: 0, isEstimate: false });
  });
});

describe("aggregation", () => {
  const offline = query({ model: "offline", costNanoUsd: 0, fullContextNanoUsd: 0, promptTokens: 800, completionTokens: 60 });
  const full = query({ mode: "full", model: "gpt-4o", costNanoUsd: 3_000_000, promptTokens: 10_000, cachedTokens: 4_000, completionTokens: 200, documentIds: ["d2"], documentNames: ["Report.pdf"], tier: "complex" });
  const unknown = query({ costNanoUsd: 900_000, costIsEstimate: true, promptTokens: null, cachedTokens: null, completionTokens: null, tier: "simple" });
  const both = query({ costNanoUsd: 1_001, documentIds: ["d1", "d2"], documentNames: ["Manual.pdf", "Report.pdf"], promptTokens: 101, cachedTokens: 0, completionTokens: 11 });
  const plain = query({});
  const all = [offline, full, unknown, both, plain];

  it("by model: the offline answerer is a model at $0 with its tokens; most expensive first", () => {
    const byModel = aggregateByModel(all);
    expect(byModel.map((b) => b.key)).toEqual(["gpt-4o", "gpt-4o-mini", "offline"]);
    const mini = byModel[1];
    expect(mini.costNano).toBe(900_000 + 1_001 + 210_000);
    expect(mini.estimatedNano).toBe(900_000);
    expect(mini.queries).toBe(3);
    expect(mini.unknownUsageQueries).toBe(1);
    expect(mini.inputTokens).toBe(101 + 1_000);
    expect(mini.outputTokens).toBe(11 + 100);
    const off = byModel[2];
    expect(off).toMatchObject({ costNano: 0, queries: 1, inputTokens: 800, outputTokens: 60, unknownUsageQueries: 0 });
    const big = byModel[0];
    expect(big).toMatchObject({ costNano: 3_000_000, inputTokens: 6_000, cachedTokens: 4_000, outputTokens: 200 });
  });

  it("by mode and by tier", () => {
    const byMode = aggregateByMode(all);
    expect(byMode.map((b) => [b.key, b.costNano, b.queries])).toEqual([
      ["full", 3_000_000, 1],
      ["chunked", 900_000 + 1_001 + 210_000, 4],
    ]);
    const byTier = aggregateByTier(all);
    expect(byTier.map((b) => [b.key, b.queries])).toEqual([
      ["complex", 1],
      ["simple", 1],
      ["unrouted", 3],
    ]);
  });

  it("counts how often routed questions escalated", () => {
    expect(summarizeEscalations(all)).toEqual({ routedQuestions: 0, escalatedQuestions: 0, escalationRate: null });
    const routed = [
      query({ tier: "moderate", routeStage: "escalated" }),
      query({ tier: "complex", routeStage: "final" }),
      query({ tier: "simple", routeStage: "final" }),
      query({ tier: "moderate", routeStage: "final" }),
      query({ tier: "simple", routeStage: "escalated" }),
      query({ tier: "moderate", routeStage: "final" }),
    ];
    expect(summarizeEscalations([...all, ...routed])).toEqual({ routedQuestions: 4, escalatedQuestions: 2, escalationRate: 0.5 });
  });

  it("by document: a question over two documents is shared exactly between them", () => {
    const byDocument = aggregateByDocument(all);
    const manual = byDocument.find((b) => b.key === "d1")!;
    const report = byDocument.find((b) => b.key === "d2")!;
    expect(manual.label).toBe("Manual.pdf");
    expect(report.label).toBe("Report.pdf");
    expect(manual.costNano + report.costNano).toBe(totalCost(all).costNano);
    expect(manual.costNano).toBe(0 + 900_000 + 501 + 210_000);
    expect(report.costNano).toBe(3_000_000 + 500);
    expect(manual.queries).toBe(4);
    expect(report.queries).toBe(2);
  });

  it("splits evenly in integers that add up", () => {
    expect(splitEvenly(10, 3)).toEqual([4, 3, 3]);
    expect(splitEvenly(0, 2)).toEqual([0, 0]);
    expect(splitEvenly(-5, 2)).toEqual([-3, -2]);
    expect(splitEvenly(7, 0)).toEqual([]);
  });

  it("totals tokens over known usage and counts the unknown apart", () => {
    expect(totalTokens(all)).toEqual({ inputTokens: 800 + 6_000 + 101 + 1_000, cachedTokens: 4_000, outputTokens: 60 + 200 + 11 + 100, unknownUsageQueries: 1 });
    expect(totalTokens([])).toEqual({ inputTokens: 0, cachedTokens: 0, outputTokens: 0, unknownUsageQueries: 0 });
  });

  it("savings: chunked questions against the full-document cost of the same questions", () => {
    const savings = computeSavings([plain, full, query({ fullContextNanoUsd: null }), query({ costNanoUsd: 6_000_000, fullContextNanoUsd: 5_000_000 })]);
    expect(savings.comparedQueries).toBe(2);
    expect(savings.uncomparedQueries).toBe(1);
    expect(savings.chunkedNano).toBe(210_000 + 6_000_000);
    expect(savings.fullDocumentNano).toBe(10_000_000);
    expect(savings.savedNano).toBe(10_000_000 - 6_210_000);
    expect(computeSavings([])).toEqual({ comparedQueries: 0, chunkedNano: 0, fullDocumentNano: 0, savedNano: 0, uncomparedQueries: 0 });
  });
});

describe("by day across a month boundary and time zones", () => {
  // 2026-05-31 23:30 UTC is June 1st in Paris; 2026-06-01 03:00 UTC is still May 31st in New York.
  const lateMay = query({ createdAt: Date.UTC(2026, 4, 31, 23, 30), costNanoUsd: 1_000 });
  const earlyJune = query({ createdAt: Date.UTC(2026, 5, 1, 3), costNanoUsd: 2_000 });
  const midMay = query({ createdAt: Date.UTC(2026, 4, 15, 12), costNanoUsd: 4_000 });
  const queries = [lateMay, earlyJune, midMay];
  const now = Date.UTC(2026, 5, 20);

  it("in UTC", () => {
    const may = aggregateByDay({ queries, days: monthRange({ month: "2026-05", timeZone: "UTC" }).days, timeZone: "UTC", nowMs: now });
    expect(may).toHaveLength(31);
    expect(may.find((d) => d.day === "2026-05-31")!.costNano).toBe(1_000);
    expect(may.find((d) => d.day === "2026-05-15")!.costNano).toBe(4_000);
    expect(may.find((d) => d.day === "2026-05-14")!.costNano).toBe(0);
    expect(may.reduce((sum, d) => sum + (d.costNano ?? 0), 0)).toBe(5_000);
  });

  it("in Paris the late-May question falls in June", () => {
    const june = aggregateByDay({ queries, days: monthRange({ month: "2026-06", timeZone: "Europe/Paris" }).days, timeZone: "Europe/Paris", nowMs: now });
    expect(june[0]).toMatchObject({ day: "2026-06-01", costNano: 3_000, queries: 2 });
    // Days after now are a gap, not a zero.
    expect(june.find((d) => d.day === "2026-06-25")!.costNano).toBeNull();
    expect(june.find((d) => d.day === "2026-06-20")!.costNano).toBe(0);
  });

  it("in New York the early-June question falls in May", () => {
    const may = aggregateByDay({ queries, days: monthRange({ month: "2026-05", timeZone: "America/New_York" }).days, timeZone: "America/New_York", nowMs: now });
    expect(may.find((d) => d.day === "2026-05-31")).toMatchObject({ costNano: 3_000, queries: 2 });
  });

  it("the month summary keeps only the month's questions, in the chosen zone", () => {
    const budget = { monthlyUsd: 0.00001, alertPercent: 50, onExceed: "block" as const };
    const ledger = { spentNano: 6_000, reservedNano: 0 };
    const paris = summarizeSpend({ queries, month: "2026-05", timeZone: "Europe/Paris", nowMs: now, budget, ledger });
    expect(paris.totalUsd).toBeCloseTo(4e-6, 12);
    expect(paris.queries).toBe(1);
    const utc = summarizeSpend({ queries, month: "2026-05", timeZone: "UTC", nowMs: now, budget, ledger });
    expect(utc.totalUsd).toBeCloseTo(5e-6, 12);
    expect(utc.forecastUsd).toBeCloseTo(5e-6, 12); // a finished month forecasts what it spent
    expect(utc.budgetUsd).toBe(0.00001);
    expect(utc.remainingUsd).toBeCloseTo(4e-6, 12);
    expect(utc.usedPercent).toBeCloseTo(60, 6);
    expect(utc.alert).toBe(true);
    const noBudget = summarizeSpend({ queries, month: "2026-05", timeZone: "UTC", nowMs: now, budget: { ...budget, monthlyUsd: null }, ledger });
    expect(noBudget.alert).toBe(false);
    expect(noBudget.remainingUsd).toBeNull();
  });
});
