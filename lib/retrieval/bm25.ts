/**
 * BM25 over one field of one document's units (chunks, segments of chunks, page headings). Statistics
 * (document frequency, average length) are taken within one document, so a word's weight says how well
 * it discriminates between the parts of THAT document: "cash" is everywhere in a cash-flow-heavy filing
 * and nearly worthless there, rare in a contract.
 */

/** BM25 parameters: k1 (term-frequency saturation, 0.5 to 3, default 1.2), b (length normalisation, 0 to 1, default 0.75). */
export interface Bm25Params {
  k1: number;
  b: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75 };

/** An inverted index over units given as term lists. */
export interface FieldIndex {
  /** Term frequencies per unit. */
  termFreqs: Map<string, number>[];
  /** Terms per unit. */
  lengths: number[];
  avgLength: number;
  /** Units containing each term, ascending. */
  postings: Map<string, number[]>;
}

/** Builds a field index from each unit's terms. */
export function buildField(units: string[][]): FieldIndex {
  const termFreqs: Map<string, number>[] = [];
  const lengths: number[] = [];
  const postings = new Map<string, number[]>();
  units.forEach((terms, i) => {
    const tf = new Map<string, number>();
    for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
    termFreqs.push(tf);
    lengths.push(terms.length);
    for (const term of tf.keys()) {
      const list = postings.get(term);
      if (list) list.push(i);
      else postings.set(term, [i]);
    }
  });
  const avgLength = lengths.length ? lengths.reduce((s, n) => s + n, 0) / lengths.length : 0;
  return { termFreqs, lengths, avgLength, postings };
}

/** BM25 inverse document frequency of a term within a field (0 when absent). */
export function idfOf(field: FieldIndex, term: string): number {
  const df = field.postings.get(term)?.length ?? 0;
  if (df === 0) return 0;
  const n = field.termFreqs.length;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/**
 * BM25 contributions of each weighted query term to every unit that contains it (weight multiplies
 * the term's contribution). Returns unit -> (term -> contribution); a unit's score is the sum.
 */
export function scoreField(field: FieldIndex, queryWeights: Map<string, number>, params: Bm25Params = DEFAULT_BM25): Map<number, Map<string, number>> {
  const scores = new Map<number, Map<string, number>>();
  const { k1, b } = params;
  const avg = field.avgLength || 1;
  for (const [term, weight] of queryWeights) {
    const list = field.postings.get(term);
    if (!list || weight === 0) continue;
    const idf = idfOf(field, term);
    for (const i of list) {
      const tf = field.termFreqs[i].get(term) as number;
      const norm = tf + k1 * (1 - b + (b * field.lengths[i]) / avg);
      let contributions = scores.get(i);
      if (!contributions) scores.set(i, (contributions = new Map()));
      contributions.set(term, weight * idf * ((tf * (k1 + 1)) / norm));
    }
  }
  return scores;
}

/** Sum of a unit's term contributions. */
export function totalScore(contributions: Map<string, number> | undefined): number {
  let sum = 0;
  if (contributions) for (const value of contributions.values()) sum += value;
  return sum;
}
