/**
 * The interface every answerer implements: the OpenAI-compatible client and the built-in offline answerer.
 */
import type { TokenUsage } from "../pricing/types";
import type { ChatMessage } from "../tokens";

/** A passage of document text sent as context (what the offline answerer reads). */
export interface LlmPassage {
  documentName: string;
  pageStart: number;
  pageEnd: number;
  text: string;
}

export interface LlmRequest {
  /** The model name sent to the provider. */
  model: string;
  /** The full prompt (what an LLM reads). */
  messages: ChatMessage[];
  /** max_tokens for the answer; always set. */
  maxOutputTokens: number;
  /** The question alone and the passages sent, for answerers that read them directly. */
  question: string;
  passages: LlmPassage[];
  /** Stops the answer; what was generated so far is returned with aborted: true. */
  signal?: AbortSignal;
  /** Called with each piece of text as it arrives. */
  onToken?: (text: string) => void;
}

export interface LlmResult {
  text: string;
  /** What the provider reported; null when it reported nothing (a stop, a server without usage). */
  usage: TokenUsage | null;
  finishReason: string | null;
  /** True when the request's signal stopped the answer. */
  aborted: boolean;
  /** Attempts made (1 without retries). */
  attempts: number;
}

export interface Answerer {
  answer(request: LlmRequest): Promise<LlmResult>;
}
