import type { CompressionStats } from "../compression/compress";
import type { ModelPrice } from "../pricing/types";
import type { QueryCitation } from "../storage/queries";
import type { ChatMessage } from "../tokens";
import type { BudgetDowngrade } from "../spend/fit-budget";

export type AskMode = "chunked" | "full";

/** Longest question accepted, in characters. */
export const MAX_QUESTION_CHARS = 4000;

export interface AskInput {
  question: string;
  /** Omitted or empty: every document. */
  documentIds?: string[];
  mode?: AskMode;
  /** Omitted: OPENAI_MODEL when an LLM is configured, else the offline answerer. */
  model?: string;
  /** Context token budget in chunked mode; default from settings. */
  contextTokens?: number;
  /**
   * Chunked mode: send this share (0.1 to 1) of the tokens the usual context has, chosen from passages
   * retrieved 1.5 times wider than the budget; omitted or null: no compression.
   */
  compressionRatio?: number | null;
}

/** A passage sent to the model (one or more merged chunks, or one page in full mode). */
export type Citation = QueryCitation;

export interface PlannedDocument {
  id: string;
  name: string;
}

/** Everything decided before a model call: what is sent, what it counts, what it should cost. */
export interface QuestionPlan {
  question: string;
  mode: AskMode;
  model: string;
  price: ModelPrice;
  documents: PlannedDocument[];
  /** What is sent, in the order sent. */
  citations: Citation[];
  messages: ChatMessage[];
  promptTokens: number;
  /** True when the model's tokenizer is not tiktoken's: counts are estimates. */
  tokenCountIsEstimate: boolean;
  maxOutputTokens: number;
  contextWindow: number;
  /** Reserved before the call: the prompt plus max_tokens of output, none cached. */
  estimatedNanoUsd: number;
  fullContext: {
    promptTokens: number;
    /** The full-document prompt plus max_tokens of output at the same model. */
    estimatedNanoUsd: number;
    fits: boolean;
  };
  /** Tokens of passage text (chunked mode: what retrieval filled; full mode: the documents' stored count). */
  contextTokens: number;
  /** Tokens before and after compression, when the passages were compressed. */
  compression?: CompressionStats | null;
}

/** The answer as the API returns it. Unknown values are null. */
export interface AskResponse {
  id: string | null;
  answer: string | null;
  mode: AskMode;
  model: string;
  citations: Citation[];
  usage: { promptTokens: number | null; completionTokens: number | null; cachedTokens: number | null; estimatedPromptTokens: number };
  cost: {
    usd: number | null;
    estimatedUsd: number;
    fullContextUsd: number;
    fullContextFits: boolean;
    /** True when usd is estimated from the text (the provider reported no usage, or the answer was stopped). */
    usdIsEstimate: boolean;
  };
  status: "ok" | "aborted" | "dry_run";
  /** True when token counts are tiktoken estimates for a model with another tokenizer. */
  tokenCountIsEstimate: boolean;
  contextWindow: number;
  latencyMs: number | null;
  /** Tokens before and after compression, when the passages were compressed. */
  compression?: CompressionStats | null;
  /** With the budget set to "downgrade": what was changed to fit the budget, and why. */
  budgetDowngrade?: BudgetDowngrade | null;
}
