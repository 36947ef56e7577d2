/**
 * A stored question as the API shows it (for links from the dashboard): the answer's shape plus the
 * question, its documents, status and time.
 */
import { AppError } from "../errors";
import { nanoToUsd } from "../pricing";
import { getQuery } from "../storage/queries";
import type { AskResponse } from "./types";

export interface StoredAnswer extends Omit<AskResponse, "status" | "cost" | "contextWindow"> {
  question: string;
  createdAt: string;
  status: "ok" | "error" | "aborted";
  errorCode: string | null;
  documents: { id: string; name: string }[];
  cost: { usd: number | null; estimatedUsd: number | null; fullContextUsd: number | null; fullContextFits: boolean | null; usdIsEstimate: boolean };
  contextWindow: number | null;
}

/** One stored question; throws not_found. */
export function getStoredAnswer(id: string): StoredAnswer {
  const q = getQuery(id);
  if (!q) throw new AppError("not_found", "No stored question has this id.");
  const extra = q.extra;
  return {
    id: q.id,
    question: q.question,
    createdAt: new Date(q.createdAt).toISOString(),
    status: q.status,
    errorCode: q.errorCode,
    answer: q.answer,
    mode: q.mode,
    model: q.model,
    documents: q.documentIds.map((docId, i) => ({ id: docId, name: q.documentNames[i] ?? docId })),
    citations: q.citations,
    usage: { promptTokens: q.promptTokens, completionTokens: q.completionTokens, cachedTokens: q.cachedTokens, estimatedPromptTokens: q.estimatedPromptTokens ?? 0 },
    cost: {
      usd: nanoToUsd(q.costNanoUsd),
      estimatedUsd: nanoToUsd(q.estimatedNanoUsd),
      fullContextUsd: nanoToUsd(q.fullContextNanoUsd),
      fullContextFits: q.fullContextFits,
      usdIsEstimate: q.costIsEstimate,
    },
    tokenCountIsEstimate: extra.tokenCountIsEstimate === true,
    contextWindow: typeof extra.contextWindow === "number" ? extra.contextWindow : null,
    latencyMs: q.latencyMs,
  };
}
