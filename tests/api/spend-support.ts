/** Helpers for route tests: call a handler with a Request, and log questions straight into the store. */
import { randomUUID } from "node:crypto";
import { insertQuery, type QueryRecord } from "../../lib/storage/queries";

export type Handler<P = Record<string, never>> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

export interface ApiResult {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked field by field in each test
  json: () => Promise<any>;
  text: () => Promise<string>;
  headers: Headers;
}

export async function call<P = Record<string, never>>(
  handler: Handler<P>,
  { method = "GET", path = "/", body, params }: { method?: string; path?: string; body?: unknown; params?: P } = {},
): Promise<ApiResult> {
  const request = new Request(`http://127.0.0.1:3000${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const response = await handler(request, { params: Promise.resolve((params ?? {}) as P) });
  return { status: response.status, json: () => response.json(), text: () => response.text(), headers: response.headers };
}

/** Stores a logged question with sensible defaults. */
export function logQuery(partial: Partial<QueryRecord>): QueryRecord {
  const record: QueryRecord = {
    id: randomUUID(),
    createdAt: Date.now(),
    question: "What is the vacation policy?",
    documentIds: ["doc-a"],
    documentNames: ["Handbook.pdf"],
    mode: "chunked",
    model: "gpt-4o-mini",
    status: "ok",
    errorCode: null,
    promptTokens: 1_000,
    cachedTokens: 0,
    completionTokens: 100,
    estimatedPromptTokens: 1_000,
    estimatedNanoUsd: 764_400,
    costNanoUsd: 210_000,
    costIsEstimate: false,
    fullContextNanoUsd: 2_000_000,
    fullContextFits: true,
    latencyMs: 420,
    answer: "25 days [p. 2].",
    citations: [],
    extra: {},
    ...partial,
  };
  insertQuery(record);
  return record;
}
