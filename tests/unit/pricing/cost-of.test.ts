import { describe, expect, it } from "vitest";
import { BUILTIN_CATALOG, costOf, estimateCostNano, formatUsd, nanoToUsd } from "@/lib/pricing";
import type { ModelPrice } from "@/lib/pricing";

const mini = BUILTIN_CATALOG.get("gpt-4o-mini") as ModelPrice;
const gpt54 = BUILTIN_CATALOG.get("gpt-5.4") as ModelPrice;

describe("costOf", () => {
  it("bills cached tokens at the cached rate and the rest of the prompt at the input rate", () => {
    // (2000 - 1024) x 0.15 + 1024 x 0.075 + 300 x 0.60 per million = 146.4 + 76.8 + 180 = 403.2 micro-dollars.
    expect(costOf({ promptTokens: 2000, cachedTokens: 1024, completionTokens: 300 }, mini)).toBe(403_200);
  });

  it("treats unknown cached tokens as none cached, and never more cached than prompt", () => {
    expect(costOf({ promptTokens: 1000, cachedTokens: null, completionTokens: 0 }, mini)).toBe(150_000);
    expect(costOf({ promptTokens: 1000, cachedTokens: 5000, completionTokens: 0 }, mini)).toBe(75_000);
  });

  it("is unknown (null), not zero, when prompt or completion tokens are unknown", () => {
    expect(costOf({ promptTokens: null, cachedTokens: 0, completionTokens: 10 }, mini)).toBeNull();
    expect(costOf({ promptTokens: 10, cachedTokens: 0, completionTokens: null }, mini)).toBeNull();
    expect(costOf({ promptTokens: 0, cachedTokens: 0, completionTokens: 0 }, mini)).toBe(0);
  });

  it("switches to the long-context tier above its threshold", () => {
    // 272,000 tokens stay in the base tier: 272000 x 2.50 = $0.68.
    expect(costOf({ promptTokens: 272_000, cachedTokens: 0, completionTokens: 0 }, gpt54)).toBe(680_000_000);
    // One more token: every token at 5.00 = $1.360005.
    expect(costOf({ promptTokens: 272_001, cachedTokens: 0, completionTokens: 1000 }, gpt54)).toBe(1_360_005_000 + 22_500_000);
  });

  it("estimates the reservation as the prompt plus max output tokens, none cached", () => {
    expect(estimateCostNano({ promptTokens: 497, maxOutputTokens: 1024, price: mini })).toBe(74_550 + 614_400);
    expect(nanoToUsd(688_950)).toBeCloseTo(0.00068895, 12);
  });

  it("shows small costs with enough digits", () => {
    expect(formatUsd(0.00068895)).not.toBe("$0.00");
    expect(formatUsd(0.00068895)).toMatch(/^\$0\.0006/);
    expect(formatUsd(0)).toBe("$0");
    expect(formatUsd(null)).toBe("unknown");
  });
});
