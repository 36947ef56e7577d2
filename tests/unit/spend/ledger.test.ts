import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { applyRelease, applyReservation, applySettlement, decideReservation, ledgerTotals, remainingNano, usedPercent } from "@/lib/spend/ledger";

describe("budget arithmetic", () => {
  it("sums settled as spent and held as reserved; released counts for nothing", () => {
    expect(
      ledgerTotals([
        { status: "settled", reservedNano: 900, settledNano: 700 },
        { status: "reserved", reservedNano: 300, settledNano: 0 },
        { status: "released", reservedNano: 5_000, settledNano: 0 },
      ]),
    ).toEqual({ spentNano: 700, reservedNano: 300 });
    expect(ledgerTotals([])).toEqual({ spentNano: 0, reservedNano: 0 });
  });

  it("remaining is budget minus spent minus reserved, never negative, null without a budget", () => {
    expect(remainingNano({ budgetNano: 1_000, totals: { spentNano: 200, reservedNano: 300 } })).toBe(500);
    expect(remainingNano({ budgetNano: 1_000, totals: { spentNano: 1_200, reservedNano: 0 } })).toBe(0);
    expect(remainingNano({ budgetNano: null, totals: { spentNano: 1_200, reservedNano: 0 } })).toBeNull();
    expect(remainingNano({ budgetNano: 0, totals: { spentNano: 0, reservedNano: 0 } })).toBe(0);
  });

  it("an estimate equal to the remainder fits; one nano-dollar more does not", () => {
    const totals = { spentNano: 400, reservedNano: 100 };
    expect(decideReservation({ budgetNano: 1_000, totals, estimatedNano: 500 })).toEqual({ fits: true });
    expect(decideReservation({ budgetNano: 1_000, totals, estimatedNano: 501 })).toEqual({ fits: false, remainingNano: 500 });
    expect(decideReservation({ budgetNano: null, totals, estimatedNano: 10 ** 15 })).toEqual({ fits: true });
    expect(decideReservation({ budgetNano: 0, totals: { spentNano: 0, reservedNano: 0 }, estimatedNano: 0 })).toEqual({ fits: true });
  });

  it("settles below and above the estimate, and releases on error", () => {
    let totals = applyReservation({ totals: { spentNano: 0, reservedNano: 0 }, reservedNano: 1_000 });
    expect(totals).toEqual({ spentNano: 0, reservedNano: 1_000 });
    expect(applySettlement({ totals, reservedNano: 1_000, costNano: 600 })).toEqual({ spentNano: 600, reservedNano: 0 });
    expect(applySettlement({ totals, reservedNano: 1_000, costNano: 1_300 })).toEqual({ spentNano: 1_300, reservedNano: 0 });
    totals = applyRelease({ totals, reservedNano: 1_000 });
    expect(totals).toEqual({ spentNano: 0, reservedNano: 0 });
  });

  it("reports the share of the budget used", () => {
    expect(usedPercent({ budgetNano: 1_000, totals: { spentNano: 700, reservedNano: 100 } })).toBe(80);
    expect(usedPercent({ budgetNano: null, totals: { spentNano: 700, reservedNano: 100 } })).toBe(0);
    expect(usedPercent({ budgetNano: 0, totals: { spentNano: 0, reservedNano: 0 } })).toBe(0);
  });

  it("property: reserving only what fits never takes spent + reserved past the budget", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.array(fc.integer({ min: 0, max: 10 ** 8 }), { maxLength: 60 }), (budgetNano, estimates) => {
        let totals = { spentNano: 0, reservedNano: 0 };
        for (const estimatedNano of estimates) {
          if (decideReservation({ budgetNano, totals, estimatedNano }).fits) totals = applyReservation({ totals, reservedNano: estimatedNano });
          expect(totals.spentNano + totals.reservedNano).toBeLessThanOrEqual(budgetNano);
        }
      }),
    );
  });
});
