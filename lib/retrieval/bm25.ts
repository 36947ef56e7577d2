/**
 * A small BM25 index per document. Statistics (document frequency, average length) are taken within
 * one document, so a word's weight says how well it discriminates between the pages of THAT document:
 * "cash" is everywhere in a cash-flow-heavy filing and nearly worthless there, rare in a contract.
 */
import { countTokens } from "../tokens";
import { analyzeText } from "./terms";

/** A chunk as retrieval needs it (the store's chunks have this shape). */
export interface IndexableChunk {
  id: number;
  documentId: string;
  ord: number;
  pageStart: number;
  pageEnd: number;
  text: string;
  tokens: number;
}

/** BM25 parameters: k1 (term-frequency saturation, 0.5 to 3, default 1.2), b (length normalisation, 0 to 1, default 0.75). */
export interface Bm25Params {
  k1: number;
  b: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75 };

export interface DocumentIndex {
  documentId: string;
  /** Chunks in document order. */
  chunks: IndexableChunk[];
  /** Term frequencies per chunk (same order as chunks). */
  termFreqs: Map<string, number>[];
  /** Terms per chunk. */
  lengths: number[];
  avgLength: number;
  /** Chunks containing each term. */
  postings: Map<string, number[]>;
  /** Characters at the start of chunk i that repeat the end of chunk i-1 (0 when they do not overlap). */
  overlapChars: number[];
  /** Tokens of that repeated text. */
  overlapTokens: number[];
}

/** Characters at the start of next that repeat the end of prev (overlapping windows), or 0. */
export function overlapLength(prev: string, next: string): number {
  const probe = next.slice(0, Math.min(24, next.length));
  if (probe.length === 0) return 0;
  let from = prev.length - probe.length;
  while (from >= 0) {
    const at = prev.lastIndexOf(probe, from);
    if (at < 0) return 0;
    const tail = prev.slice(at);
    if (next.startsWith(tail)) return tail.length;
    from = at - 1;
  }
  return 0;
}

/** Builds the index of one document's chunks (any order in, document order kept). */
export function buildDocumentIndex(documentId: string, chunks: IndexableChunk[]): DocumentIndex {
  const ordered = [...chunks].sort((a, b) => a.ord - b.ord);
  const termFreqs: Map<string, number>[] = [];
  const lengths: number[] = [];
  const postings = new Map<string, number[]>();
  const overlapChars: number[] = [];
  const overlapTokens: number[] = [];
  ordered.forEach((chunk, i) => {
    const terms = analyzeText(chunk.text);
    const tf = new Map<string, number>();
    for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
    termFreqs.push(tf);
    lengths.push(terms.length);
    for (const term of tf.keys()) {
      const list = postings.get(term);
      if (list) list.push(i);
      else postings.set(term, [i]);
    }
    const prev = ordered[i - 1];
    const chars = prev && prev.ord === chunk.ord - 1 ? overlapLength(prev.text, chunk.text) : 0;
    overlapChars.push(chars);
    overlapTokens.push(chars > 0 ? countTokens(chunk.text.slice(0, chars)) : 0);
  });
  const avgLength = lengths.length ? lengths.reduce((s, n) => s + n, 0) / lengths.length : 0;
  return { documentId, chunks: ordered, termFreqs, lengths, avgLength, postings, overlapChars, overlapTokens };
}

/** BM25 inverse document frequency of a term within a document index (0 when absent). */
export function idfOf(index: DocumentIndex, term: string): number {
  const df = index.postings.get(term)?.length ?? 0;
  if (df === 0) return 0;
  const n = index.chunks.length;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/**
 * BM25 contributions of each weighted query term to every chunk that contains it (weight multiplies
 * the term's contribution). Returns chunk position -> (term -> contribution); a chunk's score is the sum.
 */
export function scoreChunks(
  index: DocumentIndex,
  queryWeights: Map<string, number>,
  params: Bm25Params = DEFAULT_BM25,
): Map<number, Map<string, number>> {
  const scores = new Map<number, Map<string, number>>();
  const { k1, b } = params;
  const avg = index.avgLength || 1;
  for (const [term, weight] of queryWeights) {
    const list = index.postings.get(term);
    if (!list || weight === 0) continue;
    const idf = idfOf(index, term);
    for (const i of list) {
      const tf = index.termFreqs[i].get(term) as number;
      const norm = tf + k1 * (1 - b + (b * index.lengths[i]) / avg);
      let contributions = scores.get(i);
      if (!contributions) scores.set(i, (contributions = new Map()));
      contributions.set(term, weight * idf * ((tf * (k1 + 1)) / norm));
    }
  }
  return scores;
}

/** Sum of a chunk's term contributions. */
export function totalScore(contributions: Map<string, number>): number {
  let sum = 0;
  for (const value of contributions.values()) sum += value;
  return sum;
}
