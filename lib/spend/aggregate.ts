/**
 * Dashboard aggregation, pure: questions in, the series behind each chart out. Money stays in integer
 * nano-dollars until the caller converts it for display. A question whose provider reported no usage
 * counts at its estimate and is marked as such (unknown is not zero).
 */
import { dayKeyAt } from "./month";
import type { QueryLogEntry } from "./types";

/** What a question counts for on the dashboard: its charged cost, or its estimate when usage was unknown. */
export interface ChargedCost {
  /** Nano-dollars; 0 for a question that was refused or failed before being charged. */
  nano: number;
  /** True when the amount is an estimate (the provider reported no usage). */
  isEstimate: boolean;
}

/** The amount a question counts for: cost charged, else its estimate when it was answered, else 0. */
export function chargedCost(query: Pick<QueryLogEntry, "costNanoUsd" | "costIsEstimate" | "estimatedNanoUsd" | "status">): ChargedCost {
  if (query.costNanoUsd !== null) return { nano: query.costNanoUsd, isEstimate: query.costIsEstimate };
  if (isAnswered(query.status) && query.estimatedNanoUsd !== null) return { nano: query.estimatedNanoUsd, isEstimate: true };
  return { nano: 0, isEstimate: false };
}

/** True for a question that reached an answer (whatever the status vocabulary: answered, ok, done). */
export function isAnswered(status: string): boolean {
  return status === "answered" || status === "ok" || status === "done" || status === "success";
}

export interface SpendBucket {
  key: string;
  label: string;
  /** Charged nano-dollars, estimates included. */
  costNano: number;
  /** The part of costNano that is estimated. */
  estimatedNano: number;
  queries: number;
  /** Prompt tokens not read from the cache (known usage only). */
  inputTokens: number;
  cachedTokens: number;
  outputTokens: number;
  /** Questions in the bucket whose token usage is unknown (not counted in the token sums). */
  unknownUsageQueries: number;
}

function emptyBucket(key: string, label: string): SpendBucket {
  return { key, label, costNano: 0, estimatedNano: 0, queries: 0, inputTokens: 0, cachedTokens: 0, outputTokens: 0, unknownUsageQueries: 0 };
}

/** Splits an integer amount into n integer parts that sum to it (the first parts take the remainder). */
export function splitEvenly(amount: number, parts: number): number[] {
  if (parts <= 0) return [];
  const base = Math.trunc(amount / parts);
  const remainder = amount - base * parts;
  return Array.from({ length: parts }, (_, index) => base + (index < Math.abs(remainder) ? Math.sign(remainder) : 0));
}

function addTo(bucket: SpendBucket, query: QueryLogEntry, share: { costNano: number; fraction: number }): void {
  const cost = chargedCost(query);
  bucket.costNano += share.costNano;
  if (cost.isEstimate) bucket.estimatedNano += share.costNano;
  bucket.queries += 1;
  if (query.promptTokens === null || query.completionTokens === null) {
    bucket.unknownUsageQueries += 1;
    return;
  }
  const cached = Math.min(query.cachedTokens ?? 0, query.promptTokens);
  bucket.inputTokens += Math.round((query.promptTokens - cached) * share.fraction);
  bucket.cachedTokens += Math.round(cached * share.fraction);
  bucket.outputTokens += Math.round(query.completionTokens * share.fraction);
}

function groupBy(queries: QueryLogEntry[], keyOf: (query: QueryLogEntry) => { key: string; label: string }): SpendBucket[] {
  const buckets = new Map<string, SpendBucket>();
  for (const query of queries) {
    const { key, label } = keyOf(query);
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = emptyBucket(key, label)));
    addTo(bucket, query, { costNano: chargedCost(query).nano, fraction: 1 });
  }
  return sortBuckets([...buckets.values()]);
}

function sortBuckets(buckets: SpendBucket[]): SpendBucket[] {
  return buckets.sort((a, b) => b.costNano - a.costNano || b.queries - a.queries || a.label.localeCompare(b.label));
}

/** Spend and tokens per model (the offline answerer is a model at $0), most expensive first. */
export function aggregateByModel(queries: QueryLogEntry[]): SpendBucket[] {
  return groupBy(queries, (query) => ({ key: query.model, label: query.model }));
}

/** Spend and tokens per mode (chunked / full). */
export function aggregateByMode(queries: QueryLogEntry[]): SpendBucket[] {
  return groupBy(queries, (query) => ({ key: query.mode, label: query.mode }));
}

/** How often routed questions escalated: routed questions, those that escalated, and the rate (null with none routed). */
export function summarizeEscalations(queries: QueryLogEntry[]): { routedQuestions: number; escalatedQuestions: number; escalationRate: number | null } {
  const routedQuestions = queries.filter((query) => query.routeStage === "final").length;
  const escalatedQuestions = queries.filter((query) => query.routeStage === "escalated").length;
  return { routedQuestions, escalatedQuestions, escalationRate: routedQuestions === 0 ? null : escalatedQuestions / routedQuestions };
}

/** Spend and tokens per routing tier; questions that were not routed count under "unrouted". */
export function aggregateByTier(queries: QueryLogEntry[]): SpendBucket[] {
  return groupBy(queries, (query) => ({ key: query.tier ?? "unrouted", label: query.tier ?? "unrouted" }));
}

/**
 * Spend and tokens per document. A question over several documents is shared evenly between them
 * (integer nano-dollars, so the parts add up to its cost exactly); it counts as one question in each.
 */
export function aggregateByDocument(queries: QueryLogEntry[]): SpendBucket[] {
  const buckets = new Map<string, SpendBucket>();
  for (const query of queries) {
    const ids = query.documentIds.length > 0 ? query.documentIds : ["(none)"];
    const shares = splitEvenly(chargedCost(query).nano, ids.length);
    ids.forEach((id, index) => {
      const label = query.documentNames[index] ?? id;
      let bucket = buckets.get(id);
      if (!bucket) buckets.set(id, (bucket = emptyBucket(id, label)));
      addTo(bucket, query, { costNano: shares[index], fraction: 1 / ids.length });
    });
  }
  return sortBuckets([...buckets.values()]);
}

export interface DayPoint {
  day: string;
  /** Null for days after `now` (a gap, not a zero). */
  costNano: number | null;
  estimatedNano: number;
  queries: number;
}

/**
 * Spend per calendar day in timeZone for each of `days` (the month's day keys); days after nowMs are null.
 * Questions outside the listed days are ignored.
 */
export function aggregateByDay({ queries, days, timeZone, nowMs }: { queries: QueryLogEntry[]; days: string[]; timeZone: string; nowMs: number }): DayPoint[] {
  const today = dayKeyAt({ atMs: nowMs, timeZone });
  const points = new Map<string, DayPoint>(days.map((day) => [day, { day, costNano: day > today ? null : 0, estimatedNano: 0, queries: 0 }]));
  for (const query of queries) {
    const point = points.get(dayKeyAt({ atMs: query.createdAt, timeZone }));
    if (!point) continue;
    const cost = chargedCost(query);
    point.costNano = (point.costNano ?? 0) + cost.nano;
    if (cost.isEstimate) point.estimatedNano += cost.nano;
    point.queries += 1;
  }
  return [...points.values()];
}

export interface TokenTotals {
  inputTokens: number;
  cachedTokens: number;
  outputTokens: number;
  unknownUsageQueries: number;
}

/** Uncached input, cached input and output tokens over all questions with known usage. */
export function totalTokens(queries: QueryLogEntry[]): TokenTotals {
  const bucket = emptyBucket("all", "all");
  for (const query of queries) addTo(bucket, query, { costNano: 0, fraction: 1 });
  return { inputTokens: bucket.inputTokens, cachedTokens: bucket.cachedTokens, outputTokens: bucket.outputTokens, unknownUsageQueries: bucket.unknownUsageQueries };
}

export interface Savings {
  /** Chunked questions whose full-document cost is known. */
  comparedQueries: number;
  /** What those questions cost in chunked mode. */
  chunkedNano: number;
  /** What sending every page would have cost for the same questions. */
  fullDocumentNano: number;
  /** fullDocumentNano - chunkedNano (negative when chunking cost more). */
  savedNano: number;
  /** Chunked questions with no full-document figure (not compared). */
  uncomparedQueries: number;
}

/** Money saved by chunked (retrieval) questions against sending the full document for the same questions. */
export function computeSavings(queries: QueryLogEntry[]): Savings {
  const savings: Savings = { comparedQueries: 0, chunkedNano: 0, fullDocumentNano: 0, savedNano: 0, uncomparedQueries: 0 };
  for (const query of queries) {
    if (query.mode === "full") continue;
    const cost = chargedCost(query);
    if (query.fullContextNanoUsd === null || (query.costNanoUsd === null && !cost.isEstimate)) {
      savings.uncomparedQueries += 1;
      continue;
    }
    savings.comparedQueries += 1;
    savings.chunkedNano += cost.nano;
    savings.fullDocumentNano += query.fullContextNanoUsd;
  }
  savings.savedNano = savings.fullDocumentNano - savings.chunkedNano;
  return savings;
}

/** Total charged and the part of it that is estimated. */
export function totalCost(queries: QueryLogEntry[]): { costNano: number; estimatedNano: number; queries: number } {
  let costNano = 0;
  let estimatedNano = 0;
  for (const query of queries) {
    const cost = chargedCost(query);
    costNano += cost.nano;
    if (cost.isEstimate) estimatedNano += cost.nano;
  }
  return { costNano, estimatedNano, queries: queries.length };
}
