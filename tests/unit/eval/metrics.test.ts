import { describe, expect, it } from "vitest";
import { aggregateMeasures, contextTokenCount, evidenceHit, evidenceRecall, metricTerms, pagesTouched, type QuestionMeasure } from "@/lib/eval/metrics";

describe("metricTerms", () => {
  it("lower-cases, keeps words and numbers, removes commas inside numbers", () => {
    expect(metricTerms("Revenue was $16,525.5 in FY2019; up 3%.")).toEqual(["revenue", "was", "16525.5", "in", "fy", "2019", "up", "3"]);
    expect(metricTerms("")).toEqual([]);
  });
});

describe("evidenceRecall", () => {
  it("counts the evidence's terms as a multiset (hand-computed)", () => {
    // Evidence terms: revenue x2, was, 1200, in, 2019, grew = 7. Context has revenue once, 1200, 2019: 3 of 7.
    expect(evidenceRecall("Revenue was 1,200 in 2019. Revenue grew.", "revenue: 1200 (2019)")).toBeCloseTo(3 / 7, 10);
    expect(evidenceRecall("Revenue was 1,200", "REVENUE WAS 1,200 and more")).toBe(1);
    expect(evidenceRecall("Revenue", "")).toBe(0);
  });
  it("is unknown (null) for evidence without terms", () => {
    expect(evidenceRecall("", "anything")).toBeNull();
    expect(evidenceRecall(" -- ", "anything")).toBeNull();
  });
});

describe("evidenceHit and pagesTouched", () => {
  const chunks = [
    { pageStart: 3, pageEnd: 5 },
    { pageStart: 9, pageEnd: 9 },
  ];
  it("hits when any chunk spans an evidence page", () => {
    expect(evidenceHit(chunks, [4])).toBe(1);
    expect(evidenceHit(chunks, [9, 20])).toBe(1);
    expect(evidenceHit(chunks, [6, 8])).toBe(0);
    expect(evidenceHit([], [1])).toBe(0);
    expect(evidenceHit(chunks, [])).toBeNull();
    expect(evidenceHit(chunks, undefined)).toBeNull();
  });
  it("counts distinct pages", () => {
    expect(pagesTouched(chunks)).toBe(4);
    expect(pagesTouched([...chunks, { pageStart: 5, pageEnd: 6 }])).toBe(5);
    expect(pagesTouched([])).toBe(0);
  });
});

describe("contextTokenCount", () => {
  it("counts the texts joined by blank lines", () => {
    // "Lease costs were 300." is 6 tokens; joined with itself by a blank line the final "." and "\n\n"
    // become one token: 6 + 6 (counted on the joined text, not summed).
    expect(contextTokenCount(["Lease costs were 300."])).toBe(6);
    expect(contextTokenCount(["Lease costs were 300.", "Lease costs were 300."])).toBe(12);
    expect(contextTokenCount(["Lease costs were 300", "Lease costs were 300"])).toBe(11);
    expect(contextTokenCount([])).toBe(0);
  });
});

describe("aggregateMeasures", () => {
  const base = { contextTokens: 0, pages: 0, promptTokens: 0, costNano: 0 };
  it("averages per question and leaves unknowns out of means", () => {
    const measures: QuestionMeasure[] = [
      { ...base, id: "a", hit: 1, recall: 0.9, contextTokens: 100, pages: 2, promptTokens: 150, costNano: 1000 },
      { ...base, id: "b", hit: 0, recall: 0.5, contextTokens: 300, pages: 4, promptTokens: 350, costNano: 3000 },
      { ...base, id: "c", hit: null, recall: null, contextTokens: 200, pages: 3, promptTokens: 250, costNano: 2000 },
    ];
    expect(aggregateMeasures(measures)).toEqual({
      questions: 3,
      evidenceHit: 0.5,
      evidenceRecall: 0.7,
      recall80Share: 0.5,
      meanContextTokens: 200,
      maxContextTokens: 300,
      meanPages: 3,
      meanPromptTokens: 250,
      usdPerQuestion: 2000 / 1e9,
    });
  });
  it("reports unknown cost when any question's cost is unknown, and null metrics without evidence", () => {
    const result = aggregateMeasures([{ ...base, id: "a", hit: null, recall: null, costNano: null }]);
    expect(result.usdPerQuestion).toBeNull();
    expect(result.evidenceHit).toBeNull();
    expect(result.recall80Share).toBeNull();
    expect(aggregateMeasures([]).meanContextTokens).toBe(0);
  });
});
