import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { spawnSync } from "node:child_process";
import { afterAll, beforeEach, describe, expect, it } from "vitest";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tokenwise-budget-"));
process.env.DATA_DIR = dataDir;

const { reserveBudget, settleReservation, releaseReservation, getBudgetStatus } = await import("@/lib/spend/budget");
const { updateBudgetSettings, getBudgetSettings } = await import("@/lib/spend/budget-settings");
const { getReservation, readLedgerTotals } = await import("@/lib/storage/spend");
const { getDb, closeAllDbs } = await import("@/lib/storage/db");
const { updateAppSettings } = await import("@/lib/settings");
const { AppError } = await import("@/lib/errors");

const MAY = Date.UTC(2026, 4, 10, 12);

beforeEach(() => {
  getDb().exec(`DELETE FROM reservations; DELETE FROM settings;`);
});

afterAll(() => {
  closeAllDbs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function refusal(fn: () => unknown): InstanceType<typeof AppError> {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}

describe("budget settings", () => {
  it("default to no budget, alert at 80, block", () => {
    expect(getBudgetSettings()).toEqual({ monthlyUsd: null, alertPercent: 80, onExceed: "block" });
  });

  it("take partial updates and refuse invalid ones", () => {
    expect(updateBudgetSettings({ monthlyUsd: 12.5 })).toEqual({ monthlyUsd: 12.5, alertPercent: 80, onExceed: "block" });
    expect(updateBudgetSettings({ onExceed: "downgrade" })).toEqual({ monthlyUsd: 12.5, alertPercent: 80, onExceed: "downgrade" });
    expect(() => updateBudgetSettings({ alertPercent: 101 })).toThrow();
    expect(() => updateBudgetSettings({ monthlyUsd: -1 })).toThrow();
    expect(getBudgetSettings().alertPercent).toBe(80);
  });
});

describe("reservations in the store", () => {
  it("with no budget, always succeed and are still recorded", () => {
    const reservation = reserveBudget({ estimatedNanoUsd: 10 ** 12, queryId: "q1", now: MAY });
    expect(reservation.reservedNanoUsd).toBe(10 ** 12);
    expect(reservation.month).toBe("2026-05");
    expect(getReservation(reservation.id)).toMatchObject({ queryId: "q1", status: "reserved", reservedNano: 10 ** 12 });
  });

  it("hold exactly what fits, then refuse with budget_exceeded 402 and the amounts", () => {
    updateBudgetSettings({ monthlyUsd: 0.000005 }); // 5,000 nano-dollars
    const held = [1, 2, 3, 4, 5].map((n) => reserveBudget({ estimatedNanoUsd: 1_000, queryId: `q${n}`, now: MAY }));
    expect(held).toHaveLength(5);
    const err = refusal(() => reserveBudget({ estimatedNanoUsd: 1_000, queryId: "q6", now: MAY }));
    expect(err.code).toBe("budget_exceeded");
    expect(err.status).toBe(402);
    expect(err.details).toEqual({ remainingUsd: 0, estimatedUsd: 0.000001 });
    expect(err.message).toMatch(/offline answerer/);
    expect(readLedgerTotals("2026-05")).toEqual({ spentNano: 0, reservedNano: 5_000 });
  });

  it("settle below the estimate frees the difference; above it charges the real cost; release frees it all", () => {
    updateBudgetSettings({ monthlyUsd: 0.00001 }); // 10,000
    const a = reserveBudget({ estimatedNanoUsd: 4_000, queryId: "a", now: MAY });
    const b = reserveBudget({ estimatedNanoUsd: 4_000, queryId: "b", now: MAY });
    expect(refusal(() => reserveBudget({ estimatedNanoUsd: 2_001, queryId: "c", now: MAY })).details.remainingUsd).toBe(0.000002);

    settleReservation({ reservationId: a.id, costNanoUsd: 1_000 });
    expect(readLedgerTotals("2026-05")).toEqual({ spentNano: 1_000, reservedNano: 4_000 });
    expect(getReservation(a.id)).toMatchObject({ status: "settled", settledNano: 1_000 });

    settleReservation({ reservationId: b.id, costNanoUsd: 4_500 });
    expect(readLedgerTotals("2026-05")).toEqual({ spentNano: 5_500, reservedNano: 0 });

    const c = reserveBudget({ estimatedNanoUsd: 4_500, queryId: "c", now: MAY });
    releaseReservation(c.id);
    expect(getReservation(c.id)).toMatchObject({ status: "released", settledNano: null });
    expect(readLedgerTotals("2026-05")).toEqual({ spentNano: 5_500, reservedNano: 0 });

    // A settled or released reservation is not settled twice.
    settleReservation({ reservationId: a.id, costNanoUsd: 9_999 });
    settleReservation({ reservationId: c.id, costNanoUsd: 9_999 });
    expect(readLedgerTotals("2026-05")).toEqual({ spentNano: 5_500, reservedNano: 0 });

    const status = getBudgetStatus(MAY);
    expect(status).toMatchObject({ monthlyUsd: 0.00001, spentUsd: 0.0000055, reservedUsd: 0, remainingUsd: 0.0000045, month: "2026-05" });
  });

  it("counts each month apart, in the settings' time zone", () => {
    updateBudgetSettings({ monthlyUsd: 0.000001 }); // 1,000
    updateAppSettings({ timeZone: "Europe/Paris" });
    const lastMinuteOfMayUtc = Date.UTC(2026, 4, 31, 23, 59); // June 1st in Paris
    expect(reserveBudget({ estimatedNanoUsd: 1_000, queryId: "x", now: lastMinuteOfMayUtc }).month).toBe("2026-06");
    expect(reserveBudget({ estimatedNanoUsd: 1_000, queryId: "y", now: Date.UTC(2026, 4, 31, 12) }).month).toBe("2026-05");
    expect(refusal(() => reserveBudget({ estimatedNanoUsd: 1, queryId: "z", now: Date.UTC(2026, 5, 2) })).code).toBe("budget_exceeded");
  });

  it("a zero estimate fits even an exhausted budget", () => {
    updateBudgetSettings({ monthlyUsd: 0 });
    expect(reserveBudget({ estimatedNanoUsd: 0, queryId: "free", now: MAY }).reservedNanoUsd).toBe(0);
    expect(refusal(() => reserveBudget({ estimatedNanoUsd: 1, queryId: "paid", now: MAY })).code).toBe("budget_exceeded");
  });

  it("holds across processes: several writers on one store never overrun the budget", () => {
    updateBudgetSettings({ monthlyUsd: 0.0006 }); // 600 reservations of 1,000
    const script = path.join(dataDir, "reserve-worker.ts");
    fs.writeFileSync(
      script,
      `import { reserveBudget } from ${JSON.stringify(path.resolve("lib/spend/budget.ts"))};
       // Start together: wait for the common start instant, then race.
       const startAt = Number(process.env.START_AT);
       while (Date.now() < startAt) { /* spin */ }
       let ok = 0;
       for (let i = 0; i < 200; i++) {
         try { reserveBudget({ estimatedNanoUsd: 1000, queryId: process.pid + "-" + i, now: ${MAY} }); ok++; }
         catch (err) { if ((err as { code?: string }).code !== "budget_exceeded") throw err; }
       }
       console.log(ok);`,
    );
    // Four processes racing from the same instant, each trying two hundred reservations.
    const runner = `
      const { spawn } = require("node:child_process");
      const runs = [0, 1, 2, 3].map(() => new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [require.resolve("tsx/cli"), ${JSON.stringify(script)}], { env: process.env });
        let out = ""; let err = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (err += d));
        child.on("exit", (code) => (code === 0 ? resolve(Number(out.trim())) : reject(new Error(err))));
      }));
      Promise.all(runs).then((counts) => console.log(JSON.stringify(counts)), (e) => { console.error(e.message); process.exit(1); });`;
    const result = spawnSync(process.execPath, ["-e", runner], { env: { ...process.env, DATA_DIR: dataDir, START_AT: String(Date.now() + 4_000) }, encoding: "utf8", timeout: 60_000 });
    expect(result.stderr).toBe("");
    const counts = JSON.parse(result.stdout) as number[];
    expect(counts.reduce((a, b) => a + b, 0)).toBe(600);
    expect(readLedgerTotals("2026-05").reservedNano).toBe(600_000);
  }, 60_000);
});
