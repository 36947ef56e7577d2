/**
 * The price catalog in force: the built-in catalog with a person's stored overrides and added models on
 * top. Prices are read at question time, so an edit applies from the next question on; past questions
 * keep the cost stored with them.
 */
import { listStoredPrices } from "../storage/prices";
import { BUILTIN_CATALOG, OFFLINE_MODEL } from "./catalog";
import type { ModelPrice } from "./types";

export * from "./types";
export * from "./cost";
export { BUILTIN_CATALOG, OFFLINE_MODEL } from "./catalog";

/** The offline answerer's entry: free, tiktoken counts, a large window. */
export const OFFLINE_PRICE: ModelPrice = {
  model: OFFLINE_MODEL,
  provider: "Built in (offline)",
  inputPerMTokens: 0,
  cachedInputPerMTokens: 0,
  outputPerMTokens: 0,
  tiers: [],
  contextWindow: 1_000_000,
  encoding: "o200k_base",
  exactTokenizer: true,
  source: "Tokenwise",
  priceDate: "2026-12",
  origin: "catalog",
};

/** Merges stored entries over the built-in catalog (pure). */
export function mergeCatalog(builtin: ReadonlyMap<string, ModelPrice>, stored: ModelPrice[]): Map<string, ModelPrice> {
  const merged = new Map(builtin);
  for (const entry of stored) merged.set(entry.model, { ...entry, origin: builtin.has(entry.model) ? "override" : "custom" });
  return merged;
}

/** Every model with its prices, the offline answerer included, sorted by provider then name. */
export function listModelPrices(): ModelPrice[] {
  const merged = mergeCatalog(BUILTIN_CATALOG, listStoredPrices());
  merged.set(OFFLINE_MODEL, OFFLINE_PRICE);
  return [...merged.values()].sort((a, b) => a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model));
}

/** The prices of one model, or undefined when the catalog does not know it. */
export function getModelPrice(model: string): ModelPrice | undefined {
  if (model === OFFLINE_MODEL) return OFFLINE_PRICE;
  return mergeCatalog(BUILTIN_CATALOG, listStoredPrices()).get(model);
}
