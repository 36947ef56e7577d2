/**
 * The question classifier behind mode "auto": a fast, rule-based reading of the question (no LLM call)
 * plus how clearly retrieval found its evidence, giving a tier and a sentence saying why.
 * Pure: the retrieval signals come in as numbers.
 */

export type Tier = "simple" | "moderate" | "complex";

export const TIERS: readonly Tier[] = ["simple", "moderate", "complex"];

/** How clearly retrieval found the evidence; either may be unknown. */
export interface RetrievalSignals {
  /** (best score - second score) / best score of the retrieved chunks, 0 to 1; 1 when one chunk stands out alone. */
  topScoreMargin?: number | null;
  /** Distinct pages the top chunks come from; 1 means the evidence sits on one page. */
  pagesSpread?: number | null;
}

export interface QuestionSignals {
  words: number;
  /** Question opens with is/are/does/has/was/can...: a judgment, not a lookup. */
  yesNo: boolean;
  asksNumber: boolean;
  asksComparison: boolean;
  asksCalculation: boolean;
  /** A formula is given in the question ("defined as", "x / y"). */
  givesFormula: boolean;
  asksAverage: boolean;
  asksExplanation: boolean;
  /** Distinct periods named (FY2015, 2023, Q2 of FY2024 ...). */
  periods: number;
  /** A what-if: the answer is worked out from the document, not read from it. */
  hypothetical: boolean;
  /** Items of an enumeration ("revenue, margin and cash flow"): 0 when there is none. */
  listedItems: number;
}

export interface Classification {
  tier: Tier;
  /** A short sentence a person can read: what pushed the question to its tier. */
  why: string;
  /** The points behind the tier (below 1.5 simple, below 3.5 moderate, else complex). */
  score: number;
  signals: QuestionSignals;
}

/** Score at or above which a question is moderate. */
export const MODERATE_FROM = 1.5;
/** Score at or above which a question is complex. */
export const COMPLEX_FROM = 3.5;

const YES_NO_START = /^(is|are|was|were|does|do|did|has|have|had|can|could|will|would|should|shall|may)\b/;
const NUMBER_ASK = /\b(how (much|many|long|often|large|big|high|far)|what (is|was|were|are) the (total|amount|number|value|price|rate|cost|percentage)|in (usd|us\$|\$|eur|units of)|round(ed)?\b|percent|%|\b(millions?|billions?|thousands?)\b)/;
const COMPARISON = /\b(compare[ds]?|comparison|compared|versus|vs\.?|between .+ and|change[ds]?|changing|increase[ds]?|decrease[ds]?|improv(e|ed|es|ing)|declin(e|ed|es|ing)|drop(ped)?|grow(th|n)?|grew|highest|lowest|most|least|largest|smallest|the best|the worst|fastest|slowest|differences?|differ)\b/;
const CALCULATION = /\b(calculate[ds]?|calculation|compute[ds]?|ratio|turnover|% margin|return on|growth rate|days payable|per share|approximation|metric|each shareholder)\b/;
const FORMULA = /(defined as|define [a-z0-9 %()-]+ as|\bformula\b|[a-z0-9)] [/*+] [a-z0-9(])/;
const AVERAGE = /\b(average|mean|cagr|\d+ year)\b/;
const EXPLANATION = /\b(why|explain|explanation|describe|summari[sz]e|nature|purpose|how does|how do|how is|how are|what drives|reasons?|subject to|allowed to|works?)\b/;
const HYPOTHETICAL = /(^if\b|\bwhat if\b|\bsuppose\b|\bassum(e|ing)\b|\bwould be\b)/;
const PERIOD = /\b(?:fy ?\d{2,4}|q[1-4](?: of fy ?\d{2,4})?|(?:19|20)\d{2})\b/g;

/** Reads the question's form and what it asks for (pure). */
export function readQuestionSignals(question: string): QuestionSignals {
  const text = question.toLowerCase().replace(/\s+/g, " ").trim();
  const words = text === "" ? 0 : text.split(" ").length;
  const periods = new Set((text.match(PERIOD) ?? []).map((p) => p.replace(/\s+/g, ""))).size;
  // "A, B and C": count the items of the longest comma list closed by and/or.
  let listedItems = 0;
  for (const match of text.matchAll(/((?:[\w&'-]+(?: [\w&'-]+){0,3}, ){1,}(?:and |or )?[\w&'-]+(?: [\w&'-]+){0,3})/g)) {
    const commas = (match[1].match(/, /g) ?? []).length;
    const closedWithoutComma = /[^,] (and|or) /.test(match[1]) ? 1 : 0;
    const closed = /,? (and|or) /.test(match[1]);
    if (closed || commas >= 2) listedItems = Math.max(listedItems, commas + 1 + closedWithoutComma);
  }
  const explanationText = text.replace(/\bwork(ing)? capital\b/g, "");
  return {
    words,
    yesNo: YES_NO_START.test(text),
    asksNumber: NUMBER_ASK.test(text),
    asksComparison: COMPARISON.test(text),
    asksCalculation: CALCULATION.test(text),
    givesFormula: FORMULA.test(text),
    asksAverage: AVERAGE.test(text),
    asksExplanation: EXPLANATION.test(explanationText),
    hypothetical: HYPOTHETICAL.test(text),
    periods,
    listedItems,
  };
}

/**
 * Labels a question simple, moderate or complex from its text and, when known, how clearly retrieval
 * found its evidence (weak, scattered evidence moves a question up; one clear page keeps it down).
 */
export function classifyQuestion({ question, retrieval = {} }: { question: string; retrieval?: RetrievalSignals }): Classification {
  const signals = readQuestionSignals(question);
  const reasons: string[] = [];
  let score = 0;
  const add = (points: number, reason: string) => {
    score += points;
    reasons.push(reason);
  };

  if (signals.givesFormula) add(3.5, "a calculation with a given formula");
  else if (signals.asksCalculation) add(2, "a derived figure (ratio, margin or calculation)");
  if (signals.asksAverage && signals.periods >= 2) add(2.5, "an average over several periods");
  if (signals.asksComparison) add(1.5, "a comparison or change");
  if (signals.asksExplanation) add(1.5, "an explanation or judgment");
  else if (signals.yesNo) add(1.5, "a yes/no judgment");
  if (signals.hypothetical) add(1.5, "a what-if to work out");
  if (signals.periods >= 3) add(2, `${signals.periods} periods`);
  else if (signals.periods === 2 && !signals.asksComparison) add(0.5, "2 periods");
  if (signals.listedItems >= 3) add(1.5, `${signals.listedItems} things listed`);
  else if (signals.listedItems === 2) add(0.5, "2 things listed");
  if (signals.words > 60) add(1, `a long question (${signals.words} words)`);
  else if (signals.words > 35) add(0.5, `${signals.words} words`);

  const margin = finiteOrNull(retrieval.topScoreMargin);
  const spread = finiteOrNull(retrieval.pagesSpread);
  // Calibrated on the open evaluation set: passages of a 2,000-token context touch 5 to 14 pages, and
  // only a near tie at the top over many pages went with missed evidence.
  if (margin !== null && spread !== null && margin < 0.05 && spread >= 10) add(2, `evidence unclear (margin ${margin.toFixed(2)}, ${spread} pages)`);
  else if (margin !== null && margin >= 0.3 && spread !== null && spread <= 2 && score > 0) add(-0.5, "evidence clear on one page");

  const tier: Tier = score >= COMPLEX_FROM ? "complex" : score >= MODERATE_FROM ? "moderate" : "simple";
  const askNote = signals.asksNumber ? "asks for a figure" : "asks for a fact";
  const why = reasons.length === 0 ? `${capitalize(tier)}: ${askNote}, one thing, short (${signals.words} words).` : `${capitalize(tier)}: ${reasons.join("; ")}.`;
  return { tier, why, score: Math.round(score * 10) / 10, signals };
}

/** The next tier up, or null from complex (a cascade escalates once). */
export function nextTier(tier: Tier): Tier | null {
  return tier === "simple" ? "moderate" : tier === "moderate" ? "complex" : null;
}

/**
 * Retrieval signals from chunk scores (best first or any order) and their pages (pure).
 * Margin: (best - second) / best, 1 with one chunk, null with none or a non-positive best.
 */
export function retrievalSignals(chunks: { score: number | null; pageStart: number; pageEnd: number; documentId?: string }[]): RetrievalSignals {
  const scores = chunks.map((c) => c.score).filter((s): s is number => typeof s === "number" && Number.isFinite(s)).sort((a, b) => b - a);
  const pages = new Set<string>();
  for (const c of chunks) for (let p = c.pageStart; p <= c.pageEnd && p - c.pageStart < 1000; p++) pages.add(`${c.documentId ?? ""}:${p}`);
  let topScoreMargin: number | null = null;
  if (scores.length === 1 && scores[0] > 0) topScoreMargin = 1;
  else if (scores.length >= 2 && scores[0] > 0) topScoreMargin = (scores[0] - scores[1]) / scores[0];
  return { topScoreMargin, pagesSpread: chunks.length === 0 ? null : pages.size };
}

function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
