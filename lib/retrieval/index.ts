/**
 * Retrieval: finds the passages of the chosen documents that best answer a question and fills a
 * context token budget with them.
 *
 * `buildIndex(chunks)` + `retrieve({ index, question, ... })` are pure (given chunks in, passages out),
 * so the evaluation harness sweeps configurations without a store. `retrieveContext` is the app's entry
 * point: the index is built from the store's chunks, per document, cached in memory and rebuilt when
 * documents change.
 */
import { getChunks, getDocumentsVersion, type StoredChunk } from "../storage/documents";
import { buildDocumentIndex, DEFAULT_BM25, scoreChunks, totalScore, type Bm25Params, type DocumentIndex, type IndexableChunk } from "./bm25";
import { orderForAttention, passageText, selectPassages, SEPARATOR_TOKENS, type Candidate } from "./select";
import { analyzeQuestion } from "./terms";

export type { IndexableChunk, DocumentIndex, Bm25Params } from "./bm25";

export interface RetrievedChunk extends StoredChunk {
  /** Relevance score (higher is better). */
  score: number;
}

export interface RetrievalResult {
  /** The chunks to send, in the order to send them (neighbouring chunks merged into one). */
  chunks: RetrievedChunk[];
  /** Tokens of the chunks' text, with a blank line between chunks. */
  contextTokens: number;
}

/** An index over the chunks of any number of documents. */
export interface RetrievalIndex {
  documents: Map<string, DocumentIndex>;
}

/** Options of the ranking; every field has a default. */
export interface RetrievalOptions {
  /** BM25 parameters (default k1 1.2, b 0.75). */
  bm25?: Bm25Params;
  /** Weight of query terms already covered by the chosen context, 0 to 1 (default 0.5). */
  redundancyWeight?: number;
}

/** Builds an index over chunks of any documents (grouped by documentId). */
export function buildIndex(chunks: IndexableChunk[]): RetrievalIndex {
  const byDocument = new Map<string, IndexableChunk[]>();
  for (const chunk of chunks) {
    const list = byDocument.get(chunk.documentId);
    if (list) list.push(chunk);
    else byDocument.set(chunk.documentId, [chunk]);
  }
  const documents = new Map<string, DocumentIndex>();
  for (const [documentId, list] of byDocument) documents.set(documentId, buildDocumentIndex(documentId, list));
  return { documents };
}

/** Query term weights: every distinct question term once. */
export function queryWeights(question: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const term of analyzeQuestion(question)) weights.set(term, 1);
  return weights;
}

/**
 * The passages of the given documents that best answer the question, filling at most contextTokens
 * tokens (default 2000, from 1 up). Pure given the index.
 */
export function retrieve({
  index,
  question,
  documentIds,
  contextTokens = 2000,
  options = {},
}: {
  index: RetrievalIndex;
  question: string;
  documentIds: string[];
  contextTokens?: number;
  options?: RetrievalOptions;
}): RetrievalResult {
  const weights = queryWeights(question);
  const candidates: Candidate[] = [];
  for (const documentId of new Set(documentIds)) {
    const docIndex = index.documents.get(documentId);
    if (!docIndex) continue;
    const scores = scoreChunks(docIndex, weights, options.bm25 ?? DEFAULT_BM25);
    for (const [position, contributions] of scores) {
      candidates.push({ index: docIndex, position, score: totalScore(contributions), contributions });
    }
  }
  const passages = selectPassages(candidates, { contextTokens, redundancyWeight: options.redundancyWeight });
  const ordered = orderForAttention(passages);
  const chunks: RetrievedChunk[] = ordered.map((passage) => {
    const first = passage.index.chunks[passage.first];
    const last = passage.index.chunks[passage.last];
    return {
      id: first.id,
      documentId: first.documentId,
      ord: first.ord,
      pageStart: first.pageStart,
      pageEnd: last.pageEnd,
      text: passageText(passage),
      tokens: passage.tokens,
      score: passage.score,
    };
  });
  const used = chunks.reduce((sum, c) => sum + c.tokens, 0) + Math.max(0, chunks.length - 1) * SEPARATOR_TOKENS;
  return { chunks, contextTokens: used };
}

let cache: { version: number; index: RetrievalIndex } | undefined;
let defaultOptions: RetrievalOptions = {};

/**
 * Sets the ranking options retrieveContext applies when a call passes none (the evaluation sweeps them
 * through the app's own path); returns the previous ones.
 */
export function setDefaultRetrievalOptions(options: RetrievalOptions): RetrievalOptions {
  const previous = defaultOptions;
  defaultOptions = options;
  return previous;
}

/** The store-backed index for the given documents, built per document on first use and cached. */
function indexFor(documentIds: string[]): RetrievalIndex {
  const version = getDocumentsVersion();
  if (!cache || cache.version !== version) cache = { version, index: { documents: new Map() } };
  const missing = documentIds.filter((id) => !cache!.index.documents.has(id));
  if (missing.length > 0) {
    const built = buildIndex(getChunks(missing));
    for (const [id, docIndex] of built.documents) cache.index.documents.set(id, docIndex);
  }
  return cache.index;
}

/**
 * The chunks of the given documents that best answer the question, until contextTokens is filled
 * (default 2000 tokens). Neighbouring chunks come merged as one chunk spanning their pages.
 */
export function retrieveContext({
  question,
  documentIds,
  contextTokens = 2000,
  options,
}: {
  question: string;
  documentIds: string[];
  contextTokens?: number;
  options?: RetrievalOptions;
}): RetrievalResult {
  return retrieve({ index: indexFor(documentIds), question, documentIds, contextTokens, options: options ?? defaultOptions });
}
