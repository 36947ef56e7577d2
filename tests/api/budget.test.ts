import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { call } from "./spend-support";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tokenwise-api-budget-"));
process.env.DATA_DIR = dataDir;

const { GET, PUT } = await import("@/app/api/budget/route");
const { reserveBudget, settleReservation } = await import("@/lib/spend/budget");
const { closeAllDbs } = await import("@/lib/storage/db");

afterAll(() => {
  closeAllDbs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("GET/PUT /api/budget", () => {
  it("defaults to no budget, alert at 80, block", async () => {
    const response = await call(GET);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ monthlyUsd: null, alertPercent: 80, onExceed: "block", spentUsd: 0, reservedUsd: 0, remainingUsd: null });
  });

  it("takes partial updates and answers the new state", async () => {
    let body = await (await call(PUT, { method: "PUT", body: { monthlyUsd: 10 } })).json();
    expect(body).toMatchObject({ monthlyUsd: 10, alertPercent: 80, onExceed: "block", remainingUsd: 10 });
    body = await (await call(PUT, { method: "PUT", body: { alertPercent: 50, onExceed: "downgrade" } })).json();
    expect(body).toMatchObject({ monthlyUsd: 10, alertPercent: 50, onExceed: "downgrade" });
    expect(await (await call(GET)).json()).toMatchObject({ monthlyUsd: 10, alertPercent: 50, onExceed: "downgrade" });
  });

  it("reports spent, reserved and remaining from the ledger", async () => {
    const a = reserveBudget({ estimatedNanoUsd: 2_000_000_000, queryId: "a", now: Date.now() });
    reserveBudget({ estimatedNanoUsd: 1_000_000_000, queryId: "b", now: Date.now() });
    settleReservation({ reservationId: a.id, costNanoUsd: 1_500_000_000 });
    const body = await (await call(GET)).json();
    expect(body).toMatchObject({ spentUsd: 1.5, reservedUsd: 1, remainingUsd: 7.5 });
  });

  it("null removes the limit", async () => {
    const body = await (await call(PUT, { method: "PUT", body: { monthlyUsd: null } })).json();
    expect(body.monthlyUsd).toBeNull();
    expect(body.remainingUsd).toBeNull();
  });

  it("refuses invalid values with 400 invalid_request and changes nothing", async () => {
    for (const bad of [{ alertPercent: 101 }, { alertPercent: -1 }, { monthlyUsd: -5 }, { onExceed: "ignore" }, { monthlyUsd: "ten" }, { surprise: true }]) {
      const response = await call(PUT, { method: "PUT", body: bad });
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe("invalid_request");
    }
    const notJson = await call(PUT, { method: "PUT", body: "{nope" });
    expect(notJson.status).toBe(400);
    expect(await (await call(GET)).json()).toMatchObject({ monthlyUsd: null, alertPercent: 50, onExceed: "downgrade" });
  });

  it("refuses a cross-site write", async () => {
    const response = await PUT(
      new Request("http://127.0.0.1:3000/api/budget", { method: "PUT", headers: { origin: "http://evil.example", "content-type": "application/json" }, body: JSON.stringify({ monthlyUsd: 0 }) }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(403);
  });
});
