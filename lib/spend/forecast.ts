/** Forecast of a month's spend at the current rate, pure. */
import { ONE_DAY_MS } from "./month";

/**
 * Spend at month end if the rate so far continues: spent x month length / time elapsed. Elapsed time
 * counts at least one day, so a question in the first minutes of a month does not forecast a fortune.
 * A finished month forecasts what it spent; a month not yet begun forecasts 0. Nano-dollars, rounded.
 */
export function forecastMonthEnd({ spentNano, startMs, endMs, nowMs }: { spentNano: number; startMs: number; endMs: number; nowMs: number }): number {
  if (nowMs >= endMs) return spentNano;
  if (nowMs < startMs) return 0;
  const lengthMs = endMs - startMs;
  const elapsedMs = Math.min(lengthMs, Math.max(ONE_DAY_MS, nowMs - startMs));
  return Math.round((spentNano * lengthMs) / elapsedMs);
}
