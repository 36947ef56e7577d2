/**
 * Asking with routing and the answer cache, around lib/qa's plan and answer:
 * - every mode first looks for the same question's latest good answer (normalised question, documents,
 *   mode, model): a hit is answered from the store at $0 with no LLM call, and stored as a question of
 *   its own; `noCache` skips the lookup (the new answer then becomes the cached one);
 * - mode "auto" classifies the question (by rules with no LLM call, or by the routing's classifier model
 *   from the question alone, that call a stage of its own), answers on its tier's route, and when the
 *   answer shows low confidence escalates once to the next tier. Each stage is a normal question: reserved,
 *   charged and recorded; the answer reports the stages with their tokens and costs.
 */
import { randomUUID } from "node:crypto";
import { answerCacheKey } from "../cache/key";
import { isAppError } from "../errors";
import { llmConfigured } from "../env";
import { estimateCostNano, nanoToUsd, usdToNano } from "../pricing";
import { answerQuestion, dryRunResponse, planQuestion, resolveDocuments, resolveModel, validateQuestion, type AnswerOptions } from "../qa";
import type { AskInput, AskMode, AskResponse, Citation, QuestionPlan } from "../qa/types";
import { retrieveContext } from "../retrieval";
import { getAppSettings } from "../settings";
import { findCachedAnswer, mergeQueryExtra, setQueryCacheKey } from "../storage/answer-cache";
import { getPages } from "../storage/documents";
import { insertQuery, type QueryRecord } from "../storage/queries";
import { countChatTokens, countTokens, type ChatMessage } from "../tokens";
import { classifyQuestion, nextTier, retrievalSignals, type Classification, type Tier } from "./classify";
import { CLASSIFIER_FALLBACK, classifierMessages, parseTierLabel } from "./classify-llm";
import { getRoutingSettings, resolveRoute, type ResolvedRoute, type RoutingSettings } from "./config";
import { describeLowConfidence, detectLowConfidence, type LowConfidenceReason } from "./confidence";
import { parseSkeleton, selectSkeletonPages, skeletonAnswerMessages, skeletonMessages, skeletonPages, type Skeleton, type SkeletonPage } from "./skeleton";

export type RoutedMode = AskMode | "auto";

export interface RoutedAskInput extends Omit<AskInput, "mode"> {
  mode?: RoutedMode;
  /** Skip the answer cache's lookup (the answer is still stored for next time). */
  noCache?: boolean;
}

/** One model call of a routed answer. */
export interface RouteStage {
  tier: Tier;
  model: string;
  /** The stored question of this call (null in a dry run). */
  queryId: string | null;
  /** Context token budget of the route. */
  contextBudgetTokens: number;
  /** Tokens of the passages sent (after compression). */
  contextTokens: number;
  compression: { tokensBefore: number; tokensAfter: number; ratio: number } | null;
  promptTokens: number | null;
  completionTokens: number | null;
  cachedTokens: number | null;
  costUsd: number | null;
  estimatedUsd: number;
  /** True when this stage's answer showed low confidence and the next stage was asked. */
  escalated: boolean;
  lowConfidence: LowConfidenceReason[] | null;
  /**
   * Two-stage compression: "skeleton" for the cheap model's condensing call, "answer" for the call
   * answering from it; pages the skeleton pointed to (or whose text was sent); fallback says why the
   * answer used the extractive context instead (a malformed skeleton). Absent on a one-call route.
   */
  skeleton?: { step: "skeleton" | "answer"; pages: number[]; fallback: string | null };
  /** The classifier model's call: the tier it named, or null and why the rules chose instead. */
  classifier?: { label: Tier | null; fallback: string | null };
}

export interface RouteReport {
  /** The tier the classifier chose. */
  tier: Tier;
  /** The tier of the answer returned (the next one up after an escalation). */
  finalTier: Tier;
  why: string;
  escalated: boolean;
  /** Why the answer escalated, in words; null without escalation. */
  escalationWhy: string | null;
  /** Set when the escalation was tried and failed (the first stage's answer is returned). */
  escalationError: string | null;
  /** The classifier's points (below 1.5 simple, below 3.5 moderate). */
  score: number;
  retrieval: { topScoreMargin: number | null; pagesSpread: number | null };
  stages: RouteStage[];
}

export interface RoutedAskResponse extends Omit<AskResponse, "mode"> {
  mode: RoutedMode;
  /** The route of a mode "auto" answer; null in the other modes. */
  route: RouteReport | null;
  answerCache: "hit" | "miss";
  /** For a cache hit: the stored answer it came from and what that answer cost. */
  cachedFrom: { id: string; createdAt: string; costUsd: number | null } | null;
}

/** The cache key of a question as asked (throws what planning would: no_documents, not_found, unknown_model...). */
function cacheKeyFor({ question, documentIds, mode, model, contextTokens, routing, configured }: { question: string; documentIds: string[]; mode: RoutedMode; model: string | undefined; contextTokens: number | undefined; routing: RoutingSettings; configured: boolean }): string {
  const resolvedModel = mode === "auto" ? "auto" : resolveModel({ model, dryRun: false }).model;
  // The routes in force are part of an auto answer's identity: change them and old answers no longer match.
  const variant = JSON.stringify([contextTokens ?? null, mode === "auto" ? { routing, configured } : null]);
  return answerCacheKey({ question, documentIds, mode, model: resolvedModel, variant });
}

function sumNano(values: (number | null)[]): number | null {
  let total = 0;
  for (const v of values) {
    if (v === null) return null;
    total += usdToNano(v);
  }
  return total;
}

function sumTokens(values: (number | null)[]): number | null {
  let total = 0;
  for (const v of values) {
    if (v === null) return null;
    total += v;
  }
  return total;
}

/** Answers from the store: records the hit at $0 and returns the stored answer (no LLM call). */
function answerFromCache({ cached, mode, now }: { cached: QueryRecord; mode: RoutedMode; now: number }): RoutedAskResponse {
  const started = performance.now();
  const id = randomUUID();
  const route = (cached.extra.route as RouteReport | undefined) ?? null;
  const contextWindow = typeof cached.extra.contextWindow === "number" ? cached.extra.contextWindow : 0;
  const latencyMs = Math.round(performance.now() - started);
  insertQuery({
    ...cached,
    id,
    createdAt: now,
    status: "ok",
    errorCode: null,
    promptTokens: 0,
    cachedTokens: 0,
    completionTokens: 0,
    estimatedPromptTokens: 0,
    estimatedNanoUsd: 0,
    costNanoUsd: 0,
    costIsEstimate: false,
    latencyMs,
    extra: { answerCache: "hit", cachedFrom: cached.id, askedMode: mode, contextWindow, ...(route ? { route: { ...route, tier: route.finalTier } } : {}) },
  });
  return {
    id,
    answer: cached.answer,
    mode,
    model: cached.model,
    citations: cached.citations,
    usage: { promptTokens: 0, completionTokens: 0, cachedTokens: 0, estimatedPromptTokens: 0 },
    cost: { usd: 0, estimatedUsd: 0, fullContextUsd: nanoToUsd(cached.fullContextNanoUsd) ?? 0, fullContextFits: cached.fullContextFits ?? false, usdIsEstimate: false },
    status: "ok",
    tokenCountIsEstimate: cached.extra.tokenCountIsEstimate === true,
    contextWindow,
    latencyMs,
    route,
    answerCache: "hit",
    cachedFrom: { id: cached.id, createdAt: new Date(cached.createdAt).toISOString(), costUsd: nanoToUsd(cached.costNanoUsd) },
  };
}

function stageOf({
  response,
  route,
  escalated,
  lowConfidence,
  skeleton,
  classifier,
}: {
  response: AskResponse;
  route: ResolvedRoute;
  escalated: boolean;
  lowConfidence: LowConfidenceReason[] | null;
  skeleton?: RouteStage["skeleton"];
  classifier?: RouteStage["classifier"];
}): RouteStage {
  const compression = response.compression ?? null;
  return {
    tier: route.tier,
    model: response.model,
    queryId: response.id,
    contextBudgetTokens: route.contextTokens,
    contextTokens: compression ? compression.tokensAfter : countTokens(response.citations.map((c) => c.text).join("\n\n")),
    compression: compression ? { tokensBefore: compression.tokensBefore, tokensAfter: compression.tokensAfter, ratio: route.compressionRatio ?? 1 } : null,
    promptTokens: response.usage.promptTokens ?? (response.status === "dry_run" ? response.usage.estimatedPromptTokens : null),
    completionTokens: response.usage.completionTokens,
    cachedTokens: response.usage.cachedTokens,
    costUsd: response.cost.usd,
    estimatedUsd: response.cost.estimatedUsd,
    escalated,
    lowConfidence,
    ...(skeleton ? { skeleton } : {}),
    ...(classifier ? { classifier } : {}),
  };
}

/** The fence boundary a plan's prompt uses (its document block's first line). */
function boundaryOf(plan: QuestionPlan): string {
  const block = plan.messages.find((m) => m.role === "user")?.content ?? "";
  return /^<<<DOCUMENTS (\S+)>>>/.exec(block)?.[1] ?? "tw-000000000000000000000000";
}

/** The plan with other messages: its prompt tokens and reserved estimate recounted for them. */
function withMessages(plan: QuestionPlan, messages: ChatMessage[], extra: Partial<QuestionPlan> = {}): QuestionPlan {
  const promptTokens = countChatTokens(messages, plan.price.encoding);
  return { ...plan, ...extra, messages, promptTokens, estimatedNanoUsd: estimateCostNano({ promptTokens, maxOutputTokens: plan.maxOutputTokens, price: plan.price }) };
}

/** The whole pages the planned context came from, each once, in the order of the context. */
export function contextPages(citations: Citation[]): SkeletonPage[] {
  const pages: SkeletonPage[] = [];
  const seen = new Set<string>();
  const stored = new Map<string, ReturnType<typeof getPages>>();
  for (const c of citations) {
    let list = stored.get(c.documentId);
    if (!list) stored.set(c.documentId, (list = getPages(c.documentId)));
    for (const page of list) {
      const key = `${c.documentId}:${page.pageNumber}`;
      if (page.pageNumber < c.pageStart || page.pageNumber > c.pageEnd || seen.has(key) || page.text.trim().length === 0) continue;
      seen.add(key);
      pages.push({ documentId: c.documentId, documentName: c.documentName, pageStart: page.pageNumber, pageEnd: page.pageNumber, text: page.text, tokens: page.tokens });
    }
  }
  return pages;
}

export const SKELETON_FALLBACK = "The skeleton was not valid JSON with facts, figures and pages, so the answer used the extractive context.";

/**
 * One route's calls. A route with a skeleton model makes two: the cheap model condenses the planned
 * context into a skeleton, then the route's model answers from the skeleton plus the original text of
 * the pages it points to (within the route's budget); a malformed skeleton falls back to the extractive
 * context (compressed at the tier's ratio). Every call is reserved, charged and recorded by answerQuestion.
 */
async function answerOnRoute({ question, documentIds, route, ratio, options }: { question: string; documentIds: string[]; route: ResolvedRoute; ratio: number; options: AnswerOptions }): Promise<{ response: AskResponse; skeleton?: RouteStage["skeleton"] }[]> {
  if (!route.skeletonModel) return [{ response: await answerQuestion(routeInput({ question, documentIds, route }), options) }];
  const first = await answerQuestion(
    { ...routeInput({ question, documentIds, route }), model: route.skeletonModel },
    { ...options, onToken: undefined, preparePlan: (plan) => withMessages(plan, skeletonMessages({ passages: plan.citations, question: plan.question, boundary: boundaryOf(plan) })) },
  );
  const skeleton: Skeleton | null = first.status === "ok" ? parseSkeleton(first.answer ?? "") : null;
  const fallback = skeleton ? null : SKELETON_FALLBACK;
  const condensed = { response: first, skeleton: { step: "skeleton" as const, pages: skeleton ? skeletonPages(skeleton) : [], fallback } };
  if (first.status !== "ok" || options.signal?.aborted) return [condensed];
  if (!skeleton) {
    const response = await answerQuestion({ ...routeInput({ question, documentIds, route }), compressionRatio: route.compressionRatio ?? ratio }, options);
    return [condensed, { response, skeleton: { step: "answer", pages: [], fallback } }];
  }
  let sent: number[] = [];
  const response = await answerQuestion(routeInput({ question, documentIds, route }), {
    ...options,
    preparePlan: (plan) => {
      const skeletonTokens = countTokens(JSON.stringify(skeleton), plan.price.encoding);
      const pages = selectSkeletonPages({ skeleton, pages: contextPages(plan.citations), budgetTokens: Math.max(0, route.contextTokens - skeletonTokens) });
      sent = pages.map((p) => p.pageStart);
      const citations: Citation[] = pages.map((p) => ({ documentId: p.documentId, documentName: p.documentName, pageStart: p.pageStart, pageEnd: p.pageEnd, text: p.text, score: null }));
      const messages = skeletonAnswerMessages({ skeleton, pages, question: plan.question, boundary: boundaryOf(plan) });
      return withMessages(plan, messages, { citations, compression: null, contextTokens: skeletonTokens + pages.reduce((sum, p) => sum + p.tokens, 0) });
    },
  });
  return [condensed, { response, skeleton: { step: "answer", pages: sent, fallback: null } }];
}

function routeInput({ question, documentIds, route }: { question: string; documentIds: string[]; route: ResolvedRoute }): AskInput {
  return { question, documentIds, mode: "chunked", model: route.model, contextTokens: route.contextTokens, compressionRatio: route.compressionRatio };
}

/** Classifies a question from its text and how clearly retrieval finds its evidence at the app's budget. */
export function classify({ question, documentIds, contextTokens }: { question: string; documentIds: string[]; contextTokens: number }): Classification & { retrieval: RouteReport["retrieval"] } {
  const signals = retrievalSignals(retrieveContext({ question, documentIds, contextTokens }).chunks);
  const retrieval = { topScoreMargin: signals.topScoreMargin ?? null, pagesSpread: signals.pagesSpread ?? null };
  return { ...classifyQuestion({ question, retrieval }), retrieval };
}

/** Mode "auto" for real (see the file comment); the cache is handled by the caller. */
async function answerAuto({ question, documentIds, contextTokens, routing, configured, options }: { question: string; documentIds: string[]; contextTokens: number; routing: RoutingSettings; configured: boolean; options: AnswerOptions }): Promise<RoutedAskResponse> {
  const classification = classify({ question, documentIds, contextTokens });
  const stages: RouteStage[] = [];
  const responses: AskResponse[] = [];
  let classified: Tier = classification.tier;
  let why = classification.why;
  if (routing.classifierModel && configured) {
    // The question alone goes to the classifier model: no document text, a few dozen tokens.
    const response = await answerQuestion(
      { question, documentIds, mode: "chunked", model: routing.classifierModel, contextTokens },
      { ...options, onToken: undefined, preparePlan: (plan) => withMessages(plan, classifierMessages(plan.question), { citations: [], compression: null, contextTokens: 0 }) },
    );
    const label = response.status === "ok" ? parseTierLabel(response.answer ?? "") : null;
    if (label) {
      classified = label;
      why = `The classifier model (${response.model}) labelled it ${label}. The rules said ${classification.tier}: ${classification.why}`;
    }
    const route: ResolvedRoute = { tier: classified, model: response.model, contextTokens: 0, compressionRatio: null, skeletonModel: null };
    stages.push(stageOf({ response, route, escalated: false, lowConfidence: null, classifier: { label, fallback: label ? null : CLASSIFIER_FALLBACK } }));
    responses.push(response);
  }
  let tier: Tier = classified;
  let escalationWhy: string | null = null;
  let escalationError: string | null = null;
  for (;;) {
    const route = resolveRoute({ settings: routing, tier, llmConfigured: configured, defaultContextTokens: contextTokens });
    options.onEvent?.("stage", { index: stages.length, tier, model: route.model });
    let calls: Awaited<ReturnType<typeof answerOnRoute>>;
    try {
      calls = await answerOnRoute({ question, documentIds, route, ratio: routing[tier].compressionRatio, options });
    } catch (err) {
      // An escalation that fails (budget, provider) leaves the first answer standing: it was paid for.
      if (tier === classified || !isAppError(err)) throw err;
      escalationError = err.code;
      break;
    }
    // A two-stage route's skeleton call is a stage of its own, paid and recorded like any other.
    for (const call of calls.slice(0, -1)) {
      stages.push(stageOf({ response: call.response, route: { ...route, model: call.response.model }, escalated: false, lowConfidence: null, skeleton: call.skeleton }));
      responses.push(call.response);
    }
    const { response, skeleton: skeletonStage } = calls[calls.length - 1];
    const context = response.citations.map((c) => c.text).join("\n\n");
    const check = response.status === "ok" ? detectLowConfidence({ answer: response.answer ?? "", context, question }) : { low: false, reasons: [] };
    const next = nextTier(tier);
    const escalate = check.low && routing.cascade && next !== null && tier === classified && !options.signal?.aborted;
    if (escalate) escalationWhy = `The ${tier} route's answer showed low confidence (${describeLowConfidence(check.reasons)}), so it was asked again on the ${next} route.`;
    stages.push(stageOf({ response, route, escalated: escalate, lowConfidence: check.low ? check.reasons : null, skeleton: skeletonStage }));
    responses.push(response);
    if (!escalate || next === null) break;
    tier = next;
  }

  const last = responses[responses.length - 1];
  const report: RouteReport = {
    tier: classified,
    finalTier: stages[stages.length - 1].tier,
    why,
    escalated: stages[stages.length - 1].tier !== classified,
    escalationWhy: stages[stages.length - 1].tier !== classified ? escalationWhy : null,
    escalationError,
    score: classification.score,
    retrieval: classification.retrieval,
    stages,
  };
  stages.forEach((stage, index) => {
    if (!stage.queryId) return;
    mergeQueryExtra(stage.queryId, {
      askedMode: "auto",
      route: index === stages.length - 1 ? { ...report, tier: stage.tier, classifiedTier: report.tier } : { tier: stage.tier, classifiedTier: report.tier, escalated: stage.escalated, stage: index },
    });
  });
  const costNano = sumNano(responses.map((r) => r.cost.usd));
  const estimatedNano = sumNano(responses.map((r) => r.cost.estimatedUsd)) ?? 0;
  return {
    ...last,
    mode: "auto",
    usage: {
      promptTokens: sumTokens(responses.map((r) => r.usage.promptTokens)),
      completionTokens: sumTokens(responses.map((r) => r.usage.completionTokens)),
      cachedTokens: sumTokens(responses.map((r) => r.usage.cachedTokens)),
      estimatedPromptTokens: responses.reduce((sum, r) => sum + r.usage.estimatedPromptTokens, 0),
    },
    cost: { ...last.cost, usd: nanoToUsd(costNano), estimatedUsd: nanoToUsd(estimatedNano), usdIsEstimate: responses.some((r) => r.cost.usdIsEstimate) },
    route: report,
    answerCache: "miss",
    cachedFrom: null,
  };
}

/**
 * Answers a question in any mode, through the answer cache, with routing in mode "auto" (see the file
 * comment). Throws AppError as answerQuestion does.
 */
export async function answerWithRouting(input: RoutedAskInput, options: AnswerOptions = {}): Promise<RoutedAskResponse> {
  const now = options.now ?? Date.now;
  const question = validateQuestion(input.question);
  const mode: RoutedMode = input.mode ?? "chunked";
  const documentIds = resolveDocuments(input.documentIds).map((d) => d.id);
  const routing = getRoutingSettings();
  const configured = llmConfigured();
  const key = cacheKeyFor({ question, documentIds, mode, model: input.model, contextTokens: input.contextTokens, routing, configured });

  const cached = input.noCache ? undefined : findCachedAnswer(key);
  if (cached) return answerFromCache({ cached, mode, now: now() });

  let response: RoutedAskResponse;
  if (mode === "auto") {
    const contextTokens = input.contextTokens ?? getAppSettings().contextTokens;
    response = await answerAuto({ question, documentIds, contextTokens, routing, configured, options });
  } else {
    const plain = await answerQuestion({ question, documentIds, mode, model: input.model, contextTokens: input.contextTokens, compressionRatio: input.compressionRatio }, options);
    response = { ...plain, route: null, answerCache: "miss", cachedFrom: null };
  }
  // Only a full answer to what was asked is served again: not a stopped one, nor one a budget downgrade
  // gave on another model than the one asked for.
  const downgraded = (response as { budgetDowngrade?: unknown }).budgetDowngrade !== undefined && (response as { budgetDowngrade?: unknown }).budgetDowngrade !== null;
  if (response.status === "ok" && response.id && !downgraded) setQueryCacheKey(response.id, key);
  return response;
}

/**
 * The dry run in any mode: the plan's numbers, nothing sent, spent or recorded. In mode "auto" the plan
 * of the route the question would take first; answerCache tells whether the answer would come from the store.
 */
export function dryRunWithRouting(input: RoutedAskInput): RoutedAskResponse {
  const question = validateQuestion(input.question);
  const mode: RoutedMode = input.mode ?? "chunked";
  const documentIds = resolveDocuments(input.documentIds).map((d) => d.id);
  const routing = getRoutingSettings();
  const configured = llmConfigured();
  let cacheState: "hit" | "miss" = "miss";
  if (!input.noCache) {
    try {
      cacheState = findCachedAnswer(cacheKeyFor({ question, documentIds, mode, model: input.model, contextTokens: input.contextTokens, routing, configured })) ? "hit" : "miss";
    } catch (err) {
      // A priced model with no LLM configured can still be previewed: it has no cached answers.
      if (!isAppError(err) || err.code !== "llm_not_configured") throw err;
    }
  }
  if (mode !== "auto") {
    const plan = planQuestion({ question, documentIds, mode, model: input.model, contextTokens: input.contextTokens, compressionRatio: input.compressionRatio }, { dryRun: true });
    return { ...dryRunResponse(plan), route: null, answerCache: cacheState, cachedFrom: null };
  }
  const contextTokens = input.contextTokens ?? getAppSettings().contextTokens;
  const classification = classify({ question, documentIds, contextTokens });
  const route = resolveRoute({ settings: routing, tier: classification.tier, llmConfigured: configured, defaultContextTokens: contextTokens });
  const response = dryRunResponse(planQuestion(routeInput({ question, documentIds, route }), { dryRun: true }));
  return {
    ...response,
    mode: "auto",
    route: {
      tier: classification.tier,
      finalTier: classification.tier,
      why: classification.why,
      escalated: false,
      escalationWhy: null,
      escalationError: null,
      score: classification.score,
      retrieval: classification.retrieval,
      stages: [stageOf({ response, route, escalated: false, lowConfidence: null })],
    },
    answerCache: cacheState,
    cachedFrom: null,
  };
}
