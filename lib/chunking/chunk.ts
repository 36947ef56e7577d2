/**
 * Chunking strategies (pure): by page, by paragraph, and sliding token windows with overlap.
 *
 * The document is the sequence of its non-empty pages joined by a blank line; each page is encoded once
 * and every chunk is a run of that token sequence, cut on token boundaries that fall between characters.
 * So a chunk's `tokens` is exact for the sequence (a window never exceeds `windowTokens`, consecutive
 * windows share exactly `overlapTokens`), and chunks are cut where a reader would: at a paragraph or
 * page break, else a sentence end, else a line end, else between words, looking back at most a quarter
 * of a window for a better place.
 */
import type { Encoding } from "../tokens";
import { encodePage, tokenOffsets, type EncodedPage } from "./encode";
import { encodeTokens } from "../tokens";
import type { Chunk, ChunkOptions, PageText } from "./types";

/** Text placed between pages in the document sequence. */
export const PAGE_SEPARATOR = "\n\n";

/** Smallest window accepted: 4 tokens (a character spans at most 4 tokens, so a cut always exists). */
export const MIN_WINDOW_TOKENS = 4;

/** Share of a window searched backwards for a better cut; 0.25. */
const LOOKBACK_SHARE = 0.25;

export interface ChunkPagesInput extends ChunkOptions {
  pages: readonly PageText[];
  encoding: Encoding;
  /** The same pages already encoded with encodePage (saves encoding them again). */
  encoded?: readonly EncodedPage[];
}

/** How good a place to cut a boundary is, worst to best. */
const Quality = { Inside: 0, Word: 1, Line: 2, Sentence: 3, Paragraph: 4 } as const;
type Quality = (typeof Quality)[keyof typeof Quality];

/** The document as one token sequence. */
interface Sequence {
  text: string;
  /** Character offset of each token boundary, -1 inside a character (length total + 1). */
  offsets: Int32Array;
  /** Page number of each token, 0 for page-separator tokens (length total). */
  tokenPage: Int32Array;
  /** Token ranges of the pages, in order. */
  pageRanges: { pageNumber: number; start: number; end: number }[];
  total: number;
}

const separatorCache = new Map<Encoding, Int32Array>();

function separatorOffsets(encoding: Encoding): Int32Array {
  let offsets = separatorCache.get(encoding);
  if (!offsets) {
    offsets = tokenOffsets(PAGE_SEPARATOR, encodeTokens(PAGE_SEPARATOR, encoding), encoding);
    separatorCache.set(encoding, offsets);
  }
  return offsets;
}

function buildSequence(pages: readonly EncodedPage[], encoding: Encoding): Sequence {
  const nonEmpty = pages.filter((page) => page.tokens > 0);
  const separator = separatorOffsets(encoding);
  const separatorTokens = separator.length - 1;
  const total = nonEmpty.reduce((sum, page) => sum + page.tokens, 0) + Math.max(0, nonEmpty.length - 1) * separatorTokens;
  const offsets = new Int32Array(total + 1);
  const tokenPage = new Int32Array(total);
  const pageRanges: Sequence["pageRanges"] = [];
  const texts: string[] = [];
  let token = 0;
  let chars = 0;
  nonEmpty.forEach((page, index) => {
    if (index > 0) {
      for (let k = 1; k <= separatorTokens; k++) offsets[token + k] = separator[k] < 0 ? -1 : chars + separator[k];
      token += separatorTokens;
      chars += PAGE_SEPARATOR.length;
      texts.push(PAGE_SEPARATOR);
    }
    offsets[token] = chars;
    for (let k = 1; k <= page.tokens; k++) offsets[token + k] = page.offsets[k] < 0 ? -1 : chars + page.offsets[k];
    tokenPage.fill(page.pageNumber, token, token + page.tokens);
    pageRanges.push({ pageNumber: page.pageNumber, start: token, end: token + page.tokens });
    token += page.tokens;
    chars += page.text.length;
    texts.push(page.text);
  });
  return { text: texts.join(""), offsets, tokenPage, pageRanges, total };
}

const SENTENCE_END = /[.!?:;]/;
const CLOSER = /["'”’)\]]/;
const SPACE = /\s/;

function quality(text: string, offset: number): Quality {
  if (offset <= 0 || offset >= text.length) return Quality.Paragraph;
  const prev = text[offset - 1];
  const next = text[offset];
  if (prev === "\n") {
    if (offset >= 2 && text[offset - 2] === "\n") return Quality.Paragraph;
    let k = offset - 1;
    while (k > 0 && SPACE.test(text[k - 1])) k--;
    return k > 0 && SENTENCE_END.test(text[k - 1]) ? Quality.Sentence : Quality.Line;
  }
  if (SPACE.test(next) || SPACE.test(prev)) {
    let k = offset;
    while (k > 0 && SPACE.test(text[k - 1])) k--;
    while (k > 0 && CLOSER.test(text[k - 1])) k--;
    if (k > 0 && SENTENCE_END.test(text[k - 1]) && !/\d/.test(text[k] ?? "")) return Quality.Sentence;
    return Quality.Word;
  }
  return Quality.Inside;
}

/**
 * The end of a chunk starting at `start`: the best cut in (minEnd, maxEnd], preferring the latest
 * paragraph break anywhere in the range when `paragraphs`, else the best within the lookback.
 */
function chooseEnd(seq: Sequence, start: number, minEnd: number, maxEnd: number, lookback: number, paragraphs: boolean): number {
  const { offsets, text } = seq;
  // A chunk of nothing but blank lines (a page break on its own) is no use to anyone.
  const blank = (b: number) => b - start <= 2 && text.slice(offsets[start], offsets[b]).trim() === "";
  if (paragraphs) {
    for (let b = maxEnd; b > start; b--) if (offsets[b] >= 0 && quality(text, offsets[b]) === Quality.Paragraph && !blank(b)) return b;
  }
  const low = Math.max(minEnd, maxEnd - lookback, start + 1);
  let best = -1;
  let bestQuality = -1;
  for (let b = maxEnd; b >= low; b--) {
    if (offsets[b] < 0 || blank(b)) continue;
    const q = quality(text, offsets[b]);
    if (q > bestQuality) {
      best = b;
      bestQuality = q;
      if (q === Quality.Paragraph) break;
    }
  }
  if (best >= 0) return best;
  // No boundary between characters in range (only with tiny windows): nearest one below, else above.
  for (let b = low - 1; b > start; b--) if (offsets[b] >= 0) return b;
  for (let b = maxEnd + 1; b <= seq.total; b++) if (offsets[b] >= 0) return b;
  return seq.total;
}

function makeChunk(seq: Sequence, start: number, end: number, ord: number): Chunk {
  let first = start;
  while (first < end - 1 && seq.tokenPage[first] === 0) first++;
  let last = end - 1;
  while (last > start && seq.tokenPage[last] === 0) last--;
  let pageStart = seq.tokenPage[first];
  let pageEnd = seq.tokenPage[last];
  // A run of separator tokens only (never with real windows): attribute it to its neighbours.
  if (pageStart === 0) pageStart = pageEnd = seq.tokenPage[Math.max(0, start - 1)] || seq.tokenPage[Math.min(seq.total - 1, end)];
  return {
    ord,
    pageStart,
    pageEnd,
    text: seq.text.slice(seq.offsets[start], seq.offsets[end]),
    tokens: end - start,
  };
}

/** Cuts tokens [from, to) into windows of at most windowTokens sharing overlapTokens. */
function windows(
  seq: Sequence,
  { from, to, windowTokens, overlapTokens, paragraphs, ord }: { from: number; to: number; windowTokens: number; overlapTokens: number; paragraphs: boolean; ord: number },
): Chunk[] {
  const chunks: Chunk[] = [];
  const lookback = Math.max(1, Math.floor(windowTokens * LOOKBACK_SHARE));
  let start = from;
  while (start < to) {
    const end =
      to - start <= windowTokens
        ? to
        : chooseEnd(seq, start, start + overlapTokens + 1, start + windowTokens, lookback, paragraphs);
    chunks.push(makeChunk(seq, start, end, ord + chunks.length));
    if (end >= to) break;
    // Exactly overlapTokens back, moved forward past any boundary that would split a character; always
    // past the current start so the windows advance.
    let next = Math.max(end - overlapTokens, start + 1);
    while (next < end && seq.offsets[next] < 0) next++;
    start = next;
  }
  return chunks;
}

/** Throws RangeError unless the options make sense (window >= 4 tokens, 0 <= overlap < window). */
export function validateChunkOptions({ windowTokens, overlapTokens }: Pick<ChunkOptions, "windowTokens" | "overlapTokens">): void {
  if (!Number.isInteger(windowTokens) || windowTokens < MIN_WINDOW_TOKENS) throw new RangeError(`windowTokens must be an integer >= ${MIN_WINDOW_TOKENS}`);
  if (!Number.isInteger(overlapTokens) || overlapTokens < 0 || overlapTokens >= windowTokens) {
    throw new RangeError("overlapTokens must be an integer from 0 to windowTokens - 1");
  }
}

/**
 * Chunks of a document's pages (ord from 0; 1-based page spans; token counts in `encoding`).
 * - `window`: sliding windows of at most windowTokens sharing exactly overlapTokens (default 512/64).
 * - `page`: one chunk per page; a page longer than windowTokens is split into windows without overlap.
 * - `paragraph`: consecutive paragraphs packed up to windowTokens; a longer paragraph is split.
 * Pages without text produce no chunk.
 */
export function chunkPages({ pages, strategy, windowTokens, overlapTokens, encoding, encoded }: ChunkPagesInput): Chunk[] {
  validateChunkOptions({ windowTokens, overlapTokens });
  const encodedPages = encoded ?? pages.map((page) => encodePage(page, encoding));
  const seq = buildSequence(encodedPages, encoding);
  if (seq.total === 0) return [];
  if (strategy === "page") {
    const chunks: Chunk[] = [];
    for (const range of seq.pageRanges) {
      chunks.push(...windows(seq, { from: range.start, to: range.end, windowTokens, overlapTokens: 0, paragraphs: false, ord: chunks.length }));
    }
    return chunks;
  }
  if (strategy === "paragraph") {
    return windows(seq, { from: 0, to: seq.total, windowTokens, overlapTokens: 0, paragraphs: true, ord: 0 });
  }
  return windows(seq, { from: 0, to: seq.total, windowTokens, overlapTokens, paragraphs: false, ord: 0 });
}
