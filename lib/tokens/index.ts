/**
 * Token counting with js-tiktoken: one encoder per encoding per process, built lazily on first use
 * (building one takes about a second).
 *
 * Two guards make counting fast and safe on any document:
 * - BPE time grows with the square of a piece's length (a 10,000-letter "word" takes seconds), so runs
 *   of 256 or more non-space (or space) characters, which only broken or hostile text has, are encoded
 *   in 128-character slices; ordinary text is encoded exactly as a whole.
 * - tiktoken splits text with its encoding's pattern and applies BPE within each piece, so a count is
 *   the sum of its pieces' counts. Pieces repeat endlessly in documents (words, number groups, dot
 *   leaders): each is encoded once and remembered, which makes counting about ten times faster.
 */
import { Tiktoken } from "js-tiktoken/lite";
import o200k from "js-tiktoken/ranks/o200k_base";
import cl100k from "js-tiktoken/ranks/cl100k_base";

export type Encoding = "o200k_base" | "cl100k_base";

/** The encoding used when a model does not name one. */
export const DEFAULT_ENCODING: Encoding = "o200k_base";

const RANKS = { o200k_base: o200k, cl100k_base: cl100k } as const;

const encoders = new Map<Encoding, Tiktoken>();

/** The process-wide encoder for an encoding, built once. */
export function getEncoder(encoding: Encoding = DEFAULT_ENCODING): Tiktoken {
  let encoder = encoders.get(encoding);
  if (!encoder) {
    encoder = new Tiktoken(RANKS[encoding]);
    encoders.set(encoding, encoder);
  }
  return encoder;
}

/** Runs of this many non-space (or space) characters or more are encoded in slices; 256. */
const LONG_RUN_CHARS = 256;
/** Slice size for such runs; 128 characters. */
const RUN_SLICE_CHARS = 128;
const LONG_RUN = new RegExp(`\\S{${LONG_RUN_CHARS},}|\\s{${LONG_RUN_CHARS},}`, "g");

/** Calls visit with consecutive spans of text whose encodings, joined, are the text's encoding. */
function forEachSpan(text: string, visit: (span: string) => void): void {
  let last = 0;
  for (const match of text.matchAll(LONG_RUN)) {
    const start = match.index;
    const end = start + match[0].length;
    if (start > last) visit(text.slice(last, start));
    for (let i = start; i < end; ) {
      let j = Math.min(i + RUN_SLICE_CHARS, end);
      const code = text.charCodeAt(j - 1);
      if (j < end && code >= 0xd800 && code <= 0xdbff) j--; // never split a surrogate pair
      visit(text.slice(i, j));
      i = j;
    }
    last = end;
  }
  if (last === 0) visit(text);
  else if (last < text.length) visit(text.slice(last));
}

/** Pieces remembered per encoding before the memory starts over; 200,000. */
const MAX_MEMO = 200_000;

const pieceMemos: Record<Encoding, Map<string, number[]>> = { o200k_base: new Map(), cl100k_base: new Map() };
const piecePatterns: Partial<Record<Encoding, RegExp>> = {};

/** Calls visit with the token ids of each piece of span, as the encoder splits it, from the memory. */
function forEachPiece(span: string, encoding: Encoding, visit: (ids: number[]) => void): void {
  const pattern = (piecePatterns[encoding] ??= new RegExp(RANKS[encoding].pat_str, "gu"));
  const memo = pieceMemos[encoding];
  const encoder = getEncoder(encoding);
  for (const match of span.matchAll(pattern)) {
    const piece = match[0];
    let ids = memo.get(piece);
    if (ids === undefined) {
      ids = encoder.encode(piece, [], []);
      if (memo.size >= MAX_MEMO) memo.clear();
      memo.set(piece, ids);
    }
    visit(ids);
  }
}

/** Token ids of text; special-token strings such as `<|endoftext|>` count as plain text. */
export function encodeTokens(text: string, encoding: Encoding = DEFAULT_ENCODING): number[] {
  const out: number[] = [];
  if (text.length === 0) return out;
  forEachSpan(text, (span) =>
    forEachPiece(span, encoding, (ids) => {
      for (const id of ids) out.push(id);
    }),
  );
  return out;
}

/** Tokens in text (0 for ""), in the given encoding (default o200k_base); equals encodeTokens(text).length. */
export function countTokens(text: string, encoding: Encoding = DEFAULT_ENCODING): number {
  if (text.length === 0) return 0;
  let total = 0;
  forEachSpan(text, (span) =>
    forEachPiece(span, encoding, (ids) => {
      total += ids.length;
    }),
  );
  return total;
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
