/**
 * The evaluation of routing and compression, offline: every question planned through the app's own
 * dry-run path (retrieval, compression, prompt, token count) and measured against the gold evidence.
 * - the baseline: chunked mode on the strong model (the complex tier's model) at the default budget;
 * - compression at several ratios, on the same model and budget, as the app compresses (retrieving 1.5
 *   times the budget, keeping ratio x the usual context's tokens): evidence-token recall kept and
 *   context tokens saved;
 * - for reference, the usual context compressed in place (the same ratios of its own tokens);
 * - auto: each question classified and planned on its tier's route; the tier distribution, context
 *   tokens, estimated cost; with no answers offline, escalations are bounded: none, or every answer
 *   below complex escalating once (both calls paid).
 * Auto qualifies as the default mode only at >= 40% lower estimated cost than the baseline while
 * keeping >= 95% of its evidence recall (the escalation-free estimate is the one judged).
 */
import { encodePage } from "../chunking";
import { DEFAULT_CONFIG_NAME, parseConfigName, type EvalConfig } from "../eval/configs";
import type { EvalQuestion } from "../eval/dataset";
import { aggregateMeasures, contextText, contextTokenCount, evidenceHit, evidenceRecall, pagesTouched, type ConfigMetrics, type QuestionMeasure } from "../eval/metrics";
import { evalDocumentId, storeEvalDocument, type EvalDocument } from "../eval/run";
import { COMPRESSION_POOL } from "../compression/compress";
import { costOf } from "../pricing";
import { planQuestion } from "../qa/plan";
import type { QuestionPlan } from "../qa/types";
import { DEFAULT_ENCODING } from "../tokens";
import { classify } from "./answer-auto";
import { nextTier, TIERS, type Tier } from "./classify";
import { DEFAULT_ROUTING_SETTINGS, resolveRoute, type RoutingSettings } from "./config";

/** Compression ratios swept by default. */
export const DEFAULT_COMPRESSION_RATIOS = [0.8, 0.7, 0.6, 0.5, 0.4];
/** Ratios of the reference rows compressing the usual context in place. */
export const DEFAULT_IN_PLACE_RATIOS = [0.8, 0.6];
/** Auto becomes the default only at this share of the baseline's cost or less (40% lower). */
export const AUTO_MAX_COST_SHARE = 0.6;
/** ... while keeping at least this share of the baseline's evidence recall. */
export const MIN_RECALL_KEPT = 0.95;

const EVAL_BOUNDARY = "tw-000000000000000000000000";

export interface PolicyResult {
  name: string;
  metrics: ConfigMetrics;
  /** Evidence recall as a share of the baseline's; null when unknown. */
  recallKept: number | null;
  /** Share of the baseline's context tokens saved (0.4 = 40% fewer). */
  contextTokensSaved: number;
  /** Estimated cost as a share of the baseline's; null when unknown. */
  costShare: number | null;
}

export interface RoutingEvaluation {
  strongModel: string;
  config: string;
  answerTokens: number;
  baseline: PolicyResult;
  compression: (PolicyResult & { ratio: number })[];
  auto: PolicyResult & { tiers: Record<Tier, number> };
  autoAllEscalate: PolicyResult;
  /** Does auto meet the bar to become the default mode? */
  autoQualifies: boolean;
  /** The best compression ratio meeting the compression target (>= 95% recall kept at >= 40% fewer tokens), or null. */
  compressionMeetingTarget: number | null;
  /** The usual context compressed in place (retrieval not widened), against the baseline. */
  inPlace: (PolicyResult & { ratio: number })[];
  verdict: string;
}

function measurePlan(question: EvalQuestion, plan: QuestionPlan, answerTokens: number): QuestionMeasure {
  const passages = plan.citations.map((c) => ({ pageStart: c.pageStart, pageEnd: c.pageEnd, text: c.text }));
  const texts = passages.map((p) => p.text);
  return {
    id: question.id,
    hit: evidenceHit(passages, question.evidence_pages),
    recall: question.evidence_text === undefined ? null : evidenceRecall(question.evidence_text, contextText(texts)),
    contextTokens: contextTokenCount(texts),
    pages: pagesTouched(passages),
    promptTokens: plan.promptTokens,
    costNano: costOf({ promptTokens: plan.promptTokens, cachedTokens: 0, completionTokens: answerTokens }, plan.price),
  };
}

function policy(name: string, measures: QuestionMeasure[], baseline: ConfigMetrics | null): PolicyResult {
  const metrics = aggregateMeasures(measures);
  const base = baseline ?? metrics;
  return {
    name,
    metrics,
    recallKept: metrics.evidenceRecall !== null && base.evidenceRecall ? metrics.evidenceRecall / base.evidenceRecall : null,
    contextTokensSaved: base.meanContextTokens > 0 ? 1 - metrics.meanContextTokens / base.meanContextTokens : 0,
    costShare: metrics.usdPerQuestion !== null && base.usdPerQuestion ? metrics.usdPerQuestion / base.usdPerQuestion : null,
  };
}

/**
 * Runs the routing and compression evaluation over questions whose documents are given (pages already
 * extracted). Uses the store DATA_DIR names (a scratch one: documents are ingested with the default
 * configuration's chunking). answerTokens: assumed answer length for cost estimates (default 200).
 */
export function evaluateRouting({
  questions,
  documents,
  routing = DEFAULT_ROUTING_SETTINGS,
  config = parseConfigName(DEFAULT_CONFIG_NAME) as EvalConfig,
  ratios = DEFAULT_COMPRESSION_RATIOS,
  inPlaceRatios = DEFAULT_IN_PLACE_RATIOS,
  answerTokens = 200,
  onProgress,
}: {
  questions: EvalQuestion[];
  documents: Map<string, EvalDocument>;
  routing?: RoutingSettings;
  config?: EvalConfig;
  ratios?: number[];
  inPlaceRatios?: number[];
  answerTokens?: number;
  onProgress?: (message: string) => void;
}): RoutingEvaluation {
  const started = performance.now();
  for (const doc of documents.values()) storeEvalDocument(doc, doc.pages.map((page) => encodePage(page, DEFAULT_ENCODING)), config);
  onProgress?.(`routing: ingested ${documents.size} documents as ${config.name} in ${Math.round(performance.now() - started)} ms`);
  const strongModel = routing.complex.model;
  const idOf = (q: EvalQuestion) => evalDocumentId(documents.get(q.doc) as EvalDocument);
  const plan = (q: EvalQuestion, model: string, contextTokens: number, compressionRatio: number | null, compressionPool?: number) =>
    planQuestion({ question: q.question, documentIds: [idOf(q)], mode: "chunked", model, contextTokens, compressionRatio }, { dryRun: true, boundary: EVAL_BOUNDARY, compressionPool });

  const baselineMeasures = questions.map((q) => measurePlan(q, plan(q, strongModel, config.contextTokens, null), answerTokens));
  const baseline = policy(`chunked@${strongModel}`, baselineMeasures, null);

  const compression = ratios.map((ratio) => ({
    ...policy(`compressed-${ratio}@${strongModel}`, questions.map((q) => measurePlan(q, plan(q, strongModel, config.contextTokens, ratio), answerTokens)), baseline.metrics),
    ratio,
  }));
  const inPlace = inPlaceRatios.map((ratio) => ({
    ...policy(`in-place-${ratio}@${strongModel}`, questions.map((q) => measurePlan(q, plan(q, strongModel, config.contextTokens, ratio, 1), answerTokens)), baseline.metrics),
    ratio,
  }));
  onProgress?.(`routing: baseline and ${ratios.length + inPlaceRatios.length} compression ratios in ${Math.round(performance.now() - started)} ms`);

  const tiers: Record<Tier, number> = { simple: 0, moderate: 0, complex: 0 };
  const autoMeasures: QuestionMeasure[] = [];
  const escalatedMeasures: QuestionMeasure[] = [];
  for (const q of questions) {
    const tier = classify({ question: q.question, documentIds: [idOf(q)], contextTokens: config.contextTokens }).tier;
    tiers[tier]++;
    const route = resolveRoute({ settings: routing, tier, llmConfigured: true, defaultContextTokens: config.contextTokens });
    const first = measurePlan(q, plan(q, route.model, route.contextTokens, route.compressionRatio), answerTokens);
    autoMeasures.push(first);
    const up = nextTier(tier);
    if (!up || !routing.cascade) {
      escalatedMeasures.push(first);
      continue;
    }
    const upRoute = resolveRoute({ settings: routing, tier: up, llmConfigured: true, defaultContextTokens: config.contextTokens });
    const second = measurePlan(q, plan(q, upRoute.model, upRoute.contextTokens, upRoute.compressionRatio), answerTokens);
    // Both calls are paid; the answer (and so the evidence it saw) is the second one's.
    escalatedMeasures.push({ ...second, costNano: first.costNano === null || second.costNano === null ? null : first.costNano + second.costNano });
  }
  const auto = { ...policy("auto", autoMeasures, baseline.metrics), tiers };
  const autoAllEscalate = policy("auto, every answer below complex escalating once", escalatedMeasures, baseline.metrics);
  onProgress?.(`routing: auto in ${Math.round(performance.now() - started)} ms`);

  const autoQualifies = auto.costShare !== null && auto.recallKept !== null && auto.costShare <= AUTO_MAX_COST_SHARE && auto.recallKept >= MIN_RECALL_KEPT;
  const meeting = compression.filter((c) => c.recallKept !== null && c.recallKept >= MIN_RECALL_KEPT && c.contextTokensSaved >= 0.4);
  const compressionMeetingTarget = meeting.length > 0 ? Math.min(...meeting.map((c) => c.ratio)) : null;
  const pct = (v: number | null) => (v === null ? "unknown" : `${(v * 100).toFixed(1)}%`);
  const bound = `; if every answer below complex escalated once: ${pct(autoAllEscalate.costShare)} of the cost at ${pct(autoAllEscalate.recallKept)} of the recall`;
  const verdict = autoQualifies
    ? `auto meets the bar for the default mode without escalations: ${pct(auto.costShare)} of the baseline's cost at ${pct(auto.recallKept)} of its recall${bound}`
    : `chunked stays the default: auto costs ${pct(auto.costShare)} of the baseline at ${pct(auto.recallKept)} of its recall (needs <= ${pct(AUTO_MAX_COST_SHARE)} at >= ${pct(MIN_RECALL_KEPT)})${bound}`;
  return { strongModel, config: config.name, answerTokens, baseline, compression, inPlace, auto, autoAllEscalate, autoQualifies, compressionMeetingTarget, verdict };
}

/** The routing evaluation as a terminal table. */
export function formatRoutingTable(result: RoutingEvaluation): string {
  const rows = [result.baseline, ...result.compression, ...result.inPlace, result.auto, result.autoAllEscalate];
  const pct = (v: number | null) => (v === null ? "-" : `${(v * 100).toFixed(1)}%`);
  const header = ["policy", "recall", "kept", "hit", "ctx tok", "fewer", "$/question", "cost share"];
  const lines = rows.map((r) => [
    r.name,
    r.metrics.evidenceRecall === null ? "-" : r.metrics.evidenceRecall.toFixed(3),
    pct(r.recallKept),
    r.metrics.evidenceHit === null ? "-" : r.metrics.evidenceHit.toFixed(3),
    Math.round(r.metrics.meanContextTokens).toString(),
    pct(r.contextTokensSaved),
    r.metrics.usdPerQuestion === null ? "-" : `$${r.metrics.usdPerQuestion.toFixed(6)}`,
    pct(r.costShare),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  const tiers = TIERS.map((t) => `${t} ${result.auto.tiers[t]}`).join(", ");
  return [
    `Routing and compression (${result.config}, strong model ${result.strongModel}, ${result.answerTokens} answer tokens assumed)`,
    fmt(header),
    ...lines.map(fmt),
    `auto tiers: ${tiers}`,
    `compressed-R: R x the usual context's tokens, chosen from ${COMPRESSION_POOL}x the budget retrieved; in-place-R: the usual context compressed to R of its tokens`,
    `compression target (>= 95% of the baseline's recall kept at >= 40% fewer context tokens): ${result.compressionMeetingTarget === null ? "not met by any ratio" : `met at ratio ${result.compressionMeetingTarget}`}`,
    result.verdict,
  ].join("\n");
}
