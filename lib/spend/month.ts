/**
 * Calendar months and days in an IANA time zone, with the Intl APIs only (no clock: every function takes
 * the instant it works on). A month key is "YYYY-MM", a day key "YYYY-MM-DD"; instants are epoch ms.
 */

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export interface ZonedParts {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** True when timeZone is an IANA name this runtime knows ("UTC", "Europe/Paris", ...). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock date and time at atMs in timeZone. */
export function zonedParts({ atMs, timeZone }: { atMs: number; timeZone: string }): ZonedParts {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(atMs))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour % 24, minute: parts.minute, second: parts.second };
}

/** Offset of timeZone from UTC at atMs, in ms (positive east of Greenwich). */
function offsetMs(atMs: number, timeZone: string): number {
  const p = zonedParts({ atMs, timeZone });
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(atMs / 1000) * 1000;
}

/** The instant of local midnight starting the given day in timeZone (month may overflow: 13 is next January). */
export function zonedMidnightMs({ year, month, day, timeZone }: { year: number; month: number; day: number; timeZone: string }): number {
  const wall = Date.UTC(year, month - 1, day);
  // Two passes settle the offset, also across a daylight-saving change on that day.
  let guess = wall - offsetMs(wall, timeZone);
  guess = wall - offsetMs(guess, timeZone);
  return guess;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

/** "YYYY-MM" of the calendar month holding atMs in timeZone. */
export function monthKeyAt({ atMs, timeZone }: { atMs: number; timeZone: string }): string {
  const p = zonedParts({ atMs, timeZone });
  return `${pad(p.year, 4)}-${pad(p.month)}`;
}

/** "YYYY-MM-DD" of the calendar day holding atMs in timeZone. */
export function dayKeyAt({ atMs, timeZone }: { atMs: number; timeZone: string }): string {
  const p = zonedParts({ atMs, timeZone });
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

const MONTH_KEY = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** True for a well-formed "YYYY-MM". */
export function isMonthKey(value: string): boolean {
  return MONTH_KEY.test(value);
}

export interface MonthRange {
  month: string;
  /** First instant of the month in the time zone (inclusive). */
  startMs: number;
  /** First instant of the next month (exclusive). */
  endMs: number;
  /** Day keys of every day in the month, in order. */
  days: string[];
}

/** The instants bounding a "YYYY-MM" month in timeZone, and its day keys. */
export function monthRange({ month, timeZone }: { month: string; timeZone: string }): MonthRange {
  const match = MONTH_KEY.exec(month);
  if (!match) throw new RangeError(`Not a month: ${month}`);
  const year = Number(match[1]);
  const monthNumber = Number(match[2]);
  const dayCount = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  const days = Array.from({ length: dayCount }, (_, index) => `${match[1]}-${match[2]}-${pad(index + 1)}`);
  return {
    month,
    startMs: zonedMidnightMs({ year, month: monthNumber, day: 1, timeZone }),
    endMs: zonedMidnightMs({ year, month: monthNumber + 1, day: 1, timeZone }),
    days,
  };
}

/** The month key before or after month (delta in months). */
export function shiftMonth(month: string, delta: number): string {
  const match = MONTH_KEY.exec(month);
  if (!match) throw new RangeError(`Not a month: ${month}`);
  const index = Number(match[1]) * 12 + Number(match[2]) - 1 + delta;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A date filter bound as epoch ms: "YYYY-MM-DD" is a whole day in timeZone (from: its first instant;
 * to: the first instant of the next day, exclusive); an ISO date-time or epoch ms is taken as is
 * (to: exclusive of that instant plus one ms, so the named instant is included). Null when unreadable.
 */
export function parseDateBound({ value, timeZone, bound }: { value: string; timeZone: string; bound: "from" | "to" }): number | null {
  const trimmed = value.trim();
  const dateOnly = DATE_ONLY.exec(trimmed);
  if (dateOnly) {
    const [year, month, day] = [Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3])];
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
    return zonedMidnightMs({ year, month, day: bound === "from" ? day : day + 1, timeZone });
  }
  const asNumber = /^\d{1,15}$/.test(trimmed) ? Number(trimmed) : Date.parse(trimmed);
  if (!Number.isFinite(asNumber)) return null;
  return bound === "from" ? asNumber : asNumber + 1;
}

/** One day in ms (no daylight-saving awareness: for rates, not for calendars). */
export const ONE_DAY_MS = DAY_MS;
