/**
 * Filling the context budget, pure: chunks are taken by marginal value (their score, discounted for
 * query terms the chosen context already covers) until the budget is full. A chunk that fits is sent
 * whole (a readable passage: the table with its title, the paragraph with its neighbours); one that
 * does not fit sends the span of its segments around its best one. Everything chosen in one document is
 * laid on one coordinate line and merged, so overlapping windows are never sent twice and neighbours
 * become one passage. Passages are then ordered strongest first, second strongest last.
 */
import type { DocumentIndex } from "./document-index";

/** One scored chunk of one document. */
export interface Candidate {
  index: DocumentIndex;
  /** Chunk position in the index. */
  chunk: number;
  score: number;
  /** Query terms the chunk contains, with their weight (for the coverage discount). */
  contributions: Map<string, number>;
  /** Scores of the document's segments for the query, by segment index (0 where nothing matches). */
  segmentScores: Float64Array;
}

/** A passage to send: [start, end) on a document's coordinate line. */
export interface Passage {
  index: DocumentIndex;
  start: number;
  end: number;
  score: number;
  /** Token count: exact for a single whole chunk, otherwise estimated until counted. */
  tokens: number;
  exact: boolean;
}

export interface SelectOptions {
  /** Token budget for the context, separators included. */
  contextTokens: number;
  /**
   * Weight of a query term already present in the chosen context when a new chunk repeats it:
   * 0 counts only new terms, 1 ignores redundancy. Default 0.5.
   */
  redundancyWeight?: number;
  /** Smallest passage worth sending, in tokens; default 40. */
  minPassageTokens?: number;
}

/** Candidates considered when filling a budget, strongest first; 300. */
export const MAX_CANDIDATES = 300;

/** Tokens of the blank line between passages. */
export const SEPARATOR_TOKENS = 1;

interface Interval {
  start: number;
  end: number;
  score: number;
}

function coverageFactor(candidate: Candidate, covered: Set<string>, redundancyWeight: number): number {
  let all = 0;
  let fresh = 0;
  for (const [term, contribution] of candidate.contributions) {
    all += contribution;
    fresh += covered.has(term) ? contribution * redundancyWeight : contribution;
  }
  return all > 0 ? fresh / all : 1;
}

/** Characters of [start, end) not already inside intervals. */
function uncoveredChars(intervals: Interval[], start: number, end: number): number {
  let free = end - start;
  for (const iv of intervals) {
    const lo = Math.max(start, iv.start);
    const hi = Math.min(end, iv.end);
    if (hi > lo) free -= hi - lo;
  }
  return free;
}

/** True when [start, end) overlaps an interval or lies next to it (it would join that passage). */
function joins(intervals: Interval[], start: number, end: number): boolean {
  return intervals.some((iv) => start <= iv.end + 1 && end + 1 >= iv.start);
}

function charsPerToken(index: DocumentIndex, chunk: number): number {
  const c = index.chunks[chunk];
  return c.text.length / Math.max(1, c.tokens);
}

/**
 * The span of a chunk's segments to send within maxTokens: its best segment, grown towards the
 * stronger neighbour while it fits. Returns coordinates, or undefined when not even one segment fits.
 */
function partialSpan(candidate: Candidate, intervals: Interval[], maxTokens: number): { start: number; end: number } | undefined {
  const { index, chunk, segmentScores } = candidate;
  const first = index.firstSegment[chunk];
  const last = index.firstSegment[chunk + 1] - 1;
  if (last < first) return undefined;
  let best = first;
  let bestScore = -1;
  for (let s = first; s <= last; s++) {
    const score = segmentScores[s];
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  const base = index.positions[chunk];
  const ratio = charsPerToken(index, chunk);
  const cost = (lo: number, hi: number) => uncoveredChars(intervals, base + index.segments[lo].start, base + index.segments[hi].end) / ratio;
  if (cost(best, best) > maxTokens) return undefined;
  let lo = best;
  let hi = best;
  for (;;) {
    const left = lo > first ? segmentScores[lo - 1] : -1;
    const right = hi < last ? segmentScores[hi + 1] : -1;
    if (left < 0 && right < 0) break;
    // The stronger side first; on a tie, the line above (a table's title and column heads sit above its rows).
    const order: ("left" | "right")[] = right > left ? ["right", "left"] : ["left", "right"];
    let grown = false;
    for (const side of order) {
      if (side === "left" && left >= 0 && cost(lo - 1, hi) <= maxTokens) {
        lo--;
        grown = true;
        break;
      }
      if (side === "right" && right >= 0 && cost(lo, hi + 1) <= maxTokens) {
        hi++;
        grown = true;
        break;
      }
    }
    if (!grown) break;
  }
  return { start: base + index.segments[lo].start, end: base + index.segments[hi].end };
}

/**
 * Chooses what to send (see the file comment); passages come out in no particular order with
 * estimated token counts. Pure.
 */
export function selectPassages(candidates: Candidate[], { contextTokens, redundancyWeight = 0.5, minPassageTokens = 40 }: SelectOptions): Passage[] {
  // Only the strongest few hundred can matter: a budget holds a handful of passages.
  const heap = candidates
    .filter((c) => c.score > 0)
    .map((c) => ({ c, bound: c.score }))
    .sort((a, b) => b.bound - a.bound)
    .slice(0, MAX_CANDIDATES);
  const covered = new Set<string>();
  const chosen = new Map<DocumentIndex, Interval[]>();
  let used = 0;
  let passages = 0;
  while (heap.length > 0 && contextTokens - used >= minPassageTokens) {
    const top = heap.shift() as { c: Candidate; bound: number };
    const value = top.c.score * coverageFactor(top.c, covered, redundancyWeight);
    if (heap.length > 0 && value < heap[0].bound) {
      // Lazy greedy: values only fall as coverage grows, so re-insert with the fresh bound.
      top.bound = value;
      let at = 0;
      while (at < heap.length && heap[at].bound >= value) at++;
      heap.splice(at, 0, top);
      continue;
    }
    if (value <= 0) break;
    const { index, chunk } = top.c;
    const intervals = chosen.get(index) ?? [];
    const start = index.positions[chunk];
    const end = start + index.chunks[chunk].text.length;
    const ratio = charsPerToken(index, chunk);
    const separator = (range: { start: number; end: number }) => (passages > 0 && !joins(intervals, range.start, range.end) ? SEPARATOR_TOKENS : 0);
    let range: { start: number; end: number } | undefined = { start, end };
    let cost = uncoveredChars(intervals, start, end) / ratio;
    if (used + cost + separator(range) > contextTokens) {
      range = partialSpan(top.c, intervals, contextTokens - used - separator({ start: end + 2, end: end + 2 }) - 1);
      if (!range) continue;
      cost = uncoveredChars(intervals, range.start, range.end) / ratio;
      if (cost < Math.min(minPassageTokens, contextTokens - used)) continue;
    }
    if (cost <= 0) continue;
    if (!joins(intervals, range.start, range.end)) passages++;
    used += cost + separator(range);
    intervals.push({ start: range.start, end: range.end, score: top.c.score });
    chosen.set(index, intervals);
    for (const term of top.c.contributions.keys()) covered.add(term);
  }
  const out: Passage[] = [];
  for (const [index, intervals] of chosen) out.push(...mergeIntervals(index, intervals));
  return out;
}

/** Merges touching or overlapping intervals of one document into passages with estimated tokens. */
function mergeIntervals(index: DocumentIndex, intervals: Interval[]): Passage[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const iv of sorted) {
    const last = merged[merged.length - 1];
    if (last && iv.start <= last.end + 1) {
      last.end = Math.max(last.end, iv.end);
      last.score = Math.max(last.score, iv.score);
    } else merged.push({ ...iv });
  }
  return merged.map((iv) => {
    const pieces = piecesOf(index, iv.start, iv.end);
    const single = pieces.length === 1 && pieces[0].from === 0 && pieces[0].to === index.chunks[pieces[0].chunk].text.length;
    const tokens = single
      ? index.chunks[pieces[0].chunk].tokens
      : Math.round(pieces.reduce((sum, p) => sum + (p.to - p.from) / charsPerToken(index, p.chunk), 0));
    return { index, start: iv.start, end: iv.end, score: iv.score, tokens, exact: single };
  });
}

interface Piece {
  chunk: number;
  from: number;
  to: number;
  /** True when this piece is not contiguous with the previous one (a page or chunk break between). */
  gap: boolean;
}

/** The chunk pieces that make up [start, end) on the coordinate line, each character once. */
function piecesOf(index: DocumentIndex, start: number, end: number): Piece[] {
  const pieces: Piece[] = [];
  let cursor = start;
  // First chunk ending after start (chunk ends ascend along the line).
  let lo = 0;
  let hi = index.chunks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (index.positions[mid] + index.chunks[mid].text.length <= start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < index.chunks.length && cursor < end; i++) {
    const base = index.positions[i];
    const chunkEnd = base + index.chunks[i].text.length;
    if (chunkEnd <= cursor) continue;
    if (base >= end) break;
    const from = Math.max(cursor, base);
    const to = Math.min(end, chunkEnd);
    if (to <= from) continue;
    pieces.push({ chunk: i, from: from - base, to: to - base, gap: pieces.length > 0 && from > cursor });
    cursor = to;
  }
  return pieces;
}

/** The text of a passage: its chunk pieces joined, a line break where chunks do not continue each other. */
export function passageText(passage: Passage): string {
  let text = "";
  for (const piece of piecesOf(passage.index, passage.start, passage.end)) {
    if (piece.gap && text.length > 0) text += "\n";
    text += passage.index.chunks[piece.chunk].text.slice(piece.from, piece.to);
  }
  return text;
}

/** First and last chunk positions a passage spans. */
export function passageChunks(passage: Passage): { first: number; last: number } {
  const pieces = piecesOf(passage.index, passage.start, passage.end);
  return { first: pieces[0].chunk, last: pieces[pieces.length - 1].chunk };
}

/**
 * Orders items strongest first and second strongest last, alternating inwards, so the weakest sit in
 * the middle of the context: [1, 3, 5, ..., 6, 4, 2] by rank. Pure; ties keep input order.
 */
export function orderForAttention<T extends { score: number }>(items: T[]): T[] {
  const ranked = items.map((item, i) => ({ item, i })).sort((a, b) => b.item.score - a.item.score || a.i - b.i);
  const front: T[] = [];
  const back: T[] = [];
  ranked.forEach(({ item }, rank) => (rank % 2 === 0 ? front : back).push(item));
  return [...front, ...back.reverse()];
}
