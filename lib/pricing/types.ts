import type { Encoding } from "../tokens";

/** A price tier: applies when the prompt has more than aboveTokens tokens. Prices per million tokens (USD). */
export interface PriceTier {
  aboveTokens: number;
  inputPerMTokens: number;
  cachedInputPerMTokens: number;
  outputPerMTokens: number;
}

export interface ModelPrice {
  /** The name sent to the provider (an Azure deployment name, a local model tag, ...). */
  model: string;
  provider: string;
  /** USD per million input tokens. */
  inputPerMTokens: number;
  /** USD per million cached input tokens (equal to input where a provider has no cache discount). */
  cachedInputPerMTokens: number;
  /** USD per million output tokens. */
  outputPerMTokens: number;
  /** Higher prices for long prompts, ascending by aboveTokens. */
  tiers: PriceTier[];
  /** Total context window in tokens (prompt + completion). */
  contextWindow: number;
  /** Tokenizer used for counts; tiktoken counts for other providers are estimates. */
  encoding: Encoding;
  /** True when the model's real tokenizer is tiktoken's encoding: counts are exact, not estimates. */
  exactTokenizer: boolean;
  source: string;
  /** ISO date (YYYY-MM or YYYY-MM-DD) of the price. */
  priceDate: string;
  /** For a deployment or alias: the catalog model whose prices it takes. */
  baseModel?: string;
  /** Where the entry came from: the built-in catalog, a person's override, or a person's addition. */
  origin: "catalog" | "override" | "custom";
}

/** Token usage of one call; null where unknown. cachedTokens are part of promptTokens. */
export interface TokenUsage {
  promptTokens: number | null;
  cachedTokens: number | null;
  completionTokens: number | null;
}
