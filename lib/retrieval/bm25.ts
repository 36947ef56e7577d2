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

/** The units containing a term (ascending) and the term's frequency in each. */
export interface Posting {
  units: number[];
  tfs: number[];
}

/** An inverted index over units given as term lists. */
export interface FieldIndex {
  /** Number of units. */
  size: number;
  /** Terms per unit. */
  lengths: number[];
  avgLength: number;
  postings: Map<string, Posting>;
}

/** Builds a field index from each unit's terms. */
export function buildField(units: string[][]): FieldIndex {
  const lengths: number[] = [];
  const postings = new Map<string, Posting>();
  units.forEach((terms, i) => {
    const tf = new Map<string, number>();
    for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
    lengths.push(terms.length);
    for (const [term, n] of tf) {
      const posting = postings.get(term);
      if (posting) {
        posting.units.push(i);
        posting.tfs.push(n);
      } else postings.set(term, { units: [i], tfs: [n] });
    }
  });
  const avgLength = lengths.length ? lengths.reduce((s, n) => s + n, 0) / lengths.length : 0;
  return { size: units.length, lengths, avgLength, postings };
}

/** BM25 inverse document frequency of a term within a field (0 when absent). */
export function idfOf(field: FieldIndex, term: string): number {
  const df = field.postings.get(term)?.units.length ?? 0;
  if (df === 0) return 0;
  return Math.log(1 + (field.size - df + 0.5) / (df + 0.5));
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
    const posting = field.postings.get(term);
    if (!posting || weight === 0) continue;
    const idf = idfOf(field, term);
    const { units, tfs } = posting;
    for (let k = 0; k < units.length; k++) {
      const i = units[k];
      const tf = tfs[k];
      const norm = tf + k1 * (1 - b + (b * field.lengths[i]) / avg);
      let contributions = scores.get(i);
      if (!contributions) scores.set(i, (contributions = new Map()));
      contributions.set(term, weight * idf * ((tf * (k1 + 1)) / norm));
    }
  }
  return scores;
}

/**
 * BM25 scores of every unit for weighted query terms, as one array indexed by unit (0 where nothing
 * matches), plus the units that matched. The fast path when per-term contributions are not needed.
 */
export function scoreFieldTotals(field: FieldIndex, queryWeights: Map<string, number>, params: Bm25Params = DEFAULT_BM25): { scores: Float64Array; matched: number[] } {
  const scores = new Float64Array(field.size);
  const matched: number[] = [];
  const { k1, b } = params;
  const avg = field.avgLength || 1;
  for (const [term, weight] of queryWeights) {
    const posting = field.postings.get(term);
    if (!posting || weight === 0) continue;
    const scale = weight * idfOf(field, term) * (k1 + 1);
    const { units, tfs } = posting;
    for (let k = 0; k < units.length; k++) {
      const i = units[k];
      const tf = tfs[k];
      if (scores[i] === 0) matched.push(i);
      scores[i] += (scale * tf) / (tf + k1 * (1 - b + (b * field.lengths[i]) / avg));
    }
  }
  return { scores, matched };
}

/** Sum of a unit's term contributions. */
export function totalScore(contributions: Map<string, number> | undefined): number {
  let sum = 0;
  if (contributions) for (const value of contributions.values()) sum += value;
  return sum;
}
