/**
 * The only reader of process.env. Every setting has a default; a blank value means the default.
 * Values are read on each call so tests and scripts can set them before use.
 */
import path from "node:path";

function raw(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function int(name: string, fallback: number, min: number, max: number): number {
  const value = raw(name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(parsed)));
}

export interface Env {
  /** HTTP port; default 3000. */
  port: number;
  /** Interface to listen on; default 127.0.0.1 (loopback only). */
  host: string;
  /** Where the SQLite store and the uploaded PDFs live; default ./data. */
  dataDir: string;
  /** Largest upload in bytes; MAX_UPLOAD_MB default 50 MiB. */
  maxUploadBytes: number;
  /** Most pages per document; default 2000. */
  maxPages: number;
  /** Extraction deadline in ms; EXTRACT_TIMEOUT_S default 60 s. */
  extractTimeoutMs: number;
  /** Extraction worker heap cap in MiB; default 1024. */
  extractMemoryMb: number;
  /** When set, every API call and page needs it. */
  accessToken: string | undefined;
  /** Server-side only: never sent to the browser, a log or an error message. */
  openaiApiKey: string | undefined;
  openaiBaseUrl: string | undefined;
  /** Default model; gpt-4o-mini. */
  openaiModel: string;
  /** max_tokens on every call; default 1024. */
  maxOutputTokens: number;
  /** Per-attempt timeout for LLM calls; default 60000 ms. */
  llmTimeoutMs: number;
  /** Retries on 429/5xx/timeouts; default 2. */
  llmMaxRetries: number;
  /** First retry delay in ms, doubled per retry (capped at 8 s, or the provider's Retry-After); default 500. */
  llmRetryBaseMs: number;
}

export function readEnv(): Env {
  return {
    port: int("PORT", 3000, 1, 65535),
    host: raw("HOST") ?? "127.0.0.1",
    dataDir: path.resolve(/*turbopackIgnore: true*/ raw("DATA_DIR") ?? "./data"),
    maxUploadBytes: int("MAX_UPLOAD_MB", 50, 1, 4096) * 1024 * 1024,
    maxPages: int("MAX_PAGES", 2000, 1, 100_000),
    extractTimeoutMs: int("EXTRACT_TIMEOUT_S", 60, 1, 3600) * 1000,
    extractMemoryMb: int("EXTRACT_MEMORY_MB", 1024, 64, 16_384),
    accessToken: raw("ACCESS_TOKEN"),
    openaiApiKey: raw("OPENAI_API_KEY"),
    openaiBaseUrl: raw("OPENAI_BASE_URL"),
    openaiModel: raw("OPENAI_MODEL") ?? "gpt-4o-mini",
    maxOutputTokens: int("MAX_OUTPUT_TOKENS", 1024, 1, 200_000),
    llmTimeoutMs: int("LLM_TIMEOUT_MS", 60_000, 1, 3_600_000),
    llmMaxRetries: int("LLM_MAX_RETRIES", 2, 0, 10),
    llmRetryBaseMs: int("LLM_RETRY_BASE_MS", 500, 0, 60_000),
  };
}

/** True when an LLM endpoint is configured: a key, or a base URL alone (local servers need no key). */
export function llmConfigured(env: Env = readEnv()): boolean {
  return env.openaiApiKey !== undefined || env.openaiBaseUrl !== undefined;
}
