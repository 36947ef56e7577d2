/**
 * answerQuestion: plan, reserve the estimate, call the model (streaming), settle the reservation to the
 * real cost, record the question. A stop keeps what was generated; a failure records the error and
 * releases the reservation (or settles it to what was generated, when the model stopped mid-answer).
 */
import { randomUUID } from "node:crypto";
import { isAppError } from "../errors";
import { getAnswerer, LlmCallError } from "../llm";
import { costOf, nanoToUsd, OFFLINE_MODEL, type ModelPrice, type TokenUsage } from "../pricing";
import { releaseReservation, reserveBudget, settleReservation, type Reservation } from "../spend/budget";
import { fitPlanToBudget } from "../spend/fit-budget";
import { getPages } from "../storage/documents";
import { insertQuery, type QueryRecord } from "../storage/queries";
import { countTokens } from "../tokens";
import { splitByPage } from "./passages";
import { planQuestion } from "./plan";
import type { AskInput, AskResponse, QuestionPlan } from "./types";

export interface AnswerOptions {
  /** Stops the answer; what was generated is recorded with status "aborted". */
  signal?: AbortSignal;
  /** Each piece of answer text as it arrives. */
  onToken?: (text: string) => void;
  /** Other progress worth streaming (e.g. a routed answer moving to its next stage), as a named event. */
  onEvent?: (name: string, data: unknown) => void;
  /** Clock in epoch ms (default Date.now). */
  now?: () => number;
  /** Rewrites the plan before it is reserved and sent (e.g. a prompt of its own over the planned context); it keeps promptTokens and estimatedNanoUsd true to its messages. */
  preparePlan?: (plan: QuestionPlan) => QuestionPlan;
}

/** The response of a dry run: the plan's numbers, every real field null (pure). */
export function dryRunResponse(plan: QuestionPlan): AskResponse {
  return {
    id: null,
    answer: null,
    mode: plan.mode,
    model: plan.model,
    citations: plan.citations,
    usage: { promptTokens: null, completionTokens: null, cachedTokens: null, estimatedPromptTokens: plan.promptTokens },
    cost: { usd: null, estimatedUsd: nanoToUsd(plan.estimatedNanoUsd), fullContextUsd: nanoToUsd(plan.fullContext.estimatedNanoUsd), fullContextFits: plan.fullContext.fits, usdIsEstimate: false },
    status: "dry_run",
    tokenCountIsEstimate: plan.tokenCountIsEstimate,
    contextWindow: plan.contextWindow,
    latencyMs: null,
    ...(plan.compression ? { compression: plan.compression } : {}),
  };
}

/**
 * Cost of an answer in nano-dollars: the reported usage at the model's prices, or (no usage reported)
 * the estimated prompt plus the generated text's tokens, flagged as an estimate (pure).
 */
export function answerCost({ usage, plan, text, price }: { usage: TokenUsage | null; plan: Pick<QuestionPlan, "promptTokens">; text: string; price: ModelPrice }): { costNanoUsd: number; isEstimate: boolean } {
  const real = usage ? costOf(usage, price) : null;
  if (real !== null) return { costNanoUsd: real, isEstimate: false };
  const completionTokens = usage?.completionTokens ?? countTokens(text, price.encoding);
  const estimate = costOf({ promptTokens: usage?.promptTokens ?? plan.promptTokens, cachedTokens: usage?.cachedTokens ?? 0, completionTokens }, price) ?? 0;
  return { costNanoUsd: estimate, isEstimate: true };
}

/** Passages cut to single pages where they span several, so the offline answerer cites exact pages. */
function pagePrecisePassages(citations: QuestionPlan["citations"]): QuestionPlan["citations"] {
  const pagesByDocument = new Map<string, { pageNumber: number; text: string }[]>();
  return citations.flatMap((passage) => {
    if (passage.pageStart === passage.pageEnd) return [passage];
    let pages = pagesByDocument.get(passage.documentId);
    if (!pages) pagesByDocument.set(passage.documentId, (pages = getPages(passage.documentId)));
    return splitByPage({ passage, pages });
  });
}

function baseRecord(plan: QuestionPlan, id: string, createdAt: number): QueryRecord {
  return {
    id,
    createdAt,
    question: plan.question,
    documentIds: plan.documents.map((d) => d.id),
    documentNames: plan.documents.map((d) => d.name),
    mode: plan.mode,
    model: plan.model,
    status: "error",
    errorCode: null,
    promptTokens: null,
    cachedTokens: null,
    completionTokens: null,
    estimatedPromptTokens: plan.promptTokens,
    estimatedNanoUsd: plan.estimatedNanoUsd,
    costNanoUsd: null,
    costIsEstimate: false,
    fullContextNanoUsd: plan.fullContext.estimatedNanoUsd,
    fullContextFits: plan.fullContext.fits,
    latencyMs: null,
    answer: null,
    citations: plan.citations,
    extra: {
      fullContextPromptTokens: plan.fullContext.promptTokens,
      tokenCountIsEstimate: plan.tokenCountIsEstimate,
      contextTokens: plan.contextTokens,
      ...(plan.compression ? { compression: plan.compression } : {}),
      maxOutputTokens: plan.maxOutputTokens,
      contextWindow: plan.contextWindow,
    },
  };
}

/** Asks the question for real (see the file comment). Throws AppError on refusal or model failure. */
export async function answerQuestion(input: AskInput, options: AnswerOptions = {}): Promise<AskResponse> {
  const now = options.now ?? Date.now;
  const id = randomUUID();
  const createdAt = now();
  const prepare = options.preparePlan ?? ((plan: QuestionPlan) => plan);
  // Budget set to "downgrade": a question that does not fit is re-planned cheaper, and says so.
  const { plan, downgrade } = fitPlanToBudget({
    plan: prepare(planQuestion(input)),
    contextTokens: input.contextTokens,
    replan: (choice) => prepare(planQuestion({ ...input, model: choice.model, contextTokens: choice.contextTokens })),
    now: createdAt,
  });
  const planned = baseRecord(plan, id, createdAt);
  const record = downgrade ? { ...planned, extra: { ...planned.extra, budgetDowngrade: downgrade } } : planned;

  let reservation: Reservation;
  try {
    reservation = reserveBudget({ estimatedNanoUsd: plan.estimatedNanoUsd, queryId: id, now: createdAt });
  } catch (err) {
    insertQuery({ ...record, errorCode: isAppError(err) ? err.code : "internal_error", fullContextNanoUsd: null });
    throw err;
  }

  const started = performance.now();
  let result;
  try {
    result = await getAnswerer(plan.model).answer({
      model: plan.model,
      messages: plan.messages,
      maxOutputTokens: plan.maxOutputTokens,
      question: plan.question,
      passages: plan.model === OFFLINE_MODEL ? pagePrecisePassages(plan.citations) : plan.citations,
      signal: options.signal,
      onToken: options.onToken,
    });
  } catch (err) {
    const partial = err instanceof LlmCallError ? err.partialText : "";
    const latencyMs = Math.round(performance.now() - started);
    let costNanoUsd: number | null = null;
    try {
      if (partial.length > 0) {
        // The provider billed what it generated before the cut: charge its estimate.
        costNanoUsd = answerCost({ usage: null, plan, text: partial, price: plan.price }).costNanoUsd;
        settleReservation({ reservationId: reservation.id, costNanoUsd });
      } else {
        releaseReservation(reservation.id);
      }
    } finally {
      insertQuery({
        ...record,
        errorCode: isAppError(err) ? err.code : "internal_error",
        answer: partial.length > 0 ? partial : null,
        costNanoUsd,
        costIsEstimate: costNanoUsd !== null,
        completionTokens: null,
        fullContextNanoUsd: null,
        latencyMs,
        extra: { ...record.extra, errorMessage: isAppError(err) ? err.message : "internal error", partialCompletionTokens: partial.length > 0 ? countTokens(partial, plan.price.encoding) : 0 },
      });
    }
    throw err;
  }
  const latencyMs = Math.round(performance.now() - started);

  const { costNanoUsd, isEstimate } = answerCost({ usage: result.usage, plan, text: result.text, price: plan.price });
  settleReservation({ reservationId: reservation.id, costNanoUsd });
  const completionForCounterfactual = result.usage?.completionTokens ?? countTokens(result.text, plan.price.encoding);
  const fullContextNanoUsd = costOf({ promptTokens: plan.fullContext.promptTokens, cachedTokens: 0, completionTokens: completionForCounterfactual }, plan.price) ?? plan.fullContext.estimatedNanoUsd;
  const status = result.aborted ? "aborted" : "ok";

  insertQuery({
    ...record,
    status,
    promptTokens: result.usage?.promptTokens ?? null,
    cachedTokens: result.usage?.cachedTokens ?? null,
    completionTokens: result.usage?.completionTokens ?? null,
    costNanoUsd,
    costIsEstimate: isEstimate,
    fullContextNanoUsd,
    latencyMs,
    answer: result.text,
    extra: { ...record.extra, attempts: result.attempts, finishReason: result.finishReason, estimatedCompletionTokens: isEstimate ? countTokens(result.text, plan.price.encoding) : null },
  });

  return {
    id,
    answer: result.text,
    mode: plan.mode,
    model: plan.model,
    citations: plan.citations,
    usage: {
      promptTokens: result.usage?.promptTokens ?? null,
      completionTokens: result.usage?.completionTokens ?? null,
      cachedTokens: result.usage?.cachedTokens ?? null,
      estimatedPromptTokens: plan.promptTokens,
    },
    cost: {
      usd: nanoToUsd(costNanoUsd),
      estimatedUsd: nanoToUsd(plan.estimatedNanoUsd),
      fullContextUsd: nanoToUsd(fullContextNanoUsd),
      fullContextFits: plan.fullContext.fits,
      usdIsEstimate: isEstimate,
    },
    status,
    tokenCountIsEstimate: plan.tokenCountIsEstimate,
    contextWindow: plan.contextWindow,
    latencyMs,
    ...(plan.compression ? { compression: plan.compression } : {}),
    ...(downgrade ? { budgetDowngrade: downgrade } : {}),
  };
}
