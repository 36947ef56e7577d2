import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { answerCacheKey, normalizeQuestion } from "@/lib/cache/key";

const base = { question: "What was total revenue in 2023?", documentIds: ["b", "a"], mode: "chunked", model: "gpt-4o-mini" };

describe("normalizeQuestion", () => {
  it.each([
    ["What was total revenue in 2023?", "what was total revenue in 2023"],
    ["  WHAT   was total\nrevenue in 2023 ?!", "what was total revenue in 2023"],
    ["What’s the CEO's name?", "whats the ceos name"],
    ["Revenue above $1,000,000?", "revenue above 1000000"],
    ["Is the ratio 0.66 or 0,66?", "is the ratio 0.66 or 0 66"],
    ["Change of -5% vs 5%", "change of -5% vs 5%"],
    ["ｆｕｌｌｗｉｄｔｈ ＦＹ２０２３", "fullwidth fy2023"],
    ["", ""],
  ])("%j -> %j", (input, expected) => {
    expect(normalizeQuestion(input)).toBe(expected);
  });
});

describe("answerCacheKey", () => {
  const key = answerCacheKey(base);

  it("is the same for case, whitespace, punctuation and document order", () => {
    expect(answerCacheKey({ ...base, question: "what WAS total revenue in 2023", documentIds: ["a", "b", "a"] })).toBe(key);
  });

  it("differs by question, documents, mode, model and variant", () => {
    expect(answerCacheKey({ ...base, question: "What was total revenue in 2022?" })).not.toBe(key);
    expect(answerCacheKey({ ...base, documentIds: ["a"] })).not.toBe(key);
    expect(answerCacheKey({ ...base, documentIds: [] })).not.toBe(key);
    expect(answerCacheKey({ ...base, mode: "full" })).not.toBe(key);
    expect(answerCacheKey({ ...base, model: "gpt-4o" })).not.toBe(key);
    expect(answerCacheKey({ ...base, variant: "ctx=4000" })).not.toBe(key);
  });

  it("does not confuse a question split differently between fields", () => {
    expect(answerCacheKey({ ...base, documentIds: ["a,b"] })).not.toBe(answerCacheKey({ ...base, documentIds: ["a", "b"] }));
  });

  it("is a versioned hex digest", () => {
    expect(key).toMatch(/^a1:[0-9a-f]{64}$/);
  });

  it("is stable under any reordering of documents (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.uuid(), { minLength: 0, maxLength: 8 }), fc.string(), (ids, q) => {
        const shuffled = [...ids].reverse();
        expect(answerCacheKey({ ...base, question: q, documentIds: ids })).toBe(answerCacheKey({ ...base, question: q, documentIds: shuffled }));
      }),
    );
  });
});
