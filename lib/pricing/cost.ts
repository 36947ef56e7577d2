/**
 * Cost arithmetic, pure and exact: integer nano-dollars (1e-9 USD). Prices are turned into integer
 * pico-dollars per token (exact for prices with up to six decimals per million tokens), multiplied by
 * integer token counts, and rounded once to the nano-dollar at the end.
 */
import type { ModelPrice, PriceTier, TokenUsage } from "./types";

const NANO_PER_USD = 1_000_000_000;

/** The prices in force for a prompt of promptTokens tokens (the highest tier it passes). */
export function pricesForPrompt(price: ModelPrice, promptTokens: number): Omit<PriceTier, "aboveTokens"> {
  let active: Omit<PriceTier, "aboveTokens"> = price;
  for (const tier of price.tiers) if (promptTokens > tier.aboveTokens) active = tier;
  return { inputPerMTokens: active.inputPerMTokens, cachedInputPerMTokens: active.cachedInputPerMTokens, outputPerMTokens: active.outputPerMTokens };
}

/** Nano-dollars (unrounded) for tokens at a price per million tokens (USD). */
function tokensCostNano(tokens: number, pricePerMTokens: number): number {
  const picoUsdPerToken = Math.round(pricePerMTokens * 1_000_000);
  return (tokens * picoUsdPerToken) / 1000;
}

/**
 * Cost in nano-dollars of a call: (prompt - cached) x input + cached x cached-input + completion x output,
 * at the tier the prompt size selects. Null when prompt or completion tokens are unknown
 * (unknown is not zero); unknown cached tokens count as none cached.
 */
export function costOf(usage: TokenUsage, price: ModelPrice): number | null {
  if (usage.promptTokens === null || usage.completionTokens === null) return null;
  const cached = Math.min(usage.cachedTokens ?? 0, usage.promptTokens);
  const prices = pricesForPrompt(price, usage.promptTokens);
  const nano =
    tokensCostNano(usage.promptTokens - cached, prices.inputPerMTokens) +
    tokensCostNano(cached, prices.cachedInputPerMTokens) +
    tokensCostNano(usage.completionTokens, prices.outputPerMTokens);
  return Math.round(nano);
}

/** Estimated cost reserved before a call: the prompt estimate plus maxOutputTokens of output, none cached. */
export function estimateCostNano({ promptTokens, maxOutputTokens, price }: { promptTokens: number; maxOutputTokens: number; price: ModelPrice }): number {
  return costOf({ promptTokens, cachedTokens: 0, completionTokens: maxOutputTokens }, price) ?? 0;
}

/** Nano-dollars to dollars, for JSON and display only. */
export function nanoToUsd(nano: number): number;
export function nanoToUsd(nano: number | null): number | null;
export function nanoToUsd(nano: number | null): number | null {
  return nano === null ? null : nano / NANO_PER_USD;
}

/** Dollars to nano-dollars (rounded to the nearest nano-dollar). */
export function usdToNano(usd: number): number {
  return Math.round(usd * NANO_PER_USD);
}

/**
 * Formats dollars with enough digits that a small cost never shows as $0.00: cents from $1, four decimals
 * from one cent, and four significant digits below (trailing zeros dropped): $0.0006890, $0.000001.
 */
export function formatUsd(usd: number | null): string {
  if (usd === null || !Number.isFinite(usd)) return "unknown";
  if (usd === 0) return "$0";
  const sign = usd < 0 ? "-" : "";
  const abs = Math.abs(usd);
  if (abs >= 1) return `${sign}$${abs.toFixed(2)}`;
  if (abs >= 0.01) return `${sign}$${abs.toFixed(4)}`;
  const digits = Math.min(12, 3 - Math.floor(Math.log10(abs)));
  const fixed = abs.toFixed(digits).replace(/0+$/, "").replace(/\.$/, "");
  return `${sign}$${fixed}`;
}
