import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tokenwise-fit-budget-"));
process.env.DATA_DIR = dataDir;
process.env.OPENAI_MODEL = "gpt-4o";

const { fitPlanToBudget, configuredModels } = await import("@/lib/spend/fit-budget");
const { updateBudgetSettings } = await import("@/lib/spend/budget-settings");
const { reserveBudget, settleReservation } = await import("@/lib/spend/budget");
const { getDb, closeAllDbs } = await import("@/lib/storage/db");
const { updateRoutingSettings } = await import("@/lib/routing/config");

const NOW = Date.UTC(2026, 4, 10);
// A stand-in plan: nano-dollars per context token by model, plus a fixed part.
const perToken: Record<string, number> = { "gpt-4o": 10, "gpt-4.1-mini": 3, "gpt-4.1": 8, "gpt-4.1-nano": 1 };
const planFor = ({ model, contextTokens }: { model: string; contextTokens: number }) => ({ model, mode: "chunked", contextTokens, estimatedNanoUsd: perToken[model] * (contextTokens + 500) });

function spend(nano: number) {
  const r = reserveBudget({ estimatedNanoUsd: nano, queryId: "spent", now: NOW });
  settleReservation({ reservationId: r.id, costNanoUsd: nano });
}

beforeEach(() => {
  getDb().exec(`DELETE FROM reservations; DELETE FROM settings; DELETE FROM prices;`);
});

afterAll(() => {
  closeAllDbs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("fitting a question to the budget", () => {
  it("configured models: the default, the routing tiers' and added ones, never offline", () => {
    updateRoutingSettings({ simple: { model: "gpt-4.1-mini" }, moderate: { model: "gpt-4.1-mini" }, complex: { model: "gpt-4.1" } });
    expect(configuredModels().sort()).toEqual(["gpt-4.1", "gpt-4.1-mini", "gpt-4o"]);
    updateRoutingSettings({ simple: { model: "gpt-4.1-nano" } });
    expect(configuredModels()).toContain("gpt-4.1-nano");
    updateRoutingSettings({ simple: { model: "offline" } });
    expect(configuredModels()).not.toContain("offline");
  });

  it("leaves the plan alone with block, with no budget, or when it fits", () => {
    const plan = planFor({ model: "gpt-4o", contextTokens: 2000 });
    expect(fitPlanToBudget({ plan, contextTokens: 2000, replan: planFor, now: NOW }).downgrade).toBeNull();
    updateBudgetSettings({ monthlyUsd: 0.000001, onExceed: "block" });
    expect(fitPlanToBudget({ plan, contextTokens: 2000, replan: planFor, now: NOW }).plan).toBe(plan);
    updateBudgetSettings({ monthlyUsd: 1, onExceed: "downgrade" });
    expect(fitPlanToBudget({ plan, contextTokens: 2000, replan: planFor, now: NOW }).downgrade).toBeNull();
  });

  it("downgrades to the cheapest configured model, then fewer context tokens, against what is left", () => {
    updateRoutingSettings({ simple: { model: "gpt-4.1-mini" }, moderate: { model: "gpt-4.1-mini" }, complex: { model: "gpt-4.1" } });
    updateBudgetSettings({ monthlyUsd: 0.00001, onExceed: "downgrade" }); // 10,000 nano
    spend(2_000); // 8,000 left
    const plan = planFor({ model: "gpt-4o", contextTokens: 2000 }); // 25,000
    const fitted = fitPlanToBudget({ plan, contextTokens: 2000, replan: planFor, now: NOW });
    expect(fitted.plan).toMatchObject({ model: "gpt-4.1-mini", contextTokens: 2000, estimatedNanoUsd: 7_500 });
    expect(fitted.downgrade).toMatchObject({ requestedModel: "gpt-4o", model: "gpt-4.1-mini", contextTokens: 2000 });
    expect(fitted.downgrade!.reason).toContain("left of this month's budget");

    spend(5_000); // 3,000 left: 3 x (500 + 500) fits
    const smaller = fitPlanToBudget({ plan, contextTokens: 2000, replan: planFor, now: NOW });
    expect(smaller.plan).toMatchObject({ model: "gpt-4.1-mini", contextTokens: 500, estimatedNanoUsd: 3_000 });
    expect(smaller.downgrade!.changes).toHaveLength(2);
  });

  it("skips a re-plan that fails, and keeps the plan when nothing fits (the reservation then refuses it)", () => {
    updateRoutingSettings({ simple: { model: "gpt-4.1-mini" }, moderate: { model: "gpt-4.1-mini" }, complex: { model: "gpt-4.1" } });
    updateBudgetSettings({ monthlyUsd: 0.000001, onExceed: "downgrade" }); // 1,000 nano
    const plan = planFor({ model: "gpt-4o", contextTokens: 2000 });
    const replan = (choice: { model: string; contextTokens: number }) => {
      if (choice.model === "gpt-4.1-mini") throw new Error("context_too_large");
      return planFor(choice);
    };
    const fitted = fitPlanToBudget({ plan, contextTokens: 2000, replan, now: NOW });
    expect(fitted.plan).toBe(plan);
    expect(fitted.downgrade).toBeNull();
  });

  it("never reduces the context of a full-document question", () => {
    updateRoutingSettings({ simple: { model: "gpt-4.1-mini" }, moderate: { model: "gpt-4.1-mini" }, complex: { model: "gpt-4.1" } });
    updateBudgetSettings({ monthlyUsd: 0.000003, onExceed: "downgrade" }); // 3,000: mini needs 7,500 at 2000 tokens
    const plan = { ...planFor({ model: "gpt-4o", contextTokens: 2000 }), mode: "full" };
    const fitted = fitPlanToBudget({ plan, contextTokens: 2000, replan: (c) => ({ ...planFor(c), mode: "full" }), now: NOW });
    expect(fitted.downgrade).toBeNull();
  });
});
