import { describe, expect, it } from "vitest";
import { dayKeyAt, isValidTimeZone, monthKeyAt, monthRange, parseDateBound, shiftMonth, zonedMidnightMs } from "@/lib/spend/month";

describe("month and day keys in a time zone", () => {
  const instant = Date.UTC(2026, 4, 31, 23, 30); // 2026-05-31 23:30 UTC

  it("reads the calendar month in UTC and in zones either side of it", () => {
    expect(monthKeyAt({ atMs: instant, timeZone: "UTC" })).toBe("2026-05");
    expect(monthKeyAt({ atMs: instant, timeZone: "Europe/Paris" })).toBe("2026-06"); // 01:30 on June 1st
    expect(monthKeyAt({ atMs: instant, timeZone: "America/New_York" })).toBe("2026-05");
    expect(dayKeyAt({ atMs: instant, timeZone: "Asia/Tokyo" })).toBe("2026-06-01");
    expect(dayKeyAt({ atMs: instant, timeZone: "America/Los_Angeles" })).toBe("2026-05-31");
  });

  it("finds local midnight, also on a daylight-saving change day", () => {
    expect(zonedMidnightMs({ year: 2026, month: 6, day: 1, timeZone: "UTC" })).toBe(Date.UTC(2026, 5, 1));
    expect(zonedMidnightMs({ year: 2026, month: 6, day: 1, timeZone: "Europe/Paris" })).toBe(Date.UTC(2026, 4, 31, 22));
    // Europe/Paris switches to summer time on 2026-03-29 at 02:00: midnight is still UTC+1.
    expect(zonedMidnightMs({ year: 2026, month: 3, day: 29, timeZone: "Europe/Paris" })).toBe(Date.UTC(2026, 2, 28, 23));
    expect(zonedMidnightMs({ year: 2026, month: 3, day: 30, timeZone: "Europe/Paris" })).toBe(Date.UTC(2026, 2, 29, 22));
    // Half-hour zone.
    expect(zonedMidnightMs({ year: 2026, month: 1, day: 1, timeZone: "Asia/Kolkata" })).toBe(Date.UTC(2025, 11, 31, 18, 30));
  });

  it("bounds a month, with every day of it, across a year end", () => {
    const december = monthRange({ month: "2025-12", timeZone: "America/New_York" });
    expect(december.startMs).toBe(Date.UTC(2025, 11, 1, 5));
    expect(december.endMs).toBe(Date.UTC(2026, 0, 1, 5));
    expect(december.days).toHaveLength(31);
    expect(december.days[0]).toBe("2025-12-01");
    expect(december.days[30]).toBe("2025-12-31");
    expect(monthRange({ month: "2028-02", timeZone: "UTC" }).days).toHaveLength(29);
    expect(monthRange({ month: "2026-02", timeZone: "UTC" }).days).toHaveLength(28);
    expect(() => monthRange({ month: "2026-13", timeZone: "UTC" })).toThrow(RangeError);
  });

  it("the last instant of a month belongs to it and the next one does not", () => {
    const range = monthRange({ month: "2026-05", timeZone: "Europe/Paris" });
    expect(monthKeyAt({ atMs: range.endMs - 1, timeZone: "Europe/Paris" })).toBe("2026-05");
    expect(monthKeyAt({ atMs: range.endMs, timeZone: "Europe/Paris" })).toBe("2026-06");
    expect(monthKeyAt({ atMs: range.startMs, timeZone: "Europe/Paris" })).toBe("2026-05");
  });

  it("shifts months and validates time zones", () => {
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(shiftMonth("2026-05", 0)).toBe("2026-05");
    expect(isValidTimeZone("Europe/Paris")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });

  it("turns filter dates into bounds in the time zone (to is the end of that day)", () => {
    expect(parseDateBound({ value: "2026-05-02", timeZone: "UTC", bound: "from" })).toBe(Date.UTC(2026, 4, 2));
    expect(parseDateBound({ value: "2026-05-02", timeZone: "UTC", bound: "to" })).toBe(Date.UTC(2026, 4, 3));
    expect(parseDateBound({ value: "2026-05-02", timeZone: "Asia/Tokyo", bound: "from" })).toBe(Date.UTC(2026, 4, 1, 15));
    expect(parseDateBound({ value: "2026-05-02T10:00:00Z", timeZone: "Asia/Tokyo", bound: "from" })).toBe(Date.UTC(2026, 4, 2, 10));
    expect(parseDateBound({ value: "2026-05-02T10:00:00Z", timeZone: "UTC", bound: "to" })).toBe(Date.UTC(2026, 4, 2, 10) + 1);
    expect(parseDateBound({ value: "not a date", timeZone: "UTC", bound: "from" })).toBeNull();
    expect(parseDateBound({ value: "2026-13-01", timeZone: "UTC", bound: "from" })).toBeNull();
  });
});
