/**
 * Retrieval: finds the chunks that matter for a question and fills a context token budget with them.
 * A minisearch index over the chunks of the store, built lazily and cached until documents change.
 */
import MiniSearch from "minisearch";
import { getChunks, getDocumentsVersion, type StoredChunk } from "../storage/documents";

export interface RetrievedChunk extends StoredChunk {
  /** Relevance score (higher is better). */
  score: number;
}

export interface RetrievalResult {
  /** The chunks to send, in the order to send them. */
  chunks: RetrievedChunk[];
  /** Tokens of the chunks' text. */
  contextTokens: number;
}

let cache: { version: number; index: MiniSearch<StoredChunk>; byId: Map<number, StoredChunk> } | undefined;

function getIndex() {
  const version = getDocumentsVersion();
  if (cache && cache.version === version) return cache;
  const chunks = getChunks(undefined);
  const index = new MiniSearch<StoredChunk>({ fields: ["text"], storeFields: [] });
  index.addAll(chunks);
  cache = { version, index, byId: new Map(chunks.map((c) => [c.id, c])) };
  return cache;
}

/**
 * The chunks of the given documents that best answer the question, until contextTokens is filled.
 * contextTokens: token budget for the context (default 2000).
 */
export function retrieveContext({ question, documentIds, contextTokens = 2000 }: { question: string; documentIds: string[]; contextTokens?: number }): RetrievalResult {
  const { index, byId } = getIndex();
  const allowed = new Set(documentIds);
  const hits = index.search(question, { filter: (r) => allowed.has((byId.get(r.id as number) as StoredChunk).documentId) });
  const chunks: RetrievedChunk[] = [];
  let used = 0;
  for (const hit of hits) {
    const chunk = byId.get(hit.id as number);
    if (!chunk || used + chunk.tokens > contextTokens) continue;
    chunks.push({ ...chunk, score: hit.score });
    used += chunk.tokens;
  }
  return { chunks, contextTokens: used };
}
