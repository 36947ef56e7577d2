import { describe, expect, it } from "vitest";
import { isRetryableStatus, parseRetryAfterMs, retryDelayMs, scrubSecrets } from "@/lib/llm";

describe("retries", () => {
  it("backs off exponentially from the base, capped, honouring Retry-After", () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs({ attempt, baseMs: 500 }))).toEqual([500, 1000, 2000, 4000]);
    expect(retryDelayMs({ attempt: 10, baseMs: 500 })).toBe(8000);
    expect(retryDelayMs({ attempt: 1, baseMs: 500, jitter: 1 })).toBe(625);
    expect(retryDelayMs({ attempt: 3, baseMs: 500, retryAfterMs: 20 })).toBe(20);
    expect(retryDelayMs({ attempt: 1, baseMs: 500, retryAfterMs: 60_000 })).toBe(8000);
    expect(retryDelayMs({ attempt: 1, baseMs: 0 })).toBe(0);
  });

  it("retries 408, 409, 429 and 5xx only", () => {
    expect([408, 409, 429, 500, 503].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 422].some(isRetryableStatus)).toBe(false);
  });

  it("reads Retry-After in ms, seconds or as a date", () => {
    expect(parseRetryAfterMs({ retryAfter: null, retryAfterMs: "20", now: 0 })).toBe(20);
    expect(parseRetryAfterMs({ retryAfter: "2", retryAfterMs: null, now: 0 })).toBe(2000);
    expect(parseRetryAfterMs({ retryAfter: new Date(5000).toUTCString(), retryAfterMs: null, now: 1000 })).toBe(4000);
    expect(parseRetryAfterMs({ retryAfter: "soon", retryAfterMs: null, now: 0 })).toBeNull();
    expect(parseRetryAfterMs({ retryAfter: null, retryAfterMs: null, now: 0 })).toBeNull();
  });

  it("scrubs keys from provider messages", () => {
    const key = "sk-proj-abcdefghijklmnop1234";
    expect(scrubSecrets(`Incorrect API key provided: ${key}.`, key)).not.toContain(key);
    expect(scrubSecrets("Incorrect API key provided: sk-abc***********wxyz.", undefined)).not.toMatch(/sk-abc/);
    expect(scrubSecrets("Authorization: Bearer secret-token", undefined)).not.toContain("secret-token");
  });
});
