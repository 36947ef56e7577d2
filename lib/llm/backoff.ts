/**
 * Retry delays for model calls, pure: exponential from baseMs (default 500 ms), capped at maxMs (default
 * 8000 ms), with up to 25% jitter supplied by the caller; a provider's Retry-After wins when shorter than the cap.
 */
export function retryDelayMs({ attempt, baseMs, maxMs = 8000, retryAfterMs, jitter = 0 }: { attempt: number; baseMs: number; maxMs?: number; retryAfterMs?: number | null; jitter?: number }): number {
  if (retryAfterMs !== undefined && retryAfterMs !== null && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) {
    return Math.min(maxMs, Math.round(retryAfterMs));
  }
  const exponential = baseMs * 2 ** Math.max(0, attempt - 1);
  return Math.min(maxMs, Math.round(exponential * (1 + 0.25 * Math.min(1, Math.max(0, jitter)))));
}

/** True for statuses worth retrying: 408, 409, 429 and every 5xx (as the OpenAI SDK does). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Retry-After (seconds or HTTP date) or retry-after-ms header in ms; null when absent or unreadable. */
export function parseRetryAfterMs({ retryAfter, retryAfterMs, now }: { retryAfter: string | null; retryAfterMs: string | null; now: number }): number | null {
  if (retryAfterMs !== null) {
    const ms = Number(retryAfterMs);
    if (Number.isFinite(ms) && ms >= 0) return ms;
  }
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  return null;
}
