import { describe, expect, it } from "vitest";
import { classifyQuestion, nextTier, readQuestionSignals, retrievalSignals, TIERS, type Tier } from "@/lib/routing/classify";
import fixture from "../../fixtures/routing-questions.json";

// The labels in tests/fixtures/routing-questions.json were written by hand and committed before the
// classifier existed; the classifier is measured against them, never the other way round.
describe("classifyQuestion on hand-labelled questions", () => {
  const results = fixture.questions.map((q) => ({ ...q, got: classifyQuestion({ question: q.question }) }));

  it("agrees with at least 90% of the labels", () => {
    const agree = results.filter((r) => r.got.tier === r.tier).length;
    expect(agree / results.length).toBeGreaterThanOrEqual(0.9);
  });

  it("never mistakes a simple question for a complex one or the reverse", () => {
    const far = results.filter((r) => Math.abs(TIERS.indexOf(r.got.tier) - TIERS.indexOf(r.tier as Tier)) === 2);
    expect(far.map((r) => r.question)).toEqual([]);
  });

  it("has every tier in the labels", () => {
    for (const tier of TIERS) expect(fixture.questions.filter((q) => q.tier === tier).length).toBeGreaterThanOrEqual(10);
  });

  it.each(fixture.retrieval)("moves by retrieval clarity: $about", (row) => {
    const got = classifyQuestion({ question: row.question, retrieval: { topScoreMargin: row.topScoreMargin, pagesSpread: row.pagesSpread } });
    expect(got.tier).toBe(row.tier);
  });
});

describe("classifyQuestion", () => {
  it("says why in words naming what it saw", () => {
    const got = classifyQuestion({ question: "What is the FY2017 return on assets? ROA is defined as: net income / average total assets." });
    expect(got.tier).toBe("complex");
    expect(got.why).toMatch(/^Complex: .*formula/);
    const simple = classifyQuestion({ question: "What is the warranty period?" });
    expect(simple.why).toMatch(/^Simple: asks for a (fact|figure)/);
  });

  it("handles the empty question and unknown retrieval signals", () => {
    expect(classifyQuestion({ question: "" }).tier).toBe("simple");
    expect(classifyQuestion({ question: "   " }).signals.words).toBe(0);
    const unknown = classifyQuestion({ question: "What is revenue?", retrieval: { topScoreMargin: Number.NaN, pagesSpread: null } });
    expect(unknown.tier).toBe("simple");
  });

  it("does not take a company name for a superlative or working capital for an explanation", () => {
    expect(readQuestionSignals("What were Best Buy inventories?").asksComparison).toBe(false);
    expect(readQuestionSignals("What is working capital?").asksExplanation).toBe(false);
  });

  it("counts distinct periods and listed items", () => {
    const s = readQuestionSignals("Major acquisitions in FY2023, FY2022 and FY2021, and revenue in 2020?");
    expect(s.periods).toBe(4);
    expect(s.listedItems).toBeGreaterThanOrEqual(3);
  });

  it("grows with a huge question without throwing", () => {
    const huge = "Compare revenue, margin and cash flow between 2019 and 2023. ".repeat(300);
    expect(classifyQuestion({ question: huge }).tier).toBe("complex");
  });
});

describe("nextTier", () => {
  it("escalates once and stops at complex", () => {
    expect(nextTier("simple")).toBe("moderate");
    expect(nextTier("moderate")).toBe("complex");
    expect(nextTier("complex")).toBeNull();
  });
});

describe("retrievalSignals", () => {
  it("computes the relative margin and the distinct pages", () => {
    const s = retrievalSignals([
      { score: 10, pageStart: 3, pageEnd: 4, documentId: "a" },
      { score: 6, pageStart: 4, pageEnd: 4, documentId: "a" },
      { score: 2, pageStart: 4, pageEnd: 4, documentId: "b" },
    ]);
    expect(s.topScoreMargin).toBeCloseTo(0.4);
    expect(s.pagesSpread).toBe(3);
  });

  it("is unknown with no chunks or no scores, and 1 with a single chunk", () => {
    expect(retrievalSignals([])).toEqual({ topScoreMargin: null, pagesSpread: null });
    expect(retrievalSignals([{ score: null, pageStart: 1, pageEnd: 1 }]).topScoreMargin).toBeNull();
    expect(retrievalSignals([{ score: 5, pageStart: 1, pageEnd: 1 }]).topScoreMargin).toBe(1);
  });
});
