/**
 * A page encoded once: its token count and, for every token boundary, the character offset it falls
 * on (or -1 where the boundary would split a multi-byte character). Chunkers cut on these offsets, so
 * they never decode tokens and never split a character.
 */
import { encodeTokens, getEncoder, type Encoding } from "../tokens";
import type { PageText } from "./types";

export interface EncodedPage extends PageText {
  /** Tokens in the page text (as the encoding counts the whole page). */
  tokens: number;
  /** UTF-16 offset of each token boundary (length tokens + 1); -1 inside a character. */
  offsets: Int32Array;
}

const byteLengthCache = new Map<Encoding, (token: number) => number>();

/** UTF-8 byte length of a token id, read from the encoder's own table. */
function tokenByteLength(encoding: Encoding): (token: number) => number {
  let fn = byteLengthCache.get(encoding);
  if (!fn) {
    const table = (getEncoder(encoding) as unknown as { textMap?: Map<number, Uint8Array> }).textMap;
    if (!(table instanceof Map)) throw new Error("The tokenizer does not expose its token table; token offsets cannot be computed.");
    fn = (token: number) => {
      const bytes = table.get(token);
      if (!bytes) throw new Error(`Unknown token id ${token}`);
      return bytes.length;
    };
    byteLengthCache.set(encoding, fn);
  }
  return fn;
}

/** Boundary offsets for text and its token ids: UTF-16 offset per boundary, -1 inside a character. */
export function tokenOffsets(text: string, tokenIds: readonly number[], encoding: Encoding): Int32Array {
  const byteLength = tokenByteLength(encoding);
  const offsets = new Int32Array(tokenIds.length + 1);
  let charIndex = 0;
  let charBytes = 0; // UTF-8 bytes before charIndex
  let tokenBytes = 0;
  for (let k = 0; k < tokenIds.length; k++) {
    tokenBytes += byteLength(tokenIds[k]);
    while (charBytes < tokenBytes && charIndex < text.length) {
      const code = text.charCodeAt(charIndex);
      if (code < 0x80) {
        charBytes += 1;
        charIndex += 1;
      } else if (code < 0x800) {
        charBytes += 2;
        charIndex += 1;
      } else if (code >= 0xd800 && code <= 0xdbff && charIndex + 1 < text.length) {
        const low = text.charCodeAt(charIndex + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          charBytes += 4;
          charIndex += 2;
        } else {
          charBytes += 3; // a lone surrogate encodes as U+FFFD
          charIndex += 1;
        }
      } else {
        charBytes += 3;
        charIndex += 1;
      }
    }
    offsets[k + 1] = charBytes === tokenBytes ? charIndex : -1;
  }
  return offsets;
}

/** Encodes a page once (tokens counted as the encoding counts the whole page text). */
export function encodePage(page: PageText, encoding: Encoding): EncodedPage {
  const ids = page.text.length === 0 ? [] : encodeTokens(page.text, encoding);
  return { pageNumber: page.pageNumber, text: page.text, tokens: ids.length, offsets: tokenOffsets(page.text, ids, encoding) };
}
