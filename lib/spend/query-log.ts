/** The query log for the API and the dashboard table: stored rows mapped to dollars and ISO times. */
import { nanoToUsd } from "../pricing/cost";
import { getAppSettings } from "../settings";
import { listQueryLog, listQueryLogFacets } from "../storage/spend";
import { AppError } from "../errors";
import { chargedCost } from "./aggregate";
import { parseDateBound } from "./month";
import type { QueryLogEntry } from "./types";

export interface QueryLogJson {
  id: string;
  /** ISO 8601, UTC. */
  createdAt: string;
  question: string;
  documentIds: string[];
  documentNames: string[];
  mode: string;
  model: string;
  tier: string | null;
  status: string;
  errorCode: string | null;
  promptTokens: number | null;
  cachedTokens: number | null;
  completionTokens: number | null;
  estimatedPromptTokens: number | null;
  /** The estimate reserved before the call. */
  estimatedUsd: number | null;
  /** The cost charged (the estimate when usage was unknown: see costIsEstimate). */
  costUsd: number | null;
  costIsEstimate: boolean;
  /** What the dashboard counts for this question. */
  chargedUsd: number;
  fullContextUsd: number | null;
  latencyMs: number | null;
}

/** A stored entry as JSON (pure). */
export function toQueryLogJson(entry: QueryLogEntry): QueryLogJson {
  const charged = chargedCost(entry);
  return {
    id: entry.id,
    createdAt: new Date(entry.createdAt).toISOString(),
    question: entry.question,
    documentIds: entry.documentIds,
    documentNames: entry.documentNames,
    mode: entry.mode,
    model: entry.model,
    tier: entry.tier,
    status: entry.status,
    errorCode: entry.errorCode,
    promptTokens: entry.promptTokens,
    cachedTokens: entry.cachedTokens,
    completionTokens: entry.completionTokens,
    estimatedPromptTokens: entry.estimatedPromptTokens,
    estimatedUsd: nanoToUsd(entry.estimatedNanoUsd),
    costUsd: entry.costNanoUsd === null && charged.isEstimate ? nanoToUsd(charged.nano) : nanoToUsd(entry.costNanoUsd),
    costIsEstimate: charged.isEstimate,
    chargedUsd: nanoToUsd(charged.nano),
    fullContextUsd: nanoToUsd(entry.fullContextNanoUsd),
    latencyMs: entry.latencyMs,
  };
}

export interface QueryLogParams {
  from?: string;
  to?: string;
  documentId?: string;
  model?: string;
  mode?: string;
  limit?: number;
}

/** Logged questions, newest first, with the filters of GET /api/queries (dates in the settings' time zone). */
export function listQueries(params: QueryLogParams): QueryLogJson[] {
  const timeZone = getAppSettings().timeZone;
  const bound = (value: string | undefined, which: "from" | "to"): number | undefined => {
    if (value === undefined || value.trim() === "") return undefined;
    const ms = parseDateBound({ value, timeZone, bound: which });
    if (ms === null) throw new AppError("invalid_request", `"${which}" must be a date (YYYY-MM-DD) or an ISO date-time.`);
    return ms;
  };
  const entries = listQueryLog({
    fromMs: bound(params.from, "from"),
    toMs: bound(params.to, "to"),
    documentId: params.documentId || undefined,
    model: params.model || undefined,
    mode: params.mode || undefined,
    limit: params.limit,
  });
  return entries.map(toQueryLogJson);
}

/** Models, modes and documents present in the log, for the dashboard's filter menus. */
export function getQueryLogFacets(): ReturnType<typeof listQueryLogFacets> {
  return listQueryLogFacets();
}
