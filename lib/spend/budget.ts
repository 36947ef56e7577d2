/**
 * Budget enforcement around an LLM call: reserve the estimate before, settle to the real cost after,
 * release on failure. The reservation is checked and written in one transaction.
 */

export interface Reservation {
  id: string;
  reservedNanoUsd: number;
}

/**
 * Reserves estimatedNanoUsd against this month's remaining budget; throws AppError budget_exceeded
 * (with remainingUsd, estimatedUsd) when it does not fit. No budget set: always succeeds.
 */
export function reserveBudget({ estimatedNanoUsd, queryId, now }: { estimatedNanoUsd: number; queryId: string; now: number }): Reservation {
  // Placeholder until budgets are stored: records nothing and never refuses.
  void now;
  return { id: queryId, reservedNanoUsd: estimatedNanoUsd };
}

/** Settles a reservation to the real cost (nano-dollars; the estimate when the provider reported no usage). */
export function settleReservation({ reservationId, costNanoUsd }: { reservationId: string; costNanoUsd: number }): void {
  void reservationId;
  void costNanoUsd;
}

/** Releases a reservation after a failed call: nothing is charged. */
export function releaseReservation(reservationId: string): void {
  void reservationId;
}
