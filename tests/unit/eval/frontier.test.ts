import { describe, expect, it } from "vitest";
import { paretoFrontier } from "@/lib/eval/frontier";
import { frontierOf } from "@/lib/eval/report";

describe("paretoFrontier", () => {
  it("keeps the points no other beats on both cost and quality, cheapest first", () => {
    const points = [
      { name: "A", cost: 1, quality: 0.5 },
      { name: "B", cost: 2, quality: 0.4 }, // dominated by A
      { name: "C", cost: 2, quality: 0.7 },
      { name: "D", cost: 3, quality: 0.7 }, // same quality as C, dearer
      { name: "E", cost: 0.5, quality: 0.1 },
      { name: "F", cost: 10, quality: 0.95 },
    ];
    expect(paretoFrontier(points)).toEqual(["E", "A", "C", "F"]);
  });
  it("keeps exact duplicates, ignores non-finite points, handles empty input", () => {
    expect(paretoFrontier([{ name: "A", cost: 1, quality: 0.5 }, { name: "B", cost: 1, quality: 0.5 }])).toEqual(["A", "B"]);
    expect(paretoFrontier([{ name: "A", cost: Number.NaN, quality: 1 }, { name: "B", cost: 1, quality: 0.2 }])).toEqual(["B"]);
    expect(paretoFrontier([])).toEqual([]);
  });
  it("leaves rows with unknown cost off the report's frontier", () => {
    const metrics = { questions: 1, evidenceHit: 1, recall80Share: 1, meanContextTokens: 1, maxContextTokens: 1, meanPages: 1, meanPromptTokens: 1 };
    const rows = [
      { name: "known", metrics: { ...metrics, evidenceRecall: 0.5, usdPerQuestion: 0.001 } },
      { name: "unknown", metrics: { ...metrics, evidenceRecall: 0.9, usdPerQuestion: null } },
    ];
    expect([...frontierOf(rows)]).toEqual(["known"]);
  });
});
