/**
 * Retrieval: finds the passages of the chosen documents that best answer a question and fills a
 * context token budget with them.
 *
 * `buildIndex(chunks)` + `retrieve({ index, question, ... })` are pure (chunks in, passages out), so the
 * evaluation harness sweeps configurations without a store. `retrieveContext` is the app's entry point:
 * the index is built from the store's chunks and pages, per document, cached in memory and rebuilt
 * when documents change.
 *
 * Ranking (docs/RETRIEVAL.md has the measurements behind each step):
 * 1. the question is analysed like the text (case folding, stemming, numbers kept whole) with
 *    instruction words dropped, so "Round your answer to two decimal places" does not pick pages;
 * 2. each chunk is scored by its best small segment (BM25 within the document), plus its own BM25 and
 *    its page heading's, so a statement page whose title and rows match wins over a page that mentions
 *    every word once;
 * 3. the budget is filled by marginal value, whole chunks where they fit (select.ts).
 */
import type { PageText } from "../chunking/types";
import { getChunks, getDocumentsVersion, getPages, listDocuments, type StoredChunk } from "../storage/documents";
import { countTokensFast as countTokens } from "./token-count";
import { DEFAULT_BM25, scoreField, scoreFieldTotals, totalScore, type Bm25Params } from "./bm25";
import { buildDocumentIndex, DEFAULT_SEGMENT_TOKENS, type DocumentIndex, type IndexableChunk } from "./document-index";
import { orderForAttention, passageChunks, passageText, selectPassages, type Candidate, type Passage } from "./select";
import { analyzeQuestion } from "./terms";

export type { Bm25Params } from "./bm25";
export type { DocumentIndex, IndexableChunk } from "./document-index";

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
  segmentTokens: number;
}

/** Options of the ranking; every field has a default. */
export interface RetrievalOptions {
  /** BM25 parameters for segments and chunks (default k1 1.2, b 0.75). */
  bm25?: Bm25Params;
  /** Weight of query terms already covered by the chosen context, 0 to 1 (default 0.5). */
  redundancyWeight?: number;
  /** Weight of the chunk's own BM25 score beside its best segment's; 0 to 2, default 0.6. */
  chunkWeight?: number;
  /** Weight of the page heading's BM25 score; 0 to 5, default 3. */
  headingWeight?: number;
  /** Weight of the chunk's second-best segment; 0 to 1, default 0.3. */
  secondSegmentWeight?: number;
  /** Share of the stronger neighbouring chunk's score a chunk borrows; 0 to 1, default 0.5. */
  neighbourWeight?: number;
}

export const DEFAULT_RETRIEVAL_OPTIONS: Required<RetrievalOptions> = {
  bm25: DEFAULT_BM25,
  redundancyWeight: 0.5,
  chunkWeight: 0.6,
  headingWeight: 3,
  secondSegmentWeight: 0.3,
  neighbourWeight: 0.5,
};

/**
 * Builds an index over chunks of any documents (grouped by documentId). pages (by document id), when
 * given, supply page headings. segmentTokens: size of the ranked pieces (default 96).
 */
export function buildIndex(
  chunks: IndexableChunk[],
  { pages, segmentTokens = DEFAULT_SEGMENT_TOKENS }: { pages?: ReadonlyMap<string, readonly PageText[]> | Record<string, readonly PageText[]>; segmentTokens?: number } = {},
): RetrievalIndex {
  const byDocument = new Map<string, IndexableChunk[]>();
  for (const chunk of chunks) {
    const list = byDocument.get(chunk.documentId);
    if (list) list.push(chunk);
    else byDocument.set(chunk.documentId, [chunk]);
  }
  const pagesOf = (id: string) => (pages instanceof Map ? pages.get(id) : (pages as Record<string, readonly PageText[]> | undefined)?.[id]);
  const documents = new Map<string, DocumentIndex>();
  for (const [documentId, list] of byDocument) documents.set(documentId, buildDocumentIndex(documentId, list, { pages: pagesOf(documentId), segmentTokens }));
  return { documents, segmentTokens };
}

/** Weight of a number of one or two digits in a question ("2%", "Q2", "3 years"): it matches everywhere; 0.25. */
export const SMALL_NUMBER_WEIGHT = 0.25;

/**
 * Query term weights: every distinct question term once; short numbers count less than words, while
 * years and amounts (three digits or more) count fully.
 */
export function queryWeights(question: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const term of analyzeQuestion(question)) {
    weights.set(term, /^\d{1,2}(\.\d+)?$/.test(term) ? SMALL_NUMBER_WEIGHT : 1);
  }
  return weights;
}

/** Scores every chunk of a document that matches the question. */
export function scoreDocument(index: DocumentIndex, weights: Map<string, number>, options: Required<RetrievalOptions>): Candidate[] {
  const segments = scoreFieldTotals(index.segmentField, weights, options.bm25);
  const chunkScores = scoreField(index.chunkField, weights, options.bm25);
  const headings = options.headingWeight > 0 ? scoreFieldTotals(index.headingField, weights, options.bm25).scores : undefined;
  const chunkCount = index.chunks.length;
  const best = new Float64Array(chunkCount);
  const second = new Float64Array(chunkCount);
  for (const segment of segments.matched) {
    const chunk = index.segments[segment].chunk;
    const score = segments.scores[segment];
    if (score > best[chunk]) {
      second[chunk] = best[chunk];
      best[chunk] = score;
    } else if (score > second[chunk]) second[chunk] = score;
  }
  const candidates: Candidate[] = [];
  for (const [chunk, contributions] of chunkScores) {
    const score =
      best[chunk] + options.secondSegmentWeight * second[chunk] + options.chunkWeight * totalScore(contributions) + options.headingWeight * (headings ? headings[chunk] : 0);
    candidates.push({ index, chunk, score, contributions, segmentScores: segments.scores });
  }
  if (options.neighbourWeight > 0) {
    // Relevance clusters in documents (a statement and its continuation, a section over several pages):
    // a chunk borrows a share of its stronger neighbour's score.
    const byChunk = new Map(candidates.map((c) => [c.chunk, c.score]));
    for (const c of candidates) {
      const neighbour = Math.max(byChunk.get(c.chunk - 1) ?? 0, byChunk.get(c.chunk + 1) ?? 0);
      c.score += options.neighbourWeight * neighbour;
    }
  }
  return candidates;
}

function toRetrievedChunk(passage: Passage, text: string, tokens: number): RetrievedChunk {
  const { first, last } = passageChunks(passage);
  const head = passage.index.chunks[first];
  return {
    id: head.id,
    documentId: head.documentId,
    ord: head.ord,
    pageStart: head.pageStart,
    pageEnd: passage.index.chunks[last].pageEnd,
    text,
    tokens,
    score: passage.score,
  };
}

/**
 * The passages of the given documents that best answer the question, filling at most contextTokens
 * tokens (default 2000) counted on the texts joined by blank lines. Pure given the index.
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
  const resolved = { ...DEFAULT_RETRIEVAL_OPTIONS, ...options };
  const weights = queryWeights(question);
  const candidates: Candidate[] = [];
  for (const documentId of new Set(documentIds)) {
    const docIndex = index.documents.get(documentId);
    if (docIndex) candidates.push(...scoreDocument(docIndex, weights, resolved));
  }
  const passages = selectPassages(candidates, { contextTokens, redundancyWeight: resolved.redundancyWeight });
  // Estimated counts become exact where they were estimates; if the estimate was short, the weakest
  // passages shrink (or go) until the budget holds.
  const sized = passages.map((p) => {
    const text = passageText(p);
    return { passage: p, text, tokens: p.exact ? p.tokens : countTokens(text) };
  });
  sized.sort((a, b) => b.passage.score - a.passage.score);
  // The budget is checked on the exact text sent: passages in their final order, joined by blank lines.
  for (;;) {
    const ordered = orderForAttention(sized.map((s) => ({ ...s, score: s.passage.score })));
    const contextText = ordered.map((s) => s.text).join("\n\n");
    const used = countTokens(contextText);
    if (used <= contextTokens || sized.length === 0) {
      return { chunks: ordered.map((s) => toRetrievedChunk(s.passage, s.text, s.tokens)), contextTokens: used };
    }
    const weakest = sized[sized.length - 1];
    const over = used - contextTokens;
    if (weakest.tokens - over < 40) {
      sized.pop();
      continue;
    }
    // Cut the weakest passage's end by the excess plus a margin, at a line break where possible.
    const keepChars = Math.floor((weakest.text.length * (weakest.tokens - over - 2)) / weakest.tokens);
    const cut = weakest.text.lastIndexOf("\n", keepChars);
    weakest.text = weakest.text.slice(0, cut > keepChars / 2 ? cut : keepChars);
    weakest.tokens = countTokens(weakest.text);
  }
}

let cache: { version: number; index: RetrievalIndex; builtFrom: Map<string, string> } | undefined;
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

/** What a document's index was built from: its bytes, how it was chunked, and when it was stored. */
function storedDocumentKeys(): Map<string, string> {
  return new Map(
    listDocuments().map((d) => [d.id, [d.sha256, d.strategy, d.windowTokens, d.overlapTokens, d.chunks, d.createdAt].join(":")]),
  );
}

/**
 * The store-backed index for the given documents, built per document on first use and cached. When the
 * library changes, only the indexes of documents that are gone or were stored anew (other bytes, other
 * chunking) are dropped; the others are kept rather than rebuilt.
 */
function indexFor(documentIds: string[]): RetrievalIndex {
  const version = getDocumentsVersion();
  if (!cache) cache = { version: -1, index: { documents: new Map(), segmentTokens: DEFAULT_SEGMENT_TOKENS }, builtFrom: new Map() };
  let stored: Map<string, string> | undefined;
  if (cache.version !== version) {
    stored = storedDocumentKeys();
    for (const [id, key] of cache.builtFrom) {
      if (stored.get(id) === key) continue;
      cache.index.documents.delete(id);
      cache.builtFrom.delete(id);
    }
    cache.version = version;
  }
  const missing = documentIds.filter((id) => !cache!.index.documents.has(id));
  if (missing.length > 0) {
    stored ??= storedDocumentKeys();
    const pages = new Map(missing.map((id) => [id, getPages(id)]));
    const built = buildIndex(getChunks(missing), { pages });
    for (const [id, docIndex] of built.documents) {
      cache.index.documents.set(id, docIndex);
      cache.builtFrom.set(id, stored.get(id) ?? "");
    }
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
