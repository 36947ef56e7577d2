import { describe, expect, it } from "vitest";
import { describeLowConfidence, detectLowConfidence, extractNumbers } from "@/lib/routing/confidence";

const context = "[p. 59] Total current liabilities 1,314,456 and cash from operations 1,469,502 in fiscal 2015.";

describe("detectLowConfidence", () => {
  it("passes a cited answer whose figures come from the context", () => {
    const got = detectLowConfidence({ answer: "Cash from operations was $1,469,502 thousand [p. 59], giving a ratio of 1.12.", context });
    expect(got).toEqual({ low: false, reasons: [] });
  });

  it.each([
    "The context does not contain the operating cash flow.",
    "This information is not in the provided context.",
    "I cannot determine the ratio from the passages.",
    "There is no information about dividends in the documents.",
    "I don't know.",
    "The documents do not say.",
    "None of the retrieved passages seem to answer this question.",
  ])("flags an answer saying the context lacks it: %s", (answer) => {
    expect(detectLowConfidence({ answer: `${answer} (p. 59)`, context }).reasons).toContain("says_not_in_context");
  });

  it("flags an answer that cites no page", () => {
    expect(detectLowConfidence({ answer: "Cash from operations was 1,469,502.", context }).reasons).toEqual(["no_citation"]);
  });

  it("takes structured citations over the text when given", () => {
    expect(detectLowConfidence({ answer: "Cash from operations was 1,469,502.", context, citesPages: true }).low).toBe(false);
  });

  it("flags figures none of which are in the context or question, ignoring years and cited pages", () => {
    const got = detectLowConfidence({ answer: "Revenue was $4,796 million in 2015 (p. 12).", context });
    expect(got.reasons).toEqual(["numbers_not_in_context"]);
    const fromQuestion = detectLowConfidence({ answer: "The ratio is 0.66 (p. 59).", context, question: "Is the ratio 0.66?" });
    expect(fromQuestion.low).toBe(false);
  });

  it("accepts a computed figure when an input figure is from the context", () => {
    expect(detectLowConfidence({ answer: "1,469,502 / 1,314,456 = 1.12 (p. 59)", context }).low).toBe(false);
  });

  it("treats an empty answer as low confidence", () => {
    expect(detectLowConfidence({ answer: "  ", context })).toEqual({ low: true, reasons: ["empty_answer"] });
  });

  it("describes reasons in words", () => {
    expect(describeLowConfidence(["says_not_in_context", "no_citation"])).toBe("the answer says the context lacks it, the answer cites no page");
  });
});

describe("extractNumbers", () => {
  it("folds thousands separators and trailing decimal zeros", () => {
    expect(extractNumbers("16,525 and 0.660 and 2.0, then 7")).toEqual(["16525", "0.66", "2", "7"]);
  });
});
