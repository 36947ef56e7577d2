/**
 * Extractive compression of a retrieved context: keeps the sentences and table rows that bear on the
 * question, drops boilerplate and repeats, keeps every page mark. Nothing is rewritten, only left out,
 * so every figure sent is a figure of the document. Pure apart from token counting.
 *
 * How units are chosen (docs/routing.md has the measurements behind each step):
 * 1. each unit is scored by BM25 against the question, analysed as retrieval analyses it (stemming,
 *    numbers kept whole, instruction words dropped, short numbers weighing a quarter), term rarity
 *    taken over the context's units;
 * 2. a table (a run of rows with the label lines between them, going on across blank lines and up to
 *    three captions when rows follow) is evidence as a whole: each of its rows inherits its best row's score, and its title lines
 *    (up to three short lines above it) rank with that score; elsewhere a unit inherits its neighbours'
 *    score, less with distance; every unit of a passage inherits a share of its heading's score (the
 *    passage's first lines: "Consolidated Balance Sheets" says what the whole page is);
 * 3. passages retrieval ranked higher weigh more (retrieval score over the best one's, squared);
 * 4. the best matches go in first; then units by worth per token (their own match per their tokens,
 *    plus what they inherit spread over a typical unit's length; a table's units worth more, as tables
 *    hold the figures questions ask for) until the budget is spent. Page marks and units naming a
 *    figure of the question are always kept (a year is a period, not a figure: it is scored as a term);
 *    page furniture (page numbers, running heads, "see accompanying notes", repeats) is never kept, and
 *    dot leaders are left out of rows.
 */
import { analyzeQuestion, analyzeText, splitWords } from "../retrieval/terms";
import { countTokens, DEFAULT_ENCODING, type Encoding } from "../tokens";
import { joinUnits, segmentText, type TextUnit } from "./segment";

/** Default share of the context's tokens to keep: 0.5 (range 0.1 to 1). */
export const DEFAULT_COMPRESSION_RATIO = 0.5;

/**
 * How many times the context budget is retrieved when a question is compressed: the compressor then
 * keeps ratio x the usual context's tokens from the wider context. Chosen on the tuning half of the
 * open evaluation set (docs/routing.md): 1.5 keeps more evidence at every ratio than compressing the
 * usual context in place.
 */
export const COMPRESSION_POOL = 1.5;

export interface CompressionStats {
  /** Tokens of the context before compression (the passages' text joined by blank lines). */
  tokensBefore: number;
  /** Tokens after compression, counted the same way. */
  tokensAfter: number;
  /** The budget aimed at: ratio x tokensBefore, or targetTokens. */
  targetTokens: number;
  unitsBefore: number;
  unitsKept: number;
  /** Units kept whatever the budget: page marks and units holding a figure the question names. */
  unitsRequired: number;
}

export interface CompressionOptions {
  question: string;
  /** Share of the tokens to keep, 0.1 to 1 (default 0.5); ignored when targetTokens is given. */
  ratio?: number;
  /** Token budget for the compressed context; required units may exceed it. */
  targetTokens?: number;
  encoding?: Encoding;
  /** Scoring knobs, for tuning with the eval; each has a default. */
  tuning?: Partial<CompressionTuning>;
}

export interface CompressionTuning {
  /** Share of a neighbour's relevance a unit inherits, 0 to 2, divided by the distance (default 1). */
  neighbourWeight: number;
  /** How many units either side count as neighbours (default 8). */
  neighbourSpan: number;
  /** Exponent of the length penalty when choosing: match / tokens^lengthExponent (default 1: relevance per token). */
  lengthExponent: number;
  /** Share of its table's best score every row and label of a table inherits, 0 to 2 (default 1). */
  tableWeight: number;
  /** Exponent of the passage prior (retrieval score / best retrieval score), 0 to 3; 0 ignores retrieval scores (default 2). */
  passageWeight: number;
  /** Units whose own match (times their passage prior) reaches this share of the best are taken first, 0 to 1 (default 0.8). */
  anchorShare: number;
  /** BM25 term-frequency saturation within a unit (default 1.2). */
  k1: number;
  /** BM25 length normalisation within a unit, 0 to 1 (default 0.5). */
  b: number;
  /** Share of its passage heading's score every unit of the passage inherits, 0 to 2 (default 0.3). */
  headingWeight: number;
  /** How many of a passage's first sentences (furniture skipped) make its heading (default 2). */
  headingUnits: number;
  /** Extra worth of a table's rows and label lines when choosing, 0 to 3: worth x (1 + tableBoost) (default 1). */
  tableBoost: number;
}

/** Defaults chosen on the tuning half of the open evaluation set (see docs/routing.md). */
export const DEFAULT_TUNING: CompressionTuning = {
  neighbourWeight: 1,
  neighbourSpan: 8,
  lengthExponent: 1,
  tableWeight: 1.5,
  passageWeight: 2,
  anchorShare: 0.8,
  k1: 1.2,
  b: 0.5,
  headingWeight: 0.3,
  headingUnits: 2,
  tableBoost: 1,
};

/** Weight of a question number of one or two digits ("Q2", "3 years"): it matches everywhere (as retrieval weighs it). */
const SMALL_NUMBER_WEIGHT = 0.25;

interface ScoredUnit {
  unit: TextUnit;
  passage: number;
  tokens: number;
  terms: string[];
  /** BM25 of the unit against the question. */
  own: number;
  /** What it inherits from its table or neighbours, times its passage's prior. */
  inherited: number;
  required: boolean;
  drop: boolean;
  /** Index of the table the unit belongs to, or -1. */
  table: number;
  /** A title line of the table it heads (or -1). */
  titleOf: number;
}

// Running heads, footers and navigation that carry nothing for any question.
const BOILERPLATE =
  /^(?:table of contents|contents|index|\(?continued\)?|index to (?:consolidated )?financial statements|page|see accompanying notes.*|the accompanying notes are an integral part of.*)$/i;
// Page furniture: a page or item number alone ("85", "F-12", "- 3 -", "iv", "Page 7"), a dot leader, a rule.
const FURNITURE = /^(?:[-–—(]*\s*(?:[a-z]{1,2}-)?\d{1,4}\s*[-–—)]*|[ivxlc]{1,6}|(?:page\s+)?\d{1,4}\s*(?:of\s+\d{1,4})?|[.\s…_=*-]+)$/i;

// A number as written: digits with thousands separators and decimals ("16,525", "0.66", "2019").
const WRITTEN_NUMBER = /\d[\d,]*(?:\.\d+)?/g;

/**
 * A year as written: four digits from 1800 to 2099 with no separator ("2019", "FY2019"), or two digits
 * after FY/CY ("FY19"). "2,019" is an amount.
 */
function isYear(written: string, before: string): boolean {
  return /^(?:18|19|20)\d\d$/.test(written) || (/^\d\d$/.test(written) && /\b[FC]Y$/i.test(before));
}

/**
 * Figures of the question that make a unit required: numbers of two or more digits ("365", "16525",
 * "0.66", "2.5"). Single digits ("3 year", "1 of 2") are too common to mean a figure, and years name a
 * period: in a filing nearly every paragraph names the fiscal years it covers, so a year is scored as a
 * question term instead (units naming a rare year still rank first).
 */
export function questionFigures(question: string): Set<string> {
  const figures = new Set<string>();
  for (const match of question.matchAll(WRITTEN_NUMBER)) {
    const written = match[0].replace(/[,.]$/, "");
    const value = written.replace(/,/g, "");
    if (value.replace(/\D/g, "").length < 2 || isYear(written, question.slice(0, match.index))) continue;
    figures.add(value);
  }
  return figures;
}

/** Query term weights: each distinct question term once, numbers of one or two digits a quarter. */
function queryWeights(question: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const term of analyzeQuestion(question)) weights.set(term, /^\d{1,2}(?:\.\d+)?$/.test(term) ? SMALL_NUMBER_WEIGHT : 1);
  return weights;
}

/** A short line without a sentence end: a heading, a table title or a row label ("Revenue:", "(In millions)"). */
function isLabelLine(unit: TextUnit): boolean {
  return unit.kind === "sentence" && unit.newLine && unit.text.length <= 120 && !/[.!?]["')\]]?$/.test(unit.text);
}

/** Text that is not a sentence: no . ! or ? at its end (a label, a caption, label lines joined into one). */
function isUnterminated(unit: TextUnit): boolean {
  return unit.kind === "sentence" && !/[.!?]["')\]]?$/.test(unit.text);
}

/**
 * A row follows from i on, past blank lines and at most three unterminated units: a table going on
 * after "Shareholders' equity:" or "Common stock: Class A ... 315 and 329 shares outstanding — —".
 */
function rowFollows(scored: ScoredUnit[], i: number, passage: number): boolean {
  let lines = 0;
  for (let k = i; k < scored.length && scored[k].passage === passage; k++) {
    const unit = scored[k].unit;
    if (unit.kind === "row") return true;
    if (unit.kind === "blank") continue;
    if (!isUnterminated(unit) || ++lines > 3) return false;
  }
  return false;
}

/**
 * Tables: runs of rows within a passage, with the label lines between rows ("Operating activities:"),
 * and up to three title lines just above the first row (statement name, "(In thousands)", the period).
 * Marks each unit's table and title role.
 */
function findTables(scored: ScoredUnit[]): number {
  let tables = 0;
  let i = 0;
  while (i < scored.length) {
    if (scored[i].unit.kind !== "row") {
      i++;
      continue;
    }
    const passage = scored[i].passage;
    let end = i;
    let rows = 0;
    let j = i;
    // Extend over rows, label lines, and blank lines or captions a row follows.
    while (j < scored.length && scored[j].passage === passage) {
      const u = scored[j].unit;
      if (u.kind === "row") {
        rows++;
        end = j;
      } else if (!(isLabelLine(u) || rowFollows(scored, j, passage))) break;
      j++;
    }
    if (rows >= 2) {
      for (let k = i; k <= end; k++) if (scored[k].unit.kind !== "blank") scored[k].table = tables;
      // Title lines: short lines right above the first row, not across a blank line or another table.
      let titles = 0;
      for (let k = i - 1; k >= 0 && titles < 3; k--) {
        const s = scored[k];
        if (s.passage !== passage || s.table >= 0 || !isLabelLine(s.unit)) break;
        s.titleOf = tables;
        titles++;
      }
      tables++;
    }
    i = end + 1;
  }
  return tables;
}

/** Compresses passages in place of order: each passage keeps its fields and gets its kept text; emptied passages are left out. */
export function compressPassages<T extends { text: string; score?: number | null }>({
  passages,
  ...options
}: CompressionOptions & { passages: readonly T[] }): { passages: T[]; stats: CompressionStats; droppedPassages: number } {
  const encoding = options.encoding ?? DEFAULT_ENCODING;
  const tuning = { ...DEFAULT_TUNING, ...options.tuning };
  const figures = questionFigures(options.question);
  const weights = queryWeights(options.question);

  const scored: ScoredUnit[] = [];
  const seen = new Set<string>();
  passages.forEach((passage, p) => {
    for (const unit of segmentText(passage.text)) {
      const key = unit.text.toLowerCase().replace(/\s+/g, " ").trim();
      const words = splitWords(unit.text);
      const required = unit.kind === "mark" || words.some((w) => figures.has(w));
      const content = unit.kind === "sentence" || unit.kind === "row";
      const duplicate = content && seen.has(key);
      const furniture = content && (BOILERPLATE.test(key) || FURNITURE.test(key) || !/[a-z0-9]/i.test(key));
      if (content) seen.add(key);
      scored.push({
        unit,
        passage: p,
        tokens: unit.kind === "blank" ? 0 : countTokens(unit.text, encoding) + 1,
        terms: content ? analyzeText(unit.text) : [],
        own: 0,
        inherited: 0,
        required,
        drop: !required && (duplicate || furniture),
        table: -1,
        titleOf: -1,
      });
    }
  });

  // BM25 of each unit against the question, term rarity taken over the context's units.
  const content = scored.filter((s) => s.terms.length > 0);
  const avgLength = content.reduce((sum, s) => sum + s.terms.length, 0) / Math.max(1, content.length);
  const idf = new Map<string, number>();
  const df = new Map<string, number>();
  for (const s of content) for (const t of new Set(s.terms)) if (weights.has(t)) df.set(t, (df.get(t) ?? 0) + 1);
  for (const term of weights.keys()) {
    const d = df.get(term) ?? 0;
    idf.set(term, Math.log(1 + (content.length - d + 0.5) / (d + 0.5)));
  }
  for (const s of content) {
    const tf = new Map<string, number>();
    for (const t of s.terms) if (weights.has(t)) tf.set(t, (tf.get(t) ?? 0) + 1);
    const norm = tuning.k1 * (1 - tuning.b + (tuning.b * s.terms.length) / Math.max(1, avgLength));
    for (const [t, f] of tf) s.own += (weights.get(t) ?? 0) * (idf.get(t) ?? 0) * ((f * (tuning.k1 + 1)) / (f + norm));
  }

  // Tables share their best row's score; titles rank with their table.
  const tableCount = findTables(scored);
  const tableBest = new Array<number>(tableCount).fill(0);
  for (const s of scored) if (s.table >= 0 || s.titleOf >= 0) tableBest[Math.max(s.table, s.titleOf)] = Math.max(tableBest[Math.max(s.table, s.titleOf)], s.own);

  // Passages retrieval ranked higher weigh more.
  const scores = passages.map((p) => (typeof p.score === "number" && Number.isFinite(p.score) && p.score > 0 ? p.score : null));
  const bestScore = Math.max(0, ...scores.map((s) => s ?? 0));
  const prior = scores.map((s) => (bestScore > 0 && tuning.passageWeight > 0 ? ((s ?? 0) / bestScore) ** tuning.passageWeight : 1));

  // A passage's heading (its first sentences, furniture skipped) says what the whole passage is.
  const headingBest = passages.map((_, p) => {
    const heading = scored.filter((s) => s.passage === p && s.unit.kind === "sentence" && !s.drop && s.terms.length > 0).slice(0, tuning.headingUnits);
    return Math.max(0, ...heading.map((s) => s.own));
  });
  scored.forEach((s, i) => {
    let near = 0;
    for (let d = 1; d <= tuning.neighbourSpan; d++) {
      for (const j of [i - d, i + d]) {
        const t = scored[j];
        if (!t || t.passage !== s.passage) continue;
        near = Math.max(near, t.own / d);
      }
    }
    const table = s.table >= 0 ? tuning.tableWeight * tableBest[s.table] : s.titleOf >= 0 ? tableBest[s.titleOf] : 0;
    s.inherited = prior[s.passage] * Math.max(tuning.neighbourWeight * near, table, tuning.headingWeight * headingBest[s.passage]);
  });

  const tokensBefore = countTokens(passages.map((p) => p.text).join("\n\n"), encoding);
  const ratio = clampRatio(options.ratio);
  const targetTokens = options.targetTokens !== undefined ? Math.max(0, Math.floor(options.targetTokens)) : Math.ceil(tokensBefore * ratio);

  const keep = new Array<boolean>(scored.length).fill(false);
  let used = 0;
  scored.forEach((s, i) => {
    if (s.required) {
      keep[i] = true;
      used += s.tokens;
    }
  });
  // The best matches go in first, whatever their length: the fill grows from them.
  const bestMatch = Math.max(0, ...scored.map((s) => prior[s.passage] * s.own));
  const anchor = (s: ScoredUnit) => bestMatch > 0 && prior[s.passage] * s.own >= tuning.anchorShare * bestMatch;
  // Worth per token: a unit's own match per its tokens, plus what it inherits spread evenly over a
  // typical unit's length, so the rows of a kept table go in by how well each matches, not by shortness;
  // a table's units are worth more.
  const meanTokens = content.reduce((sum, s) => sum + s.tokens, 0) / Math.max(1, content.length);
  const worth = (s: ScoredUnit) =>
    (s.table >= 0 ? 1 + tuning.tableBoost : 1) * ((prior[s.passage] * s.own) / s.tokens ** tuning.lengthExponent + s.inherited / meanTokens ** tuning.lengthExponent);
  const candidates = scored
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => !s.required && !s.drop && s.own + s.inherited > 0 && s.unit.kind !== "blank")
    .sort((a, b) => Number(anchor(b.s)) - Number(anchor(a.s)) || worth(b.s) - worth(a.s) || a.i - b.i);
  for (const { s, i } of candidates) {
    if (used + s.tokens > targetTokens) continue;
    keep[i] = true;
    used += s.tokens;
  }
  // Blank lines survive only between kept units of the same passage, to keep paragraphs apart.
  scored.forEach((s, i) => {
    if (s.unit.kind === "blank") keep[i] = i > 0 && keep[i - 1] && scored.slice(i + 1).some((t, j) => t.passage === s.passage && keep[i + 1 + j]);
  });

  const out: T[] = [];
  let droppedPassages = 0;
  passages.forEach((passage, p) => {
    const units = scored.filter((s, i) => s.passage === p && keep[i]).map((s) => s.unit);
    const hasContent = units.some((u) => u.kind === "sentence" || u.kind === "row");
    if (!hasContent && !units.some((u) => u.kind === "mark")) {
      droppedPassages++;
      return;
    }
    out.push({ ...passage, text: joinUnits(units) });
  });
  const tokensAfter = countTokens(out.map((p) => p.text).join("\n\n"), encoding);
  return {
    passages: out,
    droppedPassages,
    stats: {
      tokensBefore,
      tokensAfter,
      targetTokens,
      unitsBefore: scored.filter((s) => s.unit.kind !== "blank").length,
      unitsKept: scored.filter((s, i) => keep[i] && s.unit.kind !== "blank").length,
      unitsRequired: scored.filter((s) => s.required).length,
    },
  };
}

/** Compresses one text (a page-marked context); see compressPassages. */
export function compressText({ text, ...options }: CompressionOptions & { text: string }): { text: string; stats: CompressionStats } {
  const result = compressPassages({ ...options, passages: [{ text }] });
  return { text: result.passages[0]?.text ?? "", stats: result.stats };
}

function clampRatio(ratio: number | undefined): number {
  if (ratio === undefined || !Number.isFinite(ratio)) return DEFAULT_COMPRESSION_RATIO;
  return Math.min(1, Math.max(0.1, ratio));
}
