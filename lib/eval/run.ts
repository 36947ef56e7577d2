/**
 * The evaluation run: documents go into a store through the product's chunking, every question is
 * planned through the app's own dry-run path (planQuestion: retrieval, passage merging and ordering, the
 * prompt, its token count), and what was sent is measured against the gold evidence.
 *
 * The store is the one DATA_DIR names: the caller points it at a scratch directory first. Configurations
 * that share a chunking share one ingestion; the documents are re-chunked in place for the next one.
 */
import { chunkPages, encodePage, type EncodedPage } from "../chunking";
import type { PageText } from "../chunking/types";
import { costOf, getModelPrice, type ModelPrice } from "../pricing";
import { planQuestion } from "../qa/plan";
import { buildPrompt } from "../qa/prompt";
import { setDefaultRetrievalOptions } from "../retrieval";
import { deleteDocument, getChunks, getDocument, insertDocument, type DocumentRecord } from "../storage/documents";
import { countChatTokens, DEFAULT_ENCODING, type ChatMessage } from "../tokens";
import { buildKeywordBaseline } from "./baseline";
import type { EvalConfig } from "./configs";
import type { EvalQuestion } from "./dataset";
import {
  aggregateMeasures,
  contextText,
  contextTokenCount,
  evidenceHit,
  evidenceRecall,
  pagesTouched,
  type ConfigMetrics,
  type PageSpan,
  type QuestionMeasure,
} from "./metrics";

export interface EvalDocument {
  /** The dataset's `doc` (PDF file name). */
  name: string;
  sha256: string;
  pages: PageText[];
}

/** What one question sent under one configuration, kept for answering and for the JSON report. */
export interface QuestionRun extends QuestionMeasure {
  passages: (PageSpan & { text: string })[];
  messages: ChatMessage[];
}

export interface ConfigRun {
  name: string;
  /** null for the full-document row. */
  config: EvalConfig | null;
  metrics: ConfigMetrics;
  questions: QuestionRun[];
  durationMs: number;
}

export interface EvalRun {
  model: string;
  /** Answer tokens assumed when estimating each question's cost. */
  answerTokens: number;
  configs: ConfigRun[];
  fullDocument: ConfigRun;
}

/** The fence boundary used for every eval prompt (a fixed one: token counts do not depend on its value). */
const EVAL_BOUNDARY = "tw-000000000000000000000000";

/** The store id an evaluation document gets (stable per file content). */
export function evalDocumentId(doc: EvalDocument): string {
  return `eval-${doc.sha256.slice(0, 16)}`;
}

function chunkKey(config: EvalConfig): string {
  const { strategy, windowTokens, overlapTokens } = config.chunk;
  return `${strategy}/${windowTokens}/${overlapTokens}`;
}

/** Replaces the stored copy of a document with one chunked by the given options (pages encoded once by the caller). */
export function storeEvalDocument(doc: EvalDocument, encoded: EncodedPage[], config: Pick<EvalConfig, "chunk">): void {
  const id = evalDocumentId(doc);
  if (getDocument(id)) deleteDocument(id);
  const chunks = chunkPages({ pages: doc.pages, ...config.chunk, encoding: DEFAULT_ENCODING, encoded });
  const record: DocumentRecord = {
    id,
    name: doc.name,
    sha256: doc.sha256,
    bytes: 0,
    pages: doc.pages.length,
    tokens: encoded.reduce((sum, page) => sum + page.tokens, 0),
    chunks: chunks.length,
    strategy: config.chunk.strategy,
    windowTokens: config.chunk.windowTokens,
    overlapTokens: config.chunk.overlapTokens,
    encoding: DEFAULT_ENCODING,
    createdAt: 0,
  };
  insertDocument({ document: record, pages: encoded.map((p) => ({ pageNumber: p.pageNumber, text: p.text, tokens: p.tokens })), chunks });
}

function measure({
  question,
  passages,
  messages,
  contextTokens,
  promptTokens,
  price,
  answerTokens,
}: {
  question: EvalQuestion;
  passages: (PageSpan & { text: string })[];
  messages: ChatMessage[];
  contextTokens?: number;
  promptTokens: number;
  price: ModelPrice;
  answerTokens: number;
}): QuestionRun {
  const texts = passages.map((p) => p.text);
  return {
    id: question.id,
    hit: evidenceHit(passages, question.evidence_pages),
    recall: question.evidence_text === undefined ? null : evidenceRecall(question.evidence_text, contextText(texts)),
    contextTokens: contextTokens ?? contextTokenCount(texts),
    pages: pagesTouched(passages),
    promptTokens,
    costNano: costOf({ promptTokens, cachedTokens: 0, completionTokens: answerTokens }, price),
    passages,
    messages,
  };
}

/**
 * Runs every configuration and the full-document row over the questions. Documents must hold every
 * question's `doc`. model: the model whose prices and tokenizer apply; answerTokens: assumed answer
 * length for the cost estimate (default 200).
 */
export function runEvaluation({
  questions,
  documents,
  configs,
  model,
  answerTokens = 200,
  onProgress,
}: {
  questions: EvalQuestion[];
  documents: Map<string, EvalDocument>;
  configs: EvalConfig[];
  model: string;
  answerTokens?: number;
  onProgress?: (message: string) => void;
}): EvalRun {
  const price = getModelPrice(model);
  if (!price) throw new Error(`The price catalog does not know the model "${model}".`);
  for (const q of questions) if (!documents.has(q.doc)) throw new Error(`Question ${q.id}: document "${q.doc}" was not loaded.`);

  const started = performance.now();
  const encoded = new Map<string, EncodedPage[]>();
  for (const doc of documents.values()) encoded.set(doc.name, doc.pages.map((page) => encodePage(page, DEFAULT_ENCODING)));
  onProgress?.(`encoded ${documents.size} documents in ${Math.round(performance.now() - started)} ms`);

  const groups = new Map<string, EvalConfig[]>();
  for (const config of configs) {
    const list = groups.get(chunkKey(config));
    if (list) list.push(config);
    else groups.set(chunkKey(config), [config]);
  }

  const runs = new Map<string, ConfigRun>();
  const fullPromptTokens = new Map<string, number>();
  for (const group of groups.values()) {
    const groupStarted = performance.now();
    for (const doc of documents.values()) storeEvalDocument(doc, encoded.get(doc.name) as EncodedPage[], group[0]);
    onProgress?.(`chunked ${chunkKey(group[0])} in ${Math.round(performance.now() - groupStarted)} ms`);
    for (const config of group) {
      const configStarted = performance.now();
      const measures: QuestionRun[] = [];
      if (config.ranker === "keyword") {
        const baselines = new Map<string, ReturnType<typeof buildKeywordBaseline>>();
        for (const q of questions) {
          const doc = documents.get(q.doc) as EvalDocument;
          let baseline = baselines.get(doc.name);
          if (!baseline) baselines.set(doc.name, (baseline = buildKeywordBaseline(getChunks([evalDocumentId(doc)]))));
          const chunks = baseline.search(q.question, config.contextTokens);
          const passages = chunks.map((c) => ({ pageStart: c.pageStart, pageEnd: c.pageEnd, text: c.text }));
          const messages = buildPrompt({ passages: passages.map((p) => ({ ...p, documentName: doc.name })), question: q.question, boundary: EVAL_BOUNDARY });
          measures.push(measure({ question: q, passages, messages, promptTokens: countChatTokens(messages, price.encoding), price, answerTokens }));
        }
      } else {
        const previous = setDefaultRetrievalOptions(config.retrieval ?? {});
        try {
          for (const q of questions) {
            const doc = documents.get(q.doc) as EvalDocument;
            const plan = planQuestion(
              { question: q.question, documentIds: [evalDocumentId(doc)], mode: "chunked", model: price.model, contextTokens: config.contextTokens },
              { dryRun: true, boundary: EVAL_BOUNDARY },
            );
            fullPromptTokens.set(q.id, plan.fullContext.promptTokens);
            const passages = plan.citations.map((c) => ({ pageStart: c.pageStart, pageEnd: c.pageEnd, text: c.text }));
            measures.push(measure({ question: q, passages, messages: plan.messages, promptTokens: plan.promptTokens, price, answerTokens }));
          }
        } finally {
          setDefaultRetrievalOptions(previous);
        }
      }
      runs.set(config.name, { name: config.name, config, metrics: aggregateMeasures(measures), questions: measures, durationMs: performance.now() - configStarted });
      onProgress?.(`${config.name}: ${Math.round(performance.now() - configStarted)} ms`);
    }
  }

  const fullStarted = performance.now();
  const fullMeasures = questions.map((q) => {
    const doc = documents.get(q.doc) as EvalDocument;
    const pages = (encoded.get(doc.name) as EncodedPage[]).filter((p) => p.text.trim().length > 0);
    const passages = pages.map((p) => ({ pageStart: p.pageNumber, pageEnd: p.pageNumber, text: p.text }));
    // Whole-document context tokens: page tokens plus one per blank line between pages (the joined text,
    // counted page by page: exact to within a token per page, and no second pass over the whole text).
    const contextTokens = pages.reduce((sum, p) => sum + p.tokens, 0) + Math.max(0, pages.length - 1);
    const promptTokens = fullPromptTokens.get(q.id) ?? countChatTokens(buildPrompt({ passages: passages.map((p) => ({ ...p, documentName: doc.name })), question: q.question, boundary: EVAL_BOUNDARY }), price.encoding);
    return measure({ question: q, passages, messages: [], contextTokens, promptTokens, price, answerTokens });
  });
  const fullDocument: ConfigRun = { name: "full-document", config: null, metrics: aggregateMeasures(fullMeasures), questions: fullMeasures, durationMs: performance.now() - fullStarted };

  return { model: price.model, answerTokens, configs: configs.map((c) => runs.get(c.name) as ConfigRun), fullDocument };
}
