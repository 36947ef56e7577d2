/**
 * planQuestion: everything decided before a model call, shared by the dry run, the live cost preview, the
 * real question, the evaluation and the benchmark. Resolves documents and model, retrieves (chunked) or
 * takes every page (full), builds the prompt, counts it in the model's encoding, prices it and the
 * full-document counterfactual, and refuses what cannot or should not be sent.
 */
import { randomBytes } from "node:crypto";
import { COMPRESSION_POOL, compressPassages, type CompressionStats } from "../compression/compress";
import { AppError } from "../errors";
import { llmConfigured, readEnv } from "../env";
import { estimateCostNano, getModelPrice, listModelPrices, OFFLINE_MODEL, type ModelPrice } from "../pricing";
import { retrieveContext } from "../retrieval";
import { getAppSettings } from "../settings";
import { getPages, listDocuments, type DocumentRecord } from "../storage/documents";
import { countChatTokens, countTokens, type Encoding } from "../tokens";
import { dedupePassages, orderStrongestAtEdges } from "./passages";
import { buildPrompt, fenceBoundary, passageHeader, type PromptPassage } from "./prompt";
import { MAX_QUESTION_CHARS, type AskInput, type AskMode, type Citation, type QuestionPlan } from "./types";

export interface PlanOptions {
  /**
   * A dry run prices the question without sending it, so a priced model is allowed with no LLM
   * configured (a new user sees what questions would cost). Default false.
   */
  dryRun?: boolean;
  /** The fence boundary; default one derived from the documents under a per-process secret. */
  boundary?: string;
  /**
   * With compression: how many times the context budget retrieval gathers before the compressor keeps
   * what bears on the question (default COMPRESSION_POOL, 1.5; 1 compresses the usual context in place).
   */
  compressionPool?: number;
}

let processSecret: string | undefined;

function fenceSecret(): string {
  processSecret ??= randomBytes(32).toString("hex");
  return processSecret;
}

/** Trimmed question; throws invalid_request when empty or over 4,000 characters. */
export function validateQuestion(question: unknown): string {
  if (typeof question !== "string" || question.trim().length === 0) {
    throw new AppError("invalid_request", "Type a question.");
  }
  const trimmed = question.trim();
  if (trimmed.length > MAX_QUESTION_CHARS) {
    throw new AppError("invalid_request", `Questions are limited to ${MAX_QUESTION_CHARS.toLocaleString("en-US")} characters; this one has ${trimmed.length.toLocaleString("en-US")}.`, {
      maxChars: MAX_QUESTION_CHARS,
    });
  }
  return trimmed;
}

/** The model a question goes to and its prices; throws unknown_model / llm_not_configured. */
export function resolveModel({ model, dryRun }: { model: string | undefined; dryRun: boolean }): ModelPrice {
  const env = readEnv();
  const configured = llmConfigured(env);
  const name = model ?? (configured ? env.openaiModel : OFFLINE_MODEL);
  const price = getModelPrice(name);
  if (!price) {
    throw new AppError("unknown_model", `The price catalog does not know the model "${name}". Pick a listed model, or add its prices in Settings.`, {
      knownModels: listModelPrices().map((m) => m.model),
    });
  }
  if (!dryRun && name !== OFFLINE_MODEL && !configured) {
    throw new AppError(
      "llm_not_configured",
      `No LLM is configured, so "${name}" cannot answer. Set OPENAI_API_KEY (or OPENAI_BASE_URL) on the server, or ask the offline answerer.`,
    );
  }
  return price;
}

/** The documents to ask; throws no_documents / not_found. */
export function resolveDocuments(documentIds: string[] | undefined): DocumentRecord[] {
  const all = listDocuments();
  if (all.length === 0) throw new AppError("no_documents", "There are no documents yet. Upload a PDF in the Library first.");
  if (!documentIds || documentIds.length === 0) return [...all].reverse();
  const byId = new Map(all.map((d) => [d.id, d]));
  const picked: DocumentRecord[] = [];
  for (const id of new Set(documentIds)) {
    const doc = byId.get(id);
    if (!doc) throw new AppError("not_found", `No document has the id "${id.slice(0, 80)}". It may have been deleted.`, { documentId: id.slice(0, 80) });
    picked.push(doc);
  }
  return picked;
}

/** Every page with text of the documents, page-marked, in document then page order (full mode). */
function fullPassages(documents: DocumentRecord[]): Citation[] {
  return documents.flatMap((doc) =>
    getPages(doc.id)
      .filter((page) => page.text.trim().length > 0)
      .map((page) => ({ documentId: doc.id, documentName: doc.name, pageStart: page.pageNumber, pageEnd: page.pageNumber, text: page.text, score: null })),
  );
}

const pageBlockTokens = new Map<string, number>();

/** Tokens of a document's page-marked pages (memoized per document and encoding: documents never change). */
function documentBlockTokens(doc: DocumentRecord, encoding: Encoding): number {
  const key = `${doc.id}:${encoding}`;
  let tokens = pageBlockTokens.get(key);
  if (tokens === undefined) {
    tokens = 0;
    for (const page of getPages(doc.id)) {
      if (page.text.trim().length === 0) continue;
      // Header line, the text and the blank line that separates passages.
      tokens += countTokens(`${passageHeader({ documentName: doc.name, pageStart: page.pageNumber, pageEnd: page.pageNumber })}\n${page.text}\n\n`, encoding);
    }
    pageBlockTokens.set(key, tokens);
  }
  return tokens;
}

function toPromptPassage(c: Citation): PromptPassage {
  return { documentName: c.documentName, pageStart: c.pageStart, pageEnd: c.pageEnd, text: c.text };
}

/** Plans a question (see the file comment). Throws AppError for anything that cannot be asked. */
export function planQuestion(input: AskInput, options: PlanOptions = {}): QuestionPlan {
  const question = validateQuestion(input.question);
  const mode: AskMode = input.mode ?? "chunked";
  const dryRun = options.dryRun === true;
  const price = resolveModel({ model: input.model, dryRun });
  const documents = resolveDocuments(input.documentIds);
  const documentIds = documents.map((d) => d.id);
  const settings = getAppSettings();
  const env = readEnv();
  const contextTokens = input.contextTokens ?? settings.contextTokens;
  const boundary = options.boundary ?? fenceBoundary({ secret: fenceSecret(), documentIds });
  const names = new Map(documents.map((d) => [d.id, d.name]));

  let citations: Citation[];
  let passageTokens: number;
  let compression: CompressionStats | null = null;
  if (mode === "full") {
    citations = fullPassages(documents);
    passageTokens = documents.reduce((sum, d) => sum + d.tokens, 0);
  } else {
    const retrievePassages = (budget: number) => {
      const retrieved = retrieveContext({ question, documentIds, contextTokens: budget });
      const passages = dedupePassages(retrieved.chunks.map((c) => ({ documentId: c.documentId, ord: c.ord, pageStart: c.pageStart, pageEnd: c.pageEnd, text: c.text, score: c.score })));
      const ordered: Citation[] = orderStrongestAtEdges(passages).map((p) => ({
        documentId: p.documentId,
        documentName: names.get(p.documentId) ?? p.documentId,
        pageStart: p.pageStart,
        pageEnd: p.pageEnd,
        text: p.text,
        score: p.score,
      }));
      return { citations: ordered, tokens: retrieved.contextTokens };
    };
    const ratio = input.compressionRatio;
    const usual = retrievePassages(contextTokens);
    if (ratio === undefined || ratio === null) {
      ({ citations, tokens: passageTokens } = usual);
    } else {
      // Compression keeps ratio x the tokens the usual context has, chosen from a wider look (docs/routing.md).
      // Units that must stay (figures the question names) can outgrow that; if they outgrow the usual
      // context itself, that context is compressed instead, which never grows.
      const pool = Math.max(1, options.compressionPool ?? COMPRESSION_POOL);
      const targetTokens = Math.floor(Math.min(1, Math.max(0.1, ratio)) * usual.tokens);
      const compress = (passages: Citation[]) => compressPassages({ question, passages, targetTokens, encoding: price.encoding });
      let compressed = compress(pool > 1 ? retrievePassages(Math.round(contextTokens * pool)).citations : usual.citations);
      if (pool > 1 && compressed.stats.tokensAfter > usual.tokens) compressed = compress(usual.citations);
      citations = compressed.passages;
      passageTokens = compressed.stats.tokensAfter;
      compression = compressed.stats;
    }
  }

  const messages = buildPrompt({ passages: citations.map(toPromptPassage), question, boundary });
  const encoding = price.encoding;
  const promptTokens = countChatTokens(messages, encoding);
  const maxOutputTokens = env.maxOutputTokens;
  const contextWindow = price.contextWindow;

  // The counterfactual: exact in full mode; in chunked mode the empty prompt plus every page block.
  const fullPromptTokens =
    mode === "full" ? promptTokens : countChatTokens(buildPrompt({ passages: [], question, boundary }), encoding) + documents.reduce((sum, d) => sum + documentBlockTokens(d, encoding), 0);
  const fullFits = fullPromptTokens + maxOutputTokens <= contextWindow;

  if (promptTokens + maxOutputTokens > contextWindow) {
    throw new AppError(
      "context_too_large",
      mode === "full"
        ? `The whole text (${promptTokens.toLocaleString("en-US")} prompt tokens) plus room for the answer does not fit ${price.model}'s context window of ${contextWindow.toLocaleString("en-US")} tokens. Ask in chunked mode, or pick fewer documents.`
        : `The prompt (${promptTokens.toLocaleString("en-US")} tokens) plus room for the answer does not fit ${price.model}'s context window of ${contextWindow.toLocaleString("en-US")} tokens. Lower the context budget.`,
      { promptTokens, contextWindow },
    );
  }
  const limit = settings.promptTokenLimits[mode];
  if (limit !== null && promptTokens > limit) {
    throw new AppError(
      "prompt_over_limit",
      `This ${mode === "full" ? "full-document" : "chunked"} prompt has ${promptTokens.toLocaleString("en-US")} tokens, over the limit of ${limit.toLocaleString("en-US")} set in Settings.`,
      { promptTokens, limit, mode },
    );
  }

  return {
    question,
    mode,
    model: price.model,
    price,
    documents: documents.map((d) => ({ id: d.id, name: d.name })),
    citations,
    messages,
    promptTokens,
    tokenCountIsEstimate: !price.exactTokenizer,
    maxOutputTokens,
    contextWindow,
    estimatedNanoUsd: estimateCostNano({ promptTokens, maxOutputTokens, price }),
    fullContext: { promptTokens: fullPromptTokens, estimatedNanoUsd: estimateCostNano({ promptTokens: fullPromptTokens, maxOutputTokens, price }), fits: fullFits },
    contextTokens: passageTokens,
    compression,
  };
}
