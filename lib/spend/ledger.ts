/**
 * Budget arithmetic, pure: what is left of a month's budget and whether an estimate fits in it.
 * A reservation holds its estimate until it is settled (to the real cost) or released (to nothing).
 * Nano-dollars throughout; a null budget means no limit.
 */
import type { LedgerTotals } from "./types";

/** One row of the ledger grouped by status, as the store sums it. */
export interface LedgerGroup {
  status: "reserved" | "settled" | "released";
  reservedNano: number;
  settledNano: number;
}

/** Spent = settled amounts; reserved = estimates still held; released rows count for nothing. */
export function ledgerTotals(groups: LedgerGroup[]): LedgerTotals {
  let spentNano = 0;
  let reservedNano = 0;
  for (const group of groups) {
    if (group.status === "settled") spentNano += group.settledNano;
    else if (group.status === "reserved") reservedNano += group.reservedNano;
  }
  return { spentNano, reservedNano };
}

/** What is left: budget - spent - reserved, never below 0; null when there is no budget. */
export function remainingNano({ budgetNano, totals }: { budgetNano: number | null; totals: LedgerTotals }): number | null {
  if (budgetNano === null) return null;
  return Math.max(0, budgetNano - totals.spentNano - totals.reservedNano);
}

export type ReservationDecision = { fits: true } | { fits: false; remainingNano: number };

/** Whether estimatedNano fits in what is left (an estimate equal to the remainder fits). */
export function decideReservation({ budgetNano, totals, estimatedNano }: { budgetNano: number | null; totals: LedgerTotals; estimatedNano: number }): ReservationDecision {
  const remaining = remainingNano({ budgetNano, totals });
  if (remaining === null || estimatedNano <= remaining) return { fits: true };
  return { fits: false, remainingNano: remaining };
}

/** Totals after settling a held reservation of reservedNano to costNano (above or below the estimate). */
export function applySettlement({ totals, reservedNano, costNano }: { totals: LedgerTotals; reservedNano: number; costNano: number }): LedgerTotals {
  return { spentNano: totals.spentNano + costNano, reservedNano: totals.reservedNano - reservedNano };
}

/** Totals after releasing a held reservation: nothing is charged. */
export function applyRelease({ totals, reservedNano }: { totals: LedgerTotals; reservedNano: number }): LedgerTotals {
  return { spentNano: totals.spentNano, reservedNano: totals.reservedNano - reservedNano };
}

/** Totals after holding a new reservation. */
export function applyReservation({ totals, reservedNano }: { totals: LedgerTotals; reservedNano: number }): LedgerTotals {
  return { spentNano: totals.spentNano, reservedNano: totals.reservedNano + reservedNano };
}

/** Percent of the budget used (spent + reserved), 0 when there is no budget; may exceed 100. */
export function usedPercent({ budgetNano, totals }: { budgetNano: number | null; totals: LedgerTotals }): number {
  if (budgetNano === null) return 0;
  if (budgetNano === 0) return totals.spentNano + totals.reservedNano > 0 ? 100 : 0;
  return ((totals.spentNano + totals.reservedNano) / budgetNano) * 100;
}
