/**
 * Evaluation metrics, computed exactly as the evaluation data's README defines them so every tool
 * reports the same numbers:
 * - terms: lower-cased matches of `[a-z]+|\d[\d,]*(?:\.\d+)?`, commas removed inside numbers;
 * - evidence-token recall: multiset overlap of the evidence's terms with the context's, over the
 *   evidence's term count;
 * - evidence hit: any chunk sent spans an evidence page;
 * - context tokens: o200k_base tokens of the chunks' texts joined by blank lines.
 * All pure.
 */
import { countTokens } from "../tokens";

const TERM = /[a-z]+|\d[\d,]*(?:\.\d+)?/g;

/** The terms of text as the metric counts them, in order. */
export function metricTerms(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.toLowerCase().matchAll(TERM)) terms.push(match[0].replace(/,/g, ""));
  return terms;
}

function countTerms(terms: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/** Share (0 to 1) of the evidence's terms, as a multiset, found in the context; null when the evidence has no terms. */
export function evidenceRecall(evidenceText: string, contextText: string): number | null {
  const evidence = countTerms(metricTerms(evidenceText));
  let total = 0;
  for (const n of evidence.values()) total += n;
  if (total === 0) return null;
  const context = countTerms(metricTerms(contextText));
  let found = 0;
  for (const [term, n] of evidence) found += Math.min(n, context.get(term) ?? 0);
  return found / total;
}

export interface PageSpan {
  pageStart: number;
  pageEnd: number;
}

/** 1 when any chunk spans one of the evidence pages, else 0; null when there are no evidence pages. */
export function evidenceHit(chunks: PageSpan[], evidencePages: number[] | undefined): 0 | 1 | null {
  if (!evidencePages || evidencePages.length === 0) return null;
  return chunks.some((c) => evidencePages.some((p) => p >= c.pageStart && p <= c.pageEnd)) ? 1 : 0;
}

/** Distinct pages the chunks span. */
export function pagesTouched(chunks: PageSpan[]): number {
  const pages = new Set<number>();
  for (const c of chunks) for (let p = c.pageStart; p <= c.pageEnd; p++) pages.add(p);
  return pages.size;
}

/** The context as the metric sees it: chunk texts joined by blank lines. */
export function contextText(texts: string[]): string {
  return texts.join("\n\n");
}

/** o200k_base tokens of the context (chunk texts joined by blank lines). */
export function contextTokenCount(texts: string[]): number {
  return countTokens(contextText(texts));
}

/** Measurements of one question under one configuration. */
export interface QuestionMeasure {
  id: string;
  hit: 0 | 1 | null;
  recall: number | null;
  contextTokens: number;
  pages: number;
  promptTokens: number;
  /** Estimated cost of the question at the chosen model, nano-dollars; null when the model's price is unknown. */
  costNano: number | null;
}

/** Averages over the questions of one configuration. */
export interface ConfigMetrics {
  questions: number;
  /** Mean evidence hit over questions with evidence pages; null when none has any. */
  evidenceHit: number | null;
  /** Mean evidence-token recall over questions with evidence text; null when none has any. */
  evidenceRecall: number | null;
  /** Share of questions (with evidence text) whose recall is at least 0.8. */
  recall80Share: number | null;
  meanContextTokens: number;
  maxContextTokens: number;
  meanPages: number;
  meanPromptTokens: number;
  /** Mean estimated cost per question in USD; null when any question's cost is unknown. */
  usdPerQuestion: number | null;
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
}

/** Aggregates per-question measurements into the configuration's metrics. */
export function aggregateMeasures(measures: QuestionMeasure[]): ConfigMetrics {
  const hits = measures.flatMap((m) => (m.hit === null ? [] : [m.hit]));
  const recalls = measures.flatMap((m) => (m.recall === null ? [] : [m.recall]));
  const costs = measures.map((m) => m.costNano);
  const knownCosts = costs.every((c) => c !== null) ? (costs as number[]) : null;
  const meanCostNano = knownCosts ? mean(knownCosts) : null;
  return {
    questions: measures.length,
    evidenceHit: mean(hits),
    evidenceRecall: mean(recalls),
    recall80Share: recalls.length === 0 ? null : recalls.filter((r) => r >= 0.8).length / recalls.length,
    meanContextTokens: mean(measures.map((m) => m.contextTokens)) ?? 0,
    maxContextTokens: measures.reduce((max, m) => Math.max(max, m.contextTokens), 0),
    meanPages: mean(measures.map((m) => m.pages)) ?? 0,
    meanPromptTokens: mean(measures.map((m) => m.promptTokens)) ?? 0,
    usdPerQuestion: meanCostNano === null ? null : meanCostNano / 1e9,
  };
}
