/**
 * Exact token counts, fast: tiktoken splits text with its encoding's pattern and applies BPE within
 * each piece, so a count is the sum of the pieces' counts. Pieces repeat endlessly in documents (words,
 * number groups, dot leaders), so each is encoded once and remembered. Same result as countTokens,
 * several times faster on document text.
 */
import cl100k from "js-tiktoken/ranks/cl100k_base";
import o200k from "js-tiktoken/ranks/o200k_base";
import { encodeTokens, type Encoding } from "../tokens";

/** Pieces remembered per encoding before the memory starts over; 200,000. */
const MAX_MEMO = 200_000;

const patterns: Record<Encoding, RegExp> = {
  o200k_base: new RegExp(o200k.pat_str, "gu"),
  cl100k_base: new RegExp(cl100k.pat_str, "gu"),
};
const memos: Record<Encoding, Map<string, number>> = { o200k_base: new Map(), cl100k_base: new Map() };

/** Tokens in text in the given encoding (default o200k_base); equal to countTokens. */
export function countTokensFast(text: string, encoding: Encoding = "o200k_base"): number {
  if (text.length === 0) return 0;
  const memo = memos[encoding];
  const pattern = patterns[encoding];
  pattern.lastIndex = 0;
  let total = 0;
  for (const match of text.matchAll(pattern)) {
    const piece = match[0];
    let count = memo.get(piece);
    if (count === undefined) {
      count = encodeTokens(piece, encoding).length;
      if (memo.size >= MAX_MEMO) memo.clear();
      memo.set(piece, count);
    }
    total += count;
  }
  return total;
}
