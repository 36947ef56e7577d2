/**
 * Filling the context budget: choose chunks by marginal value until the budget is full, merge
 * neighbours into readable passages (overlapping windows are never sent twice), and order the passages
 * so the strongest sit at the start and the end of the context, where models read best.
 */
import type { DocumentIndex } from "./bm25";

/** One scored chunk: its document index, its position there, and its relevance. */
export interface Candidate {
  index: DocumentIndex;
  position: number;
  score: number;
  /** Query terms the chunk contains, with their contribution to score. */
  contributions: Map<string, number>;
}

/** A run of consecutive chunks of one document, sent as one passage. */
export interface Passage {
  index: DocumentIndex;
  /** First and last chunk positions (inclusive). */
  first: number;
  last: number;
  /** Best chunk score inside. */
  score: number;
  /** Tokens of the merged text (overlaps counted once). */
  tokens: number;
}

export interface SelectOptions {
  /** Token budget for the context, separators included. */
  contextTokens: number;
  /**
   * Weight of a query term already present in the chosen context when a new chunk repeats it:
   * 0 counts only new terms, 1 ignores redundancy. Default 0.5.
   */
  redundancyWeight?: number;
}

/** Tokens of the blank line between passages. */
export const SEPARATOR_TOKENS = 1;

function marginalValue(candidate: Candidate, covered: Set<string>, redundancyWeight: number): number {
  let value = 0;
  for (const [term, contribution] of candidate.contributions) {
    value += covered.has(term) ? contribution * redundancyWeight : contribution;
  }
  return value;
}

function key(index: DocumentIndex, position: number): string {
  return `${index.documentId}\u0000${position}`;
}

/**
 * Chooses chunks greedily by marginal value (a chunk's score, with terms already covered discounted)
 * while they fit the budget, then merges neighbours into passages. Pure.
 */
export function selectPassages(candidates: Candidate[], { contextTokens, redundancyWeight = 0.5 }: SelectOptions): Passage[] {
  // Lazy greedy: marginal values only fall as coverage grows, so a popped candidate whose recomputed
  // value still beats the next one's stale bound is the true best.
  const heap = candidates.filter((c) => c.score > 0).map((c) => ({ c, bound: c.score }));
  heap.sort((a, b) => b.bound - a.bound);
  const chosen = new Set<string>();
  const covered = new Set<string>();
  let used = 0;
  let passages = 0;
  while (heap.length > 0) {
    const top = heap.shift() as { c: Candidate; bound: number };
    const value = marginalValue(top.c, covered, redundancyWeight);
    if (heap.length > 0 && value < heap[0].bound) {
      top.bound = value;
      // Re-insert in order (arrays stay short: a few hundred candidates at most).
      let at = 0;
      while (at < heap.length && heap[at].bound >= value) at++;
      heap.splice(at, 0, top);
      continue;
    }
    if (value <= 0) break;
    const { index, position } = top.c;
    const chunk = index.chunks[position];
    const hasPrev = position > 0 && chosen.has(key(index, position - 1)) && index.chunks[position - 1].ord === chunk.ord - 1;
    const hasNext =
      position + 1 < index.chunks.length && chosen.has(key(index, position + 1)) && index.chunks[position + 1].ord === chunk.ord + 1;
    let cost = chunk.tokens;
    if (hasPrev) cost -= index.overlapTokens[position];
    if (hasNext) cost -= index.overlapTokens[position + 1];
    // A chunk bridging two passages removes a separator; a lone one adds one.
    if (!hasPrev && !hasNext && passages > 0) cost += SEPARATOR_TOKENS;
    if (hasPrev && hasNext) cost -= SEPARATOR_TOKENS;
    if (used + cost > contextTokens) continue;
    chosen.add(key(index, position));
    used += cost;
    if (!hasPrev && !hasNext) passages++;
    if (hasPrev && hasNext) passages--;
    for (const term of top.c.contributions.keys()) covered.add(term);
  }
  return toPassages(candidates, chosen);
}

function toPassages(candidates: Candidate[], chosen: Set<string>): Passage[] {
  const byIndex = new Map<DocumentIndex, Map<number, number>>();
  for (const c of candidates) {
    if (!chosen.has(key(c.index, c.position))) continue;
    let positions = byIndex.get(c.index);
    if (!positions) byIndex.set(c.index, (positions = new Map()));
    positions.set(c.position, c.score);
  }
  const passages: Passage[] = [];
  for (const [index, positions] of byIndex) {
    const sorted = [...positions.keys()].sort((a, b) => a - b);
    let current: Passage | undefined;
    for (const p of sorted) {
      const score = positions.get(p) as number;
      const chunk = index.chunks[p];
      if (current && current.last === p - 1 && index.chunks[p - 1].ord === chunk.ord - 1) {
        current.last = p;
        current.score = Math.max(current.score, score);
        current.tokens += chunk.tokens - index.overlapTokens[p];
      } else {
        current = { index, first: p, last: p, score, tokens: chunk.tokens };
        passages.push(current);
      }
    }
  }
  return passages;
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

/** The text of a passage: its chunks joined, each overlap kept once. */
export function passageText(passage: Passage): string {
  const { index } = passage;
  let text = index.chunks[passage.first].text;
  for (let p = passage.first + 1; p <= passage.last; p++) {
    const overlap = index.overlapChars[p];
    const chunkText = index.chunks[p].text;
    text += overlap > 0 ? chunkText.slice(overlap) : `\n${chunkText}`;
  }
  return text;
}
