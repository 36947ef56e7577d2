import { describe, expect, it } from "vitest";
import { forecastMonthEnd } from "@/lib/spend/forecast";

const DAY = 86_400_000;
const start = Date.UTC(2026, 3, 1); // April: 30 days
const end = Date.UTC(2026, 4, 1);

describe("forecast to month end at the current rate", () => {
  it("extrapolates linearly", () => {
    expect(forecastMonthEnd({ spentNano: 1_000, startMs: start, endMs: end, nowMs: start + 10 * DAY })).toBe(3_000);
    expect(forecastMonthEnd({ spentNano: 7_000, startMs: start, endMs: end, nowMs: start + 15 * DAY })).toBe(14_000);
  });

  it("counts at least one day elapsed, so the first hour does not forecast a fortune", () => {
    expect(forecastMonthEnd({ spentNano: 1_000, startMs: start, endMs: end, nowMs: start + 60_000 })).toBe(30_000);
  });

  it("a finished month forecasts what it spent, one not begun forecasts 0, nothing spent forecasts 0", () => {
    expect(forecastMonthEnd({ spentNano: 5_555, startMs: start, endMs: end, nowMs: end + DAY })).toBe(5_555);
    expect(forecastMonthEnd({ spentNano: 5_555, startMs: start, endMs: end, nowMs: end })).toBe(5_555);
    expect(forecastMonthEnd({ spentNano: 0, startMs: start, endMs: end, nowMs: start - DAY })).toBe(0);
    expect(forecastMonthEnd({ spentNano: 0, startMs: start, endMs: end, nowMs: start + 5 * DAY })).toBe(0);
  });

  it("stays an integer and never below what was spent", () => {
    for (const nowMs of [start + 1, start + DAY + 7, start + 29 * DAY + 123, end - 1]) {
      const forecast = forecastMonthEnd({ spentNano: 333_333, startMs: start, endMs: end, nowMs });
      expect(Number.isInteger(forecast)).toBe(true);
      expect(forecast).toBeGreaterThanOrEqual(333_333);
    }
  });
});
