/**
 * Routing policies answered for real (`npm run eval -- --llm MODEL`): every question planned on each
 * policy's path (the same plans the offline routing evaluation measures), sent to the model, and the
 * answer scored as lib/eval/answer.ts scores (numbers with a tolerance, free text by a judge model).
 * Costs are the provider's reported usage priced by the catalog, summed per policy in nano-dollars.
 * Mode auto runs its cascade on the real answers: a low-confidence answer below complex is asked once
 * more on the next tier, both calls paid. The two-stage policy (a cheap model's skeleton, then the
 * strong model on the skeleton and the pages it points to) pays both calls too.
 */
import { encodePage } from "../chunking";
import { llmConfigured, readEnv } from "../env";
import { DEFAULT_CONFIG_NAME, parseConfigName, type EvalConfig } from "../eval/configs";
import type { EvalQuestion } from "../eval/dataset";
import { paretoFrontier } from "../eval/frontier";
import type { ReportRow } from "../eval/report";
import { emptyAnswerScore, judgeMessages, numericGold, numericMatch, parseVerdict, type AnswerScore } from "../eval/answer";
import { evalDocumentId, storeEvalDocument, type EvalDocument } from "../eval/run";
import { getAnswerer } from "../llm";
import { costOf, getModelPrice, type ModelPrice } from "../pricing";
import { planQuestion } from "../qa/plan";
import type { QuestionPlan } from "../qa/types";
import type { LlmPassage } from "../llm/types";
import { countTokens, DEFAULT_ENCODING, type ChatMessage } from "../tokens";
import { classify, contextPages } from "./answer-auto";
import { nextTier, type Tier } from "./classify";
import { detectLowConfidence } from "./confidence";
import { DEFAULT_ROUTING_SETTINGS, resolveRoute, type RoutingSettings } from "./config";
import { DEFAULT_COMPRESSION_RATIOS } from "./eval";
import { parseSkeleton, selectSkeletonPages, skeletonAnswerMessages, skeletonMessages } from "./skeleton";

const EVAL_BOUNDARY = "tw-000000000000000000000000";

/** A policy answered on one path for every question, or mode auto with its cascade. */
export type RoutingPolicy =
  | { name: string; kind: "fixed"; model: string; contextTokens: number; compressionRatio: number | null; compressionPool?: number }
  | { name: string; kind: "skeleton"; model: string; skeletonModel: string; contextTokens: number; fallbackRatio: number }
  | { name: "auto"; kind: "auto" };

export interface RoutingAnswerScore extends AnswerScore {
  /** Total cost of the answers (every call, escalations included), integer nano-dollars; null when any usage is unknown. */
  answerNanoUsd: number | null;
  /** Model calls made for answers (more than answered when auto escalated). */
  calls: number;
  /** Correct answers over scored ones (numeric and judged); null when none was scored. */
  accuracy: number | null;
  /** Mode auto: answers escalated to the next tier, and the tiers the questions were classified into. */
  escalations: number | null;
  tiers: Record<Tier, number> | null;
  /** Two-stage policy: skeletons that were malformed, so the answer used the extractive context. */
  skeletonFallbacks: number | null;
}

/** The policies of the routing evaluation, named as its table names them (pure). */
export function routingPolicies({
  routing = DEFAULT_ROUTING_SETTINGS,
  contextTokens,
  ratios = DEFAULT_COMPRESSION_RATIOS,
  inPlaceRatio = 0.6,
  skeletonModel = routing.complex.skeletonModel,
}: {
  routing?: RoutingSettings;
  contextTokens: number;
  ratios?: number[];
  /** Ratio of the reference policy compressing the usual context in place (retrieval not widened). */
  inPlaceRatio?: number;
  /** The skeleton writer of the two-stage policy on the strong model. */
  skeletonModel?: string;
}): RoutingPolicy[] {
  const strong = routing.complex.model;
  return [
    { name: `chunked@${strong}`, kind: "fixed", model: strong, contextTokens, compressionRatio: null },
    ...ratios.map((ratio): RoutingPolicy => ({ name: `compressed-${ratio}@${strong}`, kind: "fixed", model: strong, contextTokens, compressionRatio: ratio })),
    { name: `in-place-${inPlaceRatio}@${strong}`, kind: "fixed", model: strong, contextTokens, compressionRatio: inPlaceRatio, compressionPool: 1 },
    { name: `skeleton-${skeletonModel}@${strong}`, kind: "skeleton", model: strong, skeletonModel, contextTokens, fallbackRatio: routing.complex.compressionRatio },
    { name: "auto", kind: "auto" },
  ];
}

async function mapLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

const addNano = (total: number | null, cost: number | null): number | null => (total === null || cost === null ? null : total + cost);

function priceOf(model: string): ModelPrice {
  const price = getModelPrice(model);
  if (!price) throw new Error(`The price catalog does not know the model "${model}".`);
  return price;
}

/**
 * Answers and scores every question under each routing policy. Stores the documents (chunked by
 * `config`) in the store DATA_DIR names, a scratch one. judgeModel defaults to the strong model;
 * `only` keeps the policies of those names. Throws when no LLM is configured and a route needs one.
 */
export async function answerRoutingPolicies({
  questions,
  documents,
  routing = DEFAULT_ROUTING_SETTINGS,
  config = parseConfigName(DEFAULT_CONFIG_NAME) as EvalConfig,
  ratios,
  judgeModel = routing.complex.model,
  only,
  concurrency = 4,
  onProgress,
}: {
  questions: EvalQuestion[];
  documents: Map<string, EvalDocument>;
  routing?: RoutingSettings;
  config?: EvalConfig;
  ratios?: number[];
  judgeModel?: string;
  only?: string[];
  concurrency?: number;
  onProgress?: (message: string) => void;
}): Promise<RoutingAnswerScore[]> {
  const env = readEnv();
  if (!llmConfigured(env)) throw new Error("--llm: no LLM is configured. Set OPENAI_API_KEY (or OPENAI_BASE_URL for a local server).");
  const judgePrice = priceOf(judgeModel);
  for (const doc of documents.values()) storeEvalDocument(doc, doc.pages.map((page) => encodePage(page, DEFAULT_ENCODING)), config);
  const idOf = (q: EvalQuestion) => evalDocumentId(documents.get(q.doc) as EvalDocument);
  const policies = routingPolicies({ routing, contextTokens: config.contextTokens, ratios }).filter((p) => !only || only.includes(p.name));

  /** One call on one path: the plan the app would send, answered; its cost from the reported usage. */
  const ask = async (q: EvalQuestion, model: string, contextTokens: number, compressionRatio: number | null, compressionPool?: number) => {
    const plan = planQuestion({ question: q.question, documentIds: [idOf(q)], mode: "chunked", model, contextTokens, compressionRatio }, { dryRun: true, boundary: EVAL_BOUNDARY, compressionPool });
    return send(plan, plan.messages, plan.citations);
  };
  const send = async (plan: QuestionPlan, messages: ChatMessage[], passages: LlmPassage[]) => {
    const result = await getAnswerer(plan.model, env).answer({ model: plan.model, messages, maxOutputTokens: env.maxOutputTokens, question: plan.question, passages });
    const costNano = result.usage ? costOf(result.usage, plan.price) : null;
    return { text: result.text, costNano, context: passages.map((c) => c.text).join("\n\n") };
  };
  /** Two-stage: the skeleton writer condenses the planned context; the model answers from the skeleton and its pages (or, when malformed, from the extractive context). */
  const askTwoStage = async (q: EvalQuestion, policy: Extract<RoutingPolicy, { kind: "skeleton" }>) => {
    const input = { question: q.question, documentIds: [idOf(q)], mode: "chunked" as const, contextTokens: policy.contextTokens };
    const condensing = planQuestion({ ...input, model: policy.skeletonModel }, { dryRun: true, boundary: EVAL_BOUNDARY });
    const first = await send(condensing, skeletonMessages({ passages: condensing.citations, question: q.question, boundary: EVAL_BOUNDARY }), condensing.citations);
    const skeleton = parseSkeleton(first.text);
    if (!skeleton) {
      const second = await ask(q, policy.model, policy.contextTokens, policy.fallbackRatio);
      return { text: second.text, costs: [first.costNano, second.costNano], fallback: true };
    }
    const plan = planQuestion({ ...input, model: policy.model }, { dryRun: true, boundary: EVAL_BOUNDARY });
    const skeletonTokens = countTokens(JSON.stringify(skeleton), plan.price.encoding);
    const pages = selectSkeletonPages({ skeleton, pages: contextPages(plan.citations), budgetTokens: Math.max(0, policy.contextTokens - skeletonTokens) });
    const second = await send(plan, skeletonAnswerMessages({ skeleton, pages, question: q.question, boundary: EVAL_BOUNDARY }), pages);
    return { text: second.text, costs: [first.costNano, second.costNano], fallback: false };
  };

  const scores: RoutingAnswerScore[] = [];
  for (const policy of policies) {
    const models = policy.kind === "fixed" ? [policy.model] : policy.kind === "skeleton" ? [policy.model, policy.skeletonModel] : [routing.simple.model, routing.moderate.model, routing.complex.model];
    for (const model of models) priceOf(model);
    const score: RoutingAnswerScore = {
      ...emptyAnswerScore(policy.name),
      judgeUsd: null,
      answerNanoUsd: 0,
      calls: 0,
      accuracy: null,
      escalations: policy.kind === "auto" ? 0 : null,
      tiers: policy.kind === "auto" ? { simple: 0, moderate: 0, complex: 0 } : null,
      skeletonFallbacks: policy.kind === "skeleton" ? 0 : null,
    };
    let judgeNano: number | null = 0;
    await mapLimit(questions, concurrency, async (q) => {
      try {
        let text: string;
        if (policy.kind === "fixed") {
          const answer = await ask(q, policy.model, policy.contextTokens, policy.compressionRatio, policy.compressionPool);
          score.calls++;
          score.answerNanoUsd = addNano(score.answerNanoUsd, answer.costNano);
          text = answer.text;
        } else if (policy.kind === "skeleton") {
          const answer = await askTwoStage(q, policy);
          score.calls += answer.costs.length;
          for (const cost of answer.costs) score.answerNanoUsd = addNano(score.answerNanoUsd, cost);
          if (answer.fallback) score.skeletonFallbacks = (score.skeletonFallbacks ?? 0) + 1;
          text = answer.text;
        } else {
          let tier: Tier = classify({ question: q.question, documentIds: [idOf(q)], contextTokens: config.contextTokens }).tier;
          (score.tiers as Record<Tier, number>)[tier]++;
          for (let stage = 0; ; stage++) {
            const route = resolveRoute({ settings: routing, tier, llmConfigured: true, defaultContextTokens: config.contextTokens });
            const answer = await ask(q, route.model, route.contextTokens, route.compressionRatio);
            score.calls++;
            score.answerNanoUsd = addNano(score.answerNanoUsd, answer.costNano);
            text = answer.text;
            const next = nextTier(tier);
            if (stage > 0 || !routing.cascade || next === null || !detectLowConfidence({ answer: text, context: answer.context, question: q.question }).low) break;
            score.escalations = (score.escalations ?? 0) + 1;
            tier = next;
          }
        }
        score.answered++;
        if (q.answer === undefined) return;
        const gold = numericGold(q.answer);
        if (gold !== null) {
          score.numeric.questions++;
          if (numericMatch(text, gold)) score.numeric.correct++;
          return;
        }
        score.freeText.questions++;
        const verdict = await getAnswerer(judgeModel, env).answer({ model: judgeModel, messages: judgeMessages({ question: q.question, gold: q.answer, candidate: text }), maxOutputTokens: 5, question: q.question, passages: [] });
        judgeNano = addNano(judgeNano, verdict.usage ? costOf(verdict.usage, judgePrice) : null);
        if (parseVerdict(verdict.text)) score.freeText.correct++;
      } catch (err) {
        score.errors++;
        onProgress?.(`${policy.name} ${q.id}: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
    if (score.errors > 0) score.answerNanoUsd = null;
    score.answerUsdPerQuestion = score.answerNanoUsd === null || score.answered === 0 ? null : score.answerNanoUsd / score.answered / 1e9;
    score.judgeUsd = judgeNano === null ? null : judgeNano / 1e9;
    const scored = score.numeric.questions + score.freeText.questions;
    score.accuracy = scored === 0 ? null : (score.numeric.correct + score.freeText.correct) / scored;
    scores.push(score);
    onProgress?.(`answered ${policy.name}: ${score.answered} in ${score.calls} calls (${score.errors} errors)`);
  }
  return scores;
}

/** A row of the answered cost/quality chart: real USD per answer against the share answered correctly. */
export interface AnswerPoint {
  name: string;
  usdPerQuestion: number | null;
  accuracy: number | null;
}

/** Answer points of any scored rows (the configurations' and the routing policies'), pure. */
export function answerPoints(scores: AnswerScore[]): AnswerPoint[] {
  return scores.map((s) => {
    const scored = s.numeric.questions + s.freeText.questions;
    return { name: s.name, usdPerQuestion: s.answerUsdPerQuestion, accuracy: scored === 0 ? null : (s.numeric.correct + s.freeText.correct) / scored };
  });
}

/** Names on the cost/quality frontier of answered rows (real cost, answer accuracy), cheapest first. Pure. */
export function answerFrontier(points: AnswerPoint[]): string[] {
  return paretoFrontier(points.flatMap((p) => (p.usdPerQuestion === null || p.accuracy === null ? [] : [{ name: p.name, cost: p.usdPerQuestion, quality: p.accuracy }])));
}

/**
 * Answer points as rows of the frontier chart (lib/eval/report renderChart): real USD per answer on x,
 * accuracy read as the y value; the other measures are not part of an answered point. Pure.
 */
export function answerChartRows(points: AnswerPoint[]): ReportRow[] {
  return points.map((p) => ({
    name: p.name,
    metrics: { questions: 0, evidenceHit: null, evidenceRecall: p.accuracy, recall80Share: null, meanContextTokens: 0, maxContextTokens: 0, meanPages: 0, meanPromptTokens: 0, usdPerQuestion: p.usdPerQuestion },
  }));
}

/** The answered routing policies as a terminal table. */
export function formatRoutingAnswerTable(scores: RoutingAnswerScore[], frontier: ReadonlySet<string>): string {
  const header = ["policy", "answered", "calls", "numeric ok", "free text ok", "accuracy", "USD/answer", "judge USD", "escalated/fallbacks", "frontier"];
  const rows = scores.map((s) => [
    s.name,
    `${s.answered}${s.errors ? ` (${s.errors} errors)` : ""}`,
    String(s.calls),
    `${s.numeric.correct}/${s.numeric.questions}`,
    `${s.freeText.correct}/${s.freeText.questions}`,
    s.accuracy === null ? "-" : s.accuracy.toFixed(3),
    s.answerUsdPerQuestion === null ? "unknown" : `$${s.answerUsdPerQuestion.toFixed(6)}`,
    s.judgeUsd === null ? "unknown" : `$${s.judgeUsd.toFixed(6)}`,
    s.escalations !== null ? String(s.escalations) : s.skeletonFallbacks !== null ? `${s.skeletonFallbacks} fallbacks` : "",
    frontier.has(s.name) ? "*" : "",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return ["Routing policies answered (real usage priced by the catalog)", line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
