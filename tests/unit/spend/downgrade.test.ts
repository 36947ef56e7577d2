import { describe, expect, it } from "vitest";
import { decideDowngrade } from "@/lib/spend/downgrade";

// Estimate: per-model price per context token plus a fixed output part.
const perToken: Record<string, number> = { "gpt-4o": 10, "gpt-4o-mini": 2, "gpt-4.1-nano": 1 };
const estimateNano = ({ model, contextTokens }: { model: string; contextTokens: number }) => perToken[model] * (contextTokens + 500);

describe("downgrade decision", () => {
  const requested = { model: "gpt-4o", contextTokens: 2_000 };
  const candidateModels = ["gpt-4o", "gpt-4o-mini", "gpt-4.1-nano"];

  it("keeps the request when it fits or when there is no budget", () => {
    expect(decideDowngrade({ requested, candidateModels, estimateNano, remainingNano: 25_000 })).toMatchObject({ model: "gpt-4o", contextTokens: 2_000, changed: false, changes: [] });
    expect(decideDowngrade({ requested, candidateModels, estimateNano, remainingNano: null })).toMatchObject({ changed: false });
  });

  it("switches to the cheapest configured model first", () => {
    const plan = decideDowngrade({ requested, candidateModels, estimateNano, remainingNano: 3_000 })!;
    expect(plan).toMatchObject({ model: "gpt-4.1-nano", contextTokens: 2_000, estimatedNanoUsd: 2_500, changed: true });
    expect(plan.changes).toEqual(["Answered with gpt-4.1-nano instead of gpt-4o, the cheapest configured model."]);
    expect(plan.reason).toContain("left of this month's budget");
  });

  it("then fewer context tokens with that model", () => {
    const plan = decideDowngrade({ requested, candidateModels, estimateNano, remainingNano: 1_600 })!;
    expect(plan).toMatchObject({ model: "gpt-4.1-nano", contextTokens: 1_000, estimatedNanoUsd: 1_500 });
    expect(plan.changes).toHaveLength(2);
    expect(plan.changes[1]).toBe("Sent at most 1000 context tokens instead of 2000.");
  });

  it("goes down to the floor and no further; null when nothing fits", () => {
    expect(decideDowngrade({ requested, candidateModels, estimateNano, remainingNano: 700 })).toMatchObject({ contextTokens: 200, estimatedNanoUsd: 700 });
    expect(decideDowngrade({ requested, candidateModels, estimateNano, remainingNano: 699 })).toBeNull();
    expect(decideDowngrade({ requested, candidateModels, estimateNano, remainingNano: 0 })).toBeNull();
  });

  it("does not reduce the context when it cannot (full-document mode)", () => {
    expect(decideDowngrade({ requested, candidateModels, estimateNano, remainingNano: 1_600, canReduceContext: false })).toBeNull();
  });

  it("reduces the context of the requested model when it is already the cheapest", () => {
    const plan = decideDowngrade({ requested: { model: "gpt-4.1-nano", contextTokens: 4_000 }, candidateModels: ["gpt-4.1-nano", "gpt-4o"], estimateNano, remainingNano: 2_600 })!;
    expect(plan).toMatchObject({ model: "gpt-4.1-nano", contextTokens: 2_000 });
    expect(plan.changes).toEqual(["Sent at most 2000 context tokens instead of 4000."]);
  });
});
