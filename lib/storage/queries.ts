/**
 * Asked questions: one row per question with its documents (names kept, so a record survives the
 * document's deletion), estimate, real usage, cost, answer and citations. Money in nano-dollars.
 */
import { getDb, type Db } from "./db";

export type QueryStatus = "ok" | "error" | "aborted";

/** One passage sent with a question, in the order sent. score is null in full-document mode. */
export interface QueryCitation {
  documentId: string;
  documentName: string;
  pageStart: number;
  pageEnd: number;
  text: string;
  score: number | null;
}

export interface QueryRecord {
  id: string;
  createdAt: number;
  question: string;
  documentIds: string[];
  documentNames: string[];
  mode: "chunked" | "full";
  model: string;
  status: QueryStatus;
  errorCode: string | null;
  promptTokens: number | null;
  cachedTokens: number | null;
  completionTokens: number | null;
  estimatedPromptTokens: number | null;
  estimatedNanoUsd: number | null;
  costNanoUsd: number | null;
  /** True when costNanoUsd is an estimate (the provider reported no usage). */
  costIsEstimate: boolean;
  fullContextNanoUsd: number | null;
  fullContextFits: boolean | null;
  latencyMs: number | null;
  answer: string | null;
  citations: QueryCitation[];
  /** Anything else worth keeping (JSON object). */
  extra: Record<string, unknown>;
}

/** The columns every reader of the queries table maps the same way. */
export interface QueryCoreRow {
  id: string;
  created_at: number;
  question: string;
  document_ids: string;
  document_names: string;
  mode: "chunked" | "full";
  model: string;
  status: QueryStatus;
  error_code: string | null;
  prompt_tokens: number | null;
  cached_tokens: number | null;
  completion_tokens: number | null;
  estimated_prompt_tokens: number | null;
  estimated_nano_usd: number | null;
  cost_nano_usd: number | null;
  cost_is_estimate: number;
  full_context_nano_usd: number | null;
  full_context_fits: number | null;
  latency_ms: number | null;
}

interface QueryRow extends QueryCoreRow {
  answer: string | null;
  citations: string;
  extra: string;
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function parseList(text: string): string[] {
  const value = parseJson<unknown>(text, []);
  return Array.isArray(value) ? value.map(String) : [];
}

export type QueryCore = Omit<QueryRecord, "answer" | "citations" | "extra">;

/** The fields every reader maps the same way: who asked what, with which model, at what cost. */
export function toQueryCore(row: QueryCoreRow): QueryCore {
  return {
    id: row.id,
    createdAt: row.created_at,
    question: row.question,
    documentIds: parseList(row.document_ids),
    documentNames: parseList(row.document_names),
    mode: row.mode,
    model: row.model,
    status: row.status,
    errorCode: row.error_code,
    promptTokens: row.prompt_tokens,
    cachedTokens: row.cached_tokens,
    completionTokens: row.completion_tokens,
    estimatedPromptTokens: row.estimated_prompt_tokens,
    estimatedNanoUsd: row.estimated_nano_usd,
    costNanoUsd: row.cost_nano_usd,
    costIsEstimate: row.cost_is_estimate === 1,
    fullContextNanoUsd: row.full_context_nano_usd,
    fullContextFits: row.full_context_fits === null ? null : row.full_context_fits === 1,
    latencyMs: row.latency_ms,
  };
}

/** A stored row as a record (exported for other readers of the queries table). */
export function toQueryRecord(row: QueryRow): QueryRecord {
  return {
    ...toQueryCore(row),
    answer: row.answer,
    citations: parseJson<QueryCitation[]>(row.citations, []),
    extra: parseJson<Record<string, unknown>>(row.extra, {}),
  };
}

/** Stores one asked question. */
export function insertQuery(record: QueryRecord, db: Db = getDb()): void {
  db.prepare(
    `INSERT INTO queries (id, created_at, question, document_ids, document_names, mode, model, status, error_code,
       prompt_tokens, cached_tokens, completion_tokens, estimated_prompt_tokens, estimated_nano_usd, cost_nano_usd,
       cost_is_estimate, full_context_nano_usd, full_context_fits, latency_ms, answer, citations, extra)
     VALUES (@id, @createdAt, @question, @documentIds, @documentNames, @mode, @model, @status, @errorCode,
       @promptTokens, @cachedTokens, @completionTokens, @estimatedPromptTokens, @estimatedNanoUsd, @costNanoUsd,
       @costIsEstimate, @fullContextNanoUsd, @fullContextFits, @latencyMs, @answer, @citations, @extra)`,
  ).run({
    ...record,
    documentIds: JSON.stringify(record.documentIds),
    documentNames: JSON.stringify(record.documentNames),
    costIsEstimate: record.costIsEstimate ? 1 : 0,
    fullContextFits: record.fullContextFits === null ? null : record.fullContextFits ? 1 : 0,
    citations: JSON.stringify(record.citations),
    extra: JSON.stringify(record.extra),
  });
}

/** One stored question, or undefined. */
export function getQuery(id: string, db: Db = getDb()): QueryRecord | undefined {
  const row = db.prepare(`SELECT * FROM queries WHERE id = ?`).get(id) as QueryRow | undefined;
  return row ? toQueryRecord(row) : undefined;
}

/** How many questions are stored. */
export function countQueries(db: Db = getDb()): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM queries`).get() as { n: number }).n;
}
