/**
 * The answer cache's key: the same question (normalised) on the same documents, mode and model gives the
 * same key. Pure.
 */
import { createHash } from "node:crypto";

/** Bumped when normalisation changes, so old keys stop matching instead of matching wrongly. */
export const CACHE_KEY_VERSION = "a1";

/**
 * A question folded for comparison: Unicode compatibility forms, case, curly quotes, whitespace and
 * punctuation folded; thousands separators dropped ("1,000" = "1000"); decimals, % and signs between
 * digits kept, so "0.66" and "0 66" or "-5" and "5" stay different.
 */
export function normalizeQuestion(question: string): string {
  return question
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´']/g, "")
    .replace(/(\d),(?=\d{3}\b)/g, "$1")
    .replace(/(\d)\.(?=\d)/g, "$1\u0000")
    .replace(/(^|[^\p{L}\p{N}])-(?=\d)/gu, "$1\u0001")
    .replace(/[^\p{L}\p{N}%\u0000\u0001]+/gu, " ")
    .replace(/\u0000/g, ".")
    .replace(/\u0001/g, "-")
    .trim();
}

export interface CacheKeyInput {
  question: string;
  /** The documents asked about (resolved ids: "all" must be expanded by the caller). Order and repeats do not matter. */
  documentIds: readonly string[];
  mode: string;
  model: string;
  /** Anything else that changes the answer (a context budget, a route), as a short string; default "". */
  variant?: string;
}

/** The cache key: a version prefix and a sha256 of the normalised parts. */
export function answerCacheKey({ question, documentIds, mode, model, variant = "" }: CacheKeyInput): string {
  const ids = [...new Set(documentIds)].sort();
  const parts = JSON.stringify([normalizeQuestion(question), ids, mode.trim().toLowerCase(), model.trim(), variant]);
  return `${CACHE_KEY_VERSION}:${createHash("sha256").update(parts).digest("hex")}`;
}
