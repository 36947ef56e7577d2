/**
 * Token counting with js-tiktoken: one encoder per encoding per process, built lazily on first use
 * (building one takes about a second).
 */
import { Tiktoken } from "js-tiktoken/lite";
import o200k from "js-tiktoken/ranks/o200k_base";
import cl100k from "js-tiktoken/ranks/cl100k_base";

export type Encoding = "o200k_base" | "cl100k_base";

/** The encoding used when a model does not name one. */
export const DEFAULT_ENCODING: Encoding = "o200k_base";

const encoders = new Map<Encoding, Tiktoken>();

/** The process-wide encoder for an encoding, built once. */
export function getEncoder(encoding: Encoding = DEFAULT_ENCODING): Tiktoken {
  let encoder = encoders.get(encoding);
  if (!encoder) {
    encoder = new Tiktoken(encoding === "cl100k_base" ? cl100k : o200k);
    encoders.set(encoding, encoder);
  }
  return encoder;
}

/** Token ids of text; special-token strings such as `<|endoftext|>` count as plain text. */
export function encodeTokens(text: string, encoding: Encoding = DEFAULT_ENCODING): number[] {
  return getEncoder(encoding).encode(text, [], []);
}

/** Tokens in text (0 for ""), in the given encoding (default o200k_base). */
export function countTokens(text: string, encoding: Encoding = DEFAULT_ENCODING): number {
  if (text.length === 0) return 0;
  return encodeTokens(text, encoding).length;
}

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/**
 * Prompt tokens of a chat request as OpenAI bills it: each message costs 3 tokens of framing plus its
 * role and content, and every reply is primed with 3 more (the OpenAI cookbook's rule for gpt-4o and later).
 */
export function countChatTokens(messages: ChatMessage[], encoding: Encoding = DEFAULT_ENCODING): number {
  let total = 3;
  for (const message of messages) {
    total += 3 + countTokens(message.role, encoding) + countTokens(message.content, encoding);
  }
  return total;
}
