/**
 * BM25 over one field of one document's units (chunks, segments of chunks, page headings), on a
 * MiniSearch index per field. Statistics (document frequency, average length) are taken within one
 * document, so a word's weight says how well it discriminates between the parts of THAT document:
 * "cash" is everywhere in a cash-flow-heavy filing and nearly worthless there, rare in a contract.
 *
 * MiniSearch is fed terms already analysed (terms.ts) and scores with its BM25+ at d = 0, which is plain
 * BM25: idf = ln(1 + (N - df + 0.5) / (df + 0.5)), tf (k1 + 1) / (tf + k1 (1 - b + b len / avgLen)).
 * Two of its defaults are set aside so that holds exactly:
 * - MiniSearch counts a field's length in DISTINCT tokens; here a unit's length is its number of terms.
 *   Repeats of a term reach MiniSearch tagged with their occurrence (`cash`, `cash\u00001`, ...), so they
 *   count in the length, and `processTerm` strips the tag, so they index as the same term.
 * - A multi-term search multiplies the summed score by the number of query terms matched (a
 *   coordination factor). Each query term is searched on its own and the contributions are summed here,
 *   which also gives the per-term contributions the context selection needs.
 * Query term weights go in through `boostTerm`; no prefix or fuzzy matching.
 */
import MiniSearch from "minisearch";

/** BM25 parameters: k1 (term-frequency saturation, 0.5 to 3, default 1.2), b (length normalisation, 0 to 1, default 0.75). */
export interface Bm25Params {
  k1: number;
  b: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75 };

/** One unit as MiniSearch stores it: its number and its terms as one string of tokens. */
interface Unit {
  id: number;
  tokens: string;
}

/** Where a term's units (ascending) and the engine's BM25 scores of it at weight 1 lie: [from, to) of the arrays. */
export interface ScoredPosting {
  units: Int32Array;
  scores: Float64Array;
  from: number;
  to: number;
}

/** The engine's scored postings of every term of a field, packed: term t's lie at starts[t] .. starts[t + 1] - 1. */
interface ScoreTable {
  terms: Map<string, number>;
  starts: Int32Array;
  units: Int32Array;
  scores: Float64Array;
}

/** A field index: MiniSearch over units given as term lists (unit i has id i), with its scores by term. */
export interface FieldIndex {
  /** Number of units. */
  size: number;
  engine: MiniSearch<Unit>;
  /**
   * The engine's scores at the default BM25 parameters of every term found in more than RARE_UNITS
   * units, taken when the index is built; rarer terms (most terms, few hits) are searched on first use.
   */
  defaults: ScoreTable;
  /** Terms of the field left out of the table because they are rare. */
  rare: Set<string>;
  /** Scored postings at other BM25 parameters ("k1 b"), searched on first use. */
  other: Map<string, Map<string, ScoredPosting>>;
}

/** Marks the nth repeat of a term in a unit; analysed terms never contain it (nor a space). */
const REPEAT = "\u0000";

/** A unit's terms as one string of tokens, repeats tagged with their occurrence so each counts in the length. */
function unitTokens(terms: readonly string[]): string {
  const seen = new Map<string, number>();
  const tokens: string[] = [];
  for (const term of terms) {
    const n = seen.get(term) ?? 0;
    seen.set(term, n + 1);
    tokens.push(n === 0 ? term : `${term}${REPEAT}${n}`);
  }
  return tokens.join(" ");
}

function splitTokens(text: string): string[] {
  return text.length === 0 ? [] : text.split(" ");
}

function untag(token: string): string {
  const at = token.indexOf(REPEAT);
  return at < 0 ? token : token.slice(0, at);
}

const paramsKey = ({ k1, b }: Bm25Params) => `${k1} ${b}`;

const NO_POSTING: ScoredPosting = { units: new Int32Array(0), scores: new Float64Array(0), from: 0, to: 0 };

/** One term searched in the engine: its hits (unit ids, scores at weight 1) in ascending unit order. */
function searchTerm(engine: MiniSearch<Unit>, term: string, { k1, b }: Bm25Params): { id: number; score: number }[] {
  return engine.search(term, { bm25: { k: k1, b, d: 0 } }).sort((x, y) => x.id - y.id) as { id: number; score: number }[];
}

/**
 * Terms in at most this many units are scored on first use rather than when the index is built; 4.
 * They are most of a document's terms but few of its hits, so this halves the build's scoring work.
 */
export const RARE_UNITS = 4;

/** Builds a field index from each unit's terms, and scores its common terms at the default parameters. */
export function buildField(units: readonly (readonly string[])[]): FieldIndex {
  const engine = new MiniSearch<Unit>({
    idField: "id",
    fields: ["tokens"],
    storeFields: [],
    tokenize: splitTokens,
    processTerm: untag,
    searchOptions: { tokenize: (query) => [query], processTerm: (term) => term, prefix: false, fuzzy: false, combineWith: "OR" },
  });
  // Every unit is added, empty ones too: they count in N and, with length 0, in the average length.
  engine.addAll(units.map((terms, id) => ({ id, tokens: unitTokens(terms) })));
  // Units per term, in order of first appearance.
  const unitCounts = new Map<string, number>();
  for (const unit of units) for (const term of new Set(unit)) unitCounts.set(term, (unitCounts.get(term) ?? 0) + 1);
  const terms = new Map<string, number>();
  const rare = new Set<string>();
  const starts: number[] = [];
  const hitUnits: number[] = [];
  const hitScores: number[] = [];
  for (const [term, count] of unitCounts) {
    if (count <= RARE_UNITS) {
      rare.add(term);
      continue;
    }
    terms.set(term, starts.length);
    starts.push(hitUnits.length);
    for (const hit of searchTerm(engine, term, DEFAULT_BM25)) {
      hitUnits.push(hit.id);
      hitScores.push(hit.score);
    }
  }
  starts.push(hitUnits.length);
  const defaults = { terms, starts: Int32Array.from(starts), units: Int32Array.from(hitUnits), scores: Float64Array.from(hitScores) };
  return { size: units.length, engine, defaults, rare, other: new Map() };
}

/** The engine's scored posting of a term (empty when no unit contains it). */
function postingOf(field: FieldIndex, term: string, params: Bm25Params): ScoredPosting {
  if (params.k1 === DEFAULT_BM25.k1 && params.b === DEFAULT_BM25.b) {
    // The table holds every common term of the field; a term neither there nor rare is in no unit.
    const { terms, starts, units, scores } = field.defaults;
    const t = terms.get(term);
    if (t !== undefined) return { units, scores, from: starts[t], to: starts[t + 1] };
    if (!field.rare.has(term)) return NO_POSTING;
  }
  const key = paramsKey(params);
  let byTerm = field.other.get(key);
  if (!byTerm) field.other.set(key, (byTerm = new Map()));
  let posting = byTerm.get(term);
  if (!posting) {
    const hits = searchTerm(field.engine, term, params);
    posting = { units: Int32Array.from(hits, (h) => h.id), scores: Float64Array.from(hits, (h) => h.score), from: 0, to: hits.length };
    byTerm.set(term, posting);
  }
  return posting;
}

/**
 * BM25 contributions of each weighted query term to every unit that contains it (weight multiplies
 * the term's contribution, as the engine's `boostTerm` does). Returns unit -> (term -> contribution);
 * a unit's score is the sum. Units come in the order of the first term that matches them, ascending
 * within a term.
 */
export function scoreField(field: FieldIndex, queryWeights: Map<string, number>, params: Bm25Params = DEFAULT_BM25): Map<number, Map<string, number>> {
  const result = new Map<number, Map<string, number>>();
  for (const [term, weight] of queryWeights) {
    if (weight === 0) continue;
    const { units, scores, from, to } = postingOf(field, term, params);
    for (let k = from; k < to; k++) {
      let contributions = result.get(units[k]);
      if (!contributions) result.set(units[k], (contributions = new Map()));
      contributions.set(term, weight * scores[k]);
    }
  }
  return result;
}

/**
 * BM25 scores of every unit for weighted query terms, as one array indexed by unit (0 where nothing
 * matches), plus the units that matched. The fast path when per-term contributions are not needed.
 */
export function scoreFieldTotals(field: FieldIndex, queryWeights: Map<string, number>, params: Bm25Params = DEFAULT_BM25): { scores: Float64Array; matched: number[] } {
  const totals = new Float64Array(field.size);
  const matched: number[] = [];
  for (const [term, weight] of queryWeights) {
    if (weight === 0) continue;
    const { units, scores, from, to } = postingOf(field, term, params);
    for (let k = from; k < to; k++) {
      const i = units[k];
      if (totals[i] === 0) matched.push(i);
      totals[i] += weight * scores[k];
    }
  }
  return { scores: totals, matched };
}

/** Sum of a unit's term contributions. */
export function totalScore(contributions: Map<string, number> | undefined): number {
  let sum = 0;
  if (contributions) for (const value of contributions.values()) sum += value;
  return sum;
}
