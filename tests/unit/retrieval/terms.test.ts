import { describe, expect, it } from "vitest";
import { analyzeQuestion, analyzeText, splitWords } from "@/lib/retrieval/terms";

describe("splitWords", () => {
  it("folds case, splits camel case, hyphens and letter/digit boundaries", () => {
    expect(splitWords("FreeCashFlow year-over-year FY2019 EBITDAMargin")).toEqual(["free", "cash", "flow", "year", "over", "year", "fy", "2019", "ebitda", "margin"]);
  });
  it("keeps numbers whole without thousands separators", () => {
    expect(splitWords("$16,525 and 3.5% in 2019, then 1,117,400.")).toEqual(["16525", "and", "3.5", "in", "2019", "then", "1117400"]);
  });
  it("returns nothing for empty text", () => {
    expect(splitWords("")).toEqual([]);
    expect(analyzeText("  \n")).toEqual([]);
  });
});

describe("analyzeText and analyzeQuestion", () => {
  it("stems so plural and singular meet", () => {
    expect(analyzeText("Consolidated Statements of Cash Flows")).toEqual(analyzeText("consolidated statement of cash flow"));
  });
  it("drops stopwords from text and instruction words from questions only", () => {
    expect(analyzeText("the answer")).toEqual(["answer"]);
    expect(analyzeQuestion("Round your answer to two decimal places: what is the operating margin?")).toEqual(analyzeText("operating margin"));
  });
});
