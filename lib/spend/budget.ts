/**
 * Budget enforcement around an LLM call: reserve the estimate before, settle to the real cost after,
 * release on failure. The reservation is checked and written in one IMMEDIATE transaction, so no
 * question slips through between the check and the charge, even with many in flight at once.
 */
import { randomUUID } from "node:crypto";
import { AppError } from "../errors";
import { formatUsd, nanoToUsd, usdToNano } from "../pricing/cost";
import { getAppSettings } from "../settings";
import { readLedgerTotals, releaseInLedger, reserveInLedger, settleInLedger } from "../storage/spend";
import { getBudgetSettings, updateBudgetSettings } from "./budget-settings";
import { decideReservation, remainingNano } from "./ledger";
import { monthKeyAt } from "./month";
import type { BudgetSettings } from "./types";

export interface Reservation {
  id: string;
  reservedNanoUsd: number;
  /** The month ("YYYY-MM", in the settings' time zone) the reservation counts against. */
  month: string;
  /** What was left before this reservation; null when there is no budget. */
  remainingBeforeNanoUsd: number | null;
}

/** The budget as nano-dollars; null means no limit. */
export function budgetNanoOf(settings: BudgetSettings): number | null {
  return settings.monthlyUsd === null ? null : usdToNano(settings.monthlyUsd);
}

/** The message of a refused question: why, and what would fit. */
export function budgetExceededMessage({ remainingNano, estimatedNano }: { remainingNano: number; estimatedNano: number }): string {
  const left = formatUsd(nanoToUsd(remainingNano));
  const needed = formatUsd(nanoToUsd(estimatedNano));
  return (
    `This question would cost up to ${needed}, but only ${left} is left of this month's budget. ` +
    `Try a cheaper model, fewer context tokens (chunked mode), or the offline answerer at $0; or raise the budget in Settings.`
  );
}

/**
 * Reserves estimatedNanoUsd against this month's remaining budget; throws AppError budget_exceeded
 * (402, with remainingUsd and estimatedUsd) when it does not fit. No budget set: always succeeds, and the
 * reservation is still recorded so spend is tracked from the first question.
 */
export function reserveBudget({ estimatedNanoUsd, queryId, now }: { estimatedNanoUsd: number; queryId: string; now: number }): Reservation {
  const estimatedNano = Math.max(0, Math.round(estimatedNanoUsd));
  const budgetNano = budgetNanoOf(getBudgetSettings());
  const month = monthKeyAt({ atMs: now, timeZone: getAppSettings().timeZone });
  const id = randomUUID();
  const { verdict, totals } = reserveInLedger({
    reservation: { id, queryId, createdAt: now, month, reservedNano: estimatedNano },
    decide: (seen) => decideReservation({ budgetNano, totals: seen, estimatedNano }),
  });
  if (!verdict.fits) {
    throw new AppError("budget_exceeded", budgetExceededMessage({ remainingNano: verdict.remainingNano, estimatedNano }), {
      remainingUsd: nanoToUsd(verdict.remainingNano),
      estimatedUsd: nanoToUsd(estimatedNano),
    });
  }
  return { id, reservedNanoUsd: estimatedNano, month, remainingBeforeNanoUsd: remainingNano({ budgetNano, totals }) };
}

/** Settles a reservation to the real cost (nano-dollars; the estimate when the provider reported no usage). */
export function settleReservation({ reservationId, costNanoUsd }: { reservationId: string; costNanoUsd: number }): void {
  settleInLedger({ id: reservationId, costNano: Math.max(0, Math.round(costNanoUsd)) });
}

/** Releases a reservation after a failed call: nothing is charged. */
export function releaseReservation(reservationId: string): void {
  releaseInLedger(reservationId);
}

export interface BudgetStatus extends BudgetSettings {
  month: string;
  spentUsd: number;
  reservedUsd: number;
  /** Null when there is no budget. */
  remainingUsd: number | null;
}

/** The budget settings with this month's spent, reserved and remaining amounts (now defaults to the clock). */
export function getBudgetStatus(now: number = Date.now()): BudgetStatus {
  const settings = getBudgetSettings();
  const month = monthKeyAt({ atMs: now, timeZone: getAppSettings().timeZone });
  const totals = readLedgerTotals(month);
  const remaining = remainingNano({ budgetNano: budgetNanoOf(settings), totals });
  return { ...settings, month, spentUsd: nanoToUsd(totals.spentNano), reservedUsd: nanoToUsd(totals.reservedNano), remainingUsd: nanoToUsd(remaining) };
}

/** Applies a partial budget update and answers the new status. */
export function updateBudget({ patch, now }: { patch: Partial<BudgetSettings>; now: number }): BudgetStatus {
  updateBudgetSettings(patch);
  return getBudgetStatus(now);
}
