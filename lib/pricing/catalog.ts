/**
 * The built-in price catalog: list prices in USD per million tokens, with source and date.
 * A person can override any of them or add models in settings (stored; see lib/pricing/index.ts).
 */
import type { ModelPrice } from "./types";

type Entry = Omit<ModelPrice, "origin" | "tiers" | "exactTokenizer"> & Partial<Pick<ModelPrice, "tiers" | "exactTokenizer">>;

const OPENAI = "OpenAI";
const LITELLM = "LiteLLM price map";

const ENTRIES: Entry[] = [
  { model: "gpt-4o", provider: OPENAI, inputPerMTokens: 2.5, cachedInputPerMTokens: 1.25, outputPerMTokens: 10, contextWindow: 128_000, encoding: "o200k_base", source: LITELLM, priceDate: "2026-05" },
  { model: "gpt-4o-mini", provider: OPENAI, inputPerMTokens: 0.15, cachedInputPerMTokens: 0.075, outputPerMTokens: 0.6, contextWindow: 128_000, encoding: "o200k_base", source: LITELLM, priceDate: "2026-05" },
  { model: "gpt-4.1", provider: OPENAI, inputPerMTokens: 2, cachedInputPerMTokens: 0.5, outputPerMTokens: 8, contextWindow: 1_047_576, encoding: "o200k_base", source: "GitHub docs model table", priceDate: "2026-05" },
  { model: "gpt-4.1-mini", provider: OPENAI, inputPerMTokens: 0.4, cachedInputPerMTokens: 0.1, outputPerMTokens: 1.6, contextWindow: 1_047_576, encoding: "o200k_base", source: "GitHub docs model table", priceDate: "2026-05" },
  { model: "gpt-4.1-nano", provider: OPENAI, inputPerMTokens: 0.1, cachedInputPerMTokens: 0.025, outputPerMTokens: 0.4, contextWindow: 1_047_576, encoding: "o200k_base", source: "GitHub docs model table", priceDate: "2026-05" },
  { model: "gpt-5", provider: OPENAI, inputPerMTokens: 1.25, cachedInputPerMTokens: 0.125, outputPerMTokens: 10, contextWindow: 400_000, encoding: "o200k_base", source: "OpenAI model page", priceDate: "2026-05" },
  { model: "gpt-5-mini", provider: OPENAI, inputPerMTokens: 0.25, cachedInputPerMTokens: 0.025, outputPerMTokens: 2, contextWindow: 400_000, encoding: "o200k_base", source: "OpenAI model page", priceDate: "2026-05" },
  { model: "gpt-5-nano", provider: OPENAI, inputPerMTokens: 0.05, cachedInputPerMTokens: 0.005, outputPerMTokens: 0.4, contextWindow: 400_000, encoding: "o200k_base", source: "OpenAI model page", priceDate: "2026-05" },
  {
    model: "gpt-5.4", provider: OPENAI, inputPerMTokens: 2.5, cachedInputPerMTokens: 0.25, outputPerMTokens: 15, contextWindow: 1_000_000, encoding: "o200k_base", source: "price trackers", priceDate: "2026-06",
    tiers: [{ aboveTokens: 272_000, inputPerMTokens: 5, cachedInputPerMTokens: 0.5, outputPerMTokens: 22.5 }],
  },
  { model: "gpt-5.4-mini", provider: OPENAI, inputPerMTokens: 0.75, cachedInputPerMTokens: 0.075, outputPerMTokens: 4.5, contextWindow: 1_000_000, encoding: "o200k_base", source: "price trackers", priceDate: "2026-06" },
  { model: "gpt-5.4-nano", provider: OPENAI, inputPerMTokens: 0.2, cachedInputPerMTokens: 0.02, outputPerMTokens: 1.25, contextWindow: 1_000_000, encoding: "o200k_base", source: "price trackers", priceDate: "2026-06" },
  { model: "gpt-5.5", provider: OPENAI, inputPerMTokens: 5, cachedInputPerMTokens: 0.5, outputPerMTokens: 30, contextWindow: 1_000_000, encoding: "o200k_base", source: "price trackers", priceDate: "2026-06" },
  { model: "o3", provider: OPENAI, inputPerMTokens: 2, cachedInputPerMTokens: 0.5, outputPerMTokens: 8, contextWindow: 200_000, encoding: "o200k_base", source: "secondary pages", priceDate: "2026-01" },
  { model: "o4-mini", provider: OPENAI, inputPerMTokens: 1.1, cachedInputPerMTokens: 0.275, outputPerMTokens: 4.4, contextWindow: 200_000, encoding: "o200k_base", source: "secondary pages", priceDate: "2026-01" },
  { model: "gpt-35-turbo", provider: "Azure OpenAI", inputPerMTokens: 0.5, cachedInputPerMTokens: 0.5, outputPerMTokens: 1.5, contextWindow: 16_385, encoding: "cl100k_base", source: LITELLM, priceDate: "2026-05" },
  { model: "gpt-4-turbo", provider: OPENAI, inputPerMTokens: 10, cachedInputPerMTokens: 10, outputPerMTokens: 30, contextWindow: 128_000, encoding: "cl100k_base", source: LITELLM, priceDate: "2026-05" },
  { model: "azure/gpt-4o", provider: "Azure OpenAI", inputPerMTokens: 2.5, cachedInputPerMTokens: 1.25, outputPerMTokens: 10, contextWindow: 128_000, encoding: "o200k_base", source: LITELLM, priceDate: "2026-05", baseModel: "gpt-4o" },
  { model: "azure/gpt-4o-mini", provider: "Azure OpenAI", inputPerMTokens: 0.15, cachedInputPerMTokens: 0.075, outputPerMTokens: 0.6, contextWindow: 128_000, encoding: "o200k_base", source: LITELLM, priceDate: "2026-05", baseModel: "gpt-4o-mini" },
  { model: "azure/gpt-4.1", provider: "Azure OpenAI", inputPerMTokens: 2, cachedInputPerMTokens: 0.5, outputPerMTokens: 8, contextWindow: 1_047_576, encoding: "o200k_base", source: LITELLM, priceDate: "2026-05", baseModel: "gpt-4.1" },
  { model: "claude-haiku-4.5", provider: "Anthropic", inputPerMTokens: 1, cachedInputPerMTokens: 0.1, outputPerMTokens: 5, contextWindow: 200_000, encoding: "o200k_base", exactTokenizer: false, source: "Anthropic pricing page", priceDate: "2026-05" },
  { model: "claude-sonnet-4.5", provider: "Anthropic", inputPerMTokens: 3, cachedInputPerMTokens: 0.3, outputPerMTokens: 15, contextWindow: 200_000, encoding: "o200k_base", exactTokenizer: false, source: "Anthropic pricing page", priceDate: "2026-05" },
  { model: "claude-sonnet-4.6", provider: "Anthropic", inputPerMTokens: 3, cachedInputPerMTokens: 0.3, outputPerMTokens: 15, contextWindow: 1_000_000, encoding: "o200k_base", exactTokenizer: false, source: "Anthropic pricing page", priceDate: "2026-05" },
  { model: "claude-opus-4.6", provider: "Anthropic", inputPerMTokens: 5, cachedInputPerMTokens: 0.5, outputPerMTokens: 25, contextWindow: 1_000_000, encoding: "o200k_base", exactTokenizer: false, source: "Anthropic pricing page", priceDate: "2026-05" },
  { model: "claude-haiku-5.5", provider: "Anthropic", inputPerMTokens: 0.1, cachedInputPerMTokens: 0.01, outputPerMTokens: 0.5, contextWindow: 1_000_000, encoding: "o200k_base", exactTokenizer: false, source: "Anthropic release notes (prompts up to 100k)", priceDate: "2026-10-07" },
  { model: "claude-sonnet-5.5", provider: "Anthropic", inputPerMTokens: 2, cachedInputPerMTokens: 0.1, outputPerMTokens: 10, contextWindow: 1_000_000, encoding: "o200k_base", exactTokenizer: false, source: "Anthropic model pages", priceDate: "2026-12" },
  { model: "claude-opus-5.5", provider: "Anthropic", inputPerMTokens: 4, cachedInputPerMTokens: 0.2, outputPerMTokens: 20, contextWindow: 1_000_000, encoding: "o200k_base", exactTokenizer: false, source: "Anthropic model pages", priceDate: "2026-12" },
  {
    model: "gemini-2.5-pro", provider: "Google", inputPerMTokens: 1.25, cachedInputPerMTokens: 1.25, outputPerMTokens: 10, contextWindow: 1_000_000, encoding: "o200k_base", exactTokenizer: false, source: "Google AI pricing", priceDate: "2026-10",
    tiers: [{ aboveTokens: 200_000, inputPerMTokens: 2.5, cachedInputPerMTokens: 2.5, outputPerMTokens: 15 }],
  },
  { model: "gemini-2.5-flash", provider: "Google", inputPerMTokens: 0.3, cachedInputPerMTokens: 0.3, outputPerMTokens: 2.5, contextWindow: 1_000_000, encoding: "o200k_base", exactTokenizer: false, source: "Google AI pricing", priceDate: "2026-10" },
  {
    model: "gemini-3.1-pro", provider: "Google", inputPerMTokens: 2, cachedInputPerMTokens: 0.2, outputPerMTokens: 12, contextWindow: 1_000_000, encoding: "o200k_base", exactTokenizer: false, source: "Google AI pricing (preview)", priceDate: "2026-10",
    tiers: [{ aboveTokens: 200_000, inputPerMTokens: 4, cachedInputPerMTokens: 0.4, outputPerMTokens: 18 }],
  },
];

/** The built-in catalog, keyed by model name. */
export const BUILTIN_CATALOG: ReadonlyMap<string, ModelPrice> = new Map(
  ENTRIES.map((entry) => [
    entry.model,
    { tiers: [], exactTokenizer: entry.provider === OPENAI || entry.provider === "Azure OpenAI", ...entry, origin: "catalog" as const },
  ]),
);

/** The offline answerer: a model at $0. */
export const OFFLINE_MODEL = "offline";
