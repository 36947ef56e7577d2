import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { call, logQuery } from "./spend-support";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tokenwise-api-spend-"));
process.env.DATA_DIR = dataDir;

const { GET } = await import("@/app/api/spend/route");
const { PUT: putBudget } = await import("@/app/api/budget/route");
const { reserveBudget, settleReservation } = await import("@/lib/spend/budget");
const { closeAllDbs } = await import("@/lib/storage/db");
const { monthKeyAt, shiftMonth } = await import("@/lib/spend/month");

afterAll(() => {
  closeAllDbs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("GET /api/spend", () => {
  it("answers the exact shape, empty", async () => {
    const body = await (await call(GET)).json();
    for (const key of ["month", "totalUsd", "budgetUsd", "remainingUsd", "forecastUsd", "savedUsd", "byDay", "byModel", "byMode", "byDocument"]) expect(body).toHaveProperty(key);
    expect(body.month).toBe(monthKeyAt({ atMs: Date.now(), timeZone: "UTC" }));
    expect(body).toMatchObject({ totalUsd: 0, budgetUsd: null, remainingUsd: null, forecastUsd: 0, savedUsd: 0, byModel: [], byMode: [], byDocument: [] });
    expect(body.byDay.length).toBeGreaterThanOrEqual(28);
  });

  it("sums this month's questions by model, mode and document, with estimates marked and the budget applied", async () => {
    const now = Date.now();
    logQuery({ model: "gpt-4o-mini", costNanoUsd: 210_000, fullContextNanoUsd: 2_000_000 });
    logQuery({ model: "offline", costNanoUsd: 0, fullContextNanoUsd: 0, promptTokens: 700, completionTokens: 50 });
    logQuery({ model: "gpt-4o", mode: "full", costNanoUsd: 3_000_000, documentIds: ["doc-b"], documentNames: ["Report.pdf"], promptTokens: 9_000, cachedTokens: 1_000, completionTokens: 200 });
    logQuery({ model: "gpt-4o-mini", costNanoUsd: 500_000, costIsEstimate: true, promptTokens: null, cachedTokens: null, completionTokens: null, fullContextNanoUsd: null, extra: { route: { tier: "simple", model: "gpt-4o-mini" } } });
    logQuery({ status: "error", errorCode: "budget_exceeded", costNanoUsd: null, promptTokens: null, completionTokens: null, answer: null });
    // Last month: not counted.
    logQuery({ createdAt: now - 40 * 86_400_000, costNanoUsd: 9_999_999 });

    const settle = reserveBudget({ estimatedNanoUsd: 3_710_000, queryId: "sum", now });
    settleReservation({ reservationId: settle.id, costNanoUsd: 3_710_000 });
    await call(putBudget, { method: "PUT", body: { monthlyUsd: 0.004, alertPercent: 90 } });

    const body = await (await call(GET)).json();
    expect(body.totalUsd).toBeCloseTo(0.00371, 12);
    expect(body.estimatedUsd).toBeCloseTo(0.0005, 12);
    expect(body.budgetUsd).toBe(0.004);
    expect(body.remainingUsd).toBeCloseTo(0.00029, 12);
    expect(body.alert).toBe(true);
    expect(body.savedUsd).toBeCloseTo(0.002 - 0.00021, 12);
    expect(body.byModel.map((b: { key: string }) => b.key)).toEqual(["gpt-4o", "gpt-4o-mini", "offline"]);
    const mini = body.byModel.find((b: { key: string }) => b.key === "gpt-4o-mini");
    expect(mini).toMatchObject({ queries: 3, unknownUsageQueries: 2, inputTokens: 1_000, outputTokens: 100 });
    expect(mini.estimatedCostUsd).toBeCloseTo(0.0005, 12);
    expect(body.byModel.find((b: { key: string }) => b.key === "offline")).toMatchObject({ costUsd: 0, queries: 1, inputTokens: 700 });
    expect(body.byMode.map((b: { key: string }) => b.key)).toEqual(["full", "chunked"]);
    expect(body.byDocument.find((b: { key: string }) => b.key === "doc-b").costUsd).toBeCloseTo(0.003, 12);
    const sumOfDays = body.byDay.reduce((s: number, d: { costUsd: number | null }) => s + (d.costUsd ?? 0), 0);
    expect(sumOfDays).toBeCloseTo(body.totalUsd, 12);
    expect(body.forecastUsd).toBeGreaterThanOrEqual(body.totalUsd);
    expect(body.tokens).toMatchObject({ cachedTokens: 1_000 });
    // Routed questions count under their tier; the rest under "unrouted".
    expect(body.byTier.map((b: { key: string; queries: number }) => [b.key, b.queries])).toEqual([
      ["unrouted", 4],
      ["simple", 1],
    ]);
  });

  it("answers a past month on request and refuses a malformed one", async () => {
    const previous = shiftMonth(monthKeyAt({ atMs: Date.now(), timeZone: "UTC" }), -1);
    const body = await (await call(GET, { path: `/api/spend?month=${previous}` })).json();
    expect(body.month).toBe(previous);
    const bad = await call(GET, { path: "/api/spend?month=2026-13" });
    expect(bad.status).toBe(400);
  });
});
