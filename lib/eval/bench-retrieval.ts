/**
 * Question latency without the model: the server's work per question (retrieval, passage merging and
 * ordering, the prompt, its token count and price: planQuestion's dry run) over a library of at least
 * 1,000 pages, as percentiles. Documents go into the store DATA_DIR names (the caller points it at a
 * scratch directory) through the product's chunking with the app's default options.
 */
import fs from "node:fs";
import path from "node:path";
import { encodePage } from "../chunking";
import { DEFAULT_CHUNK_OPTIONS, type ChunkOptions } from "../chunking/types";
import { planQuestion } from "../qa/plan";
import { retrieveContext } from "../retrieval";
import { DEFAULT_APP_SETTINGS } from "../settings";
import { DEFAULT_ENCODING } from "../tokens";
import { parseDataset } from "./dataset";
import { extractorFingerprint, loadDocumentPages } from "./ingest-cache";
import { evalDocumentId, storeEvalDocument, type EvalDocument } from "./run";

export interface LatencyStats {
  samples: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  meanMs: number;
}

export interface RetrievalBenchResult {
  documents: number;
  pages: number;
  questions: number;
  chunk: ChunkOptions;
  contextTokens: number;
  /** Building the in-memory index of every document (once per process, on the first question). */
  indexBuildMs: number;
  /** Each question asked of its own document: retrieval alone, and the whole plan. */
  ownDocument: { retrieval: LatencyStats; plan: LatencyStats };
  /** Each question asked of the whole library at once. */
  wholeLibrary: { retrieval: LatencyStats; plan: LatencyStats };
}

/** Nearest-rank percentile (p in 0..100) of values; 0 for none. Pure. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

/** p50, p95, max and mean of durations in ms. Pure. */
export function latencyStats(durationsMs: number[]): LatencyStats {
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    samples: durationsMs.length,
    p50Ms: round(percentile(durationsMs, 50)),
    p95Ms: round(percentile(durationsMs, 95)),
    maxMs: round(durationsMs.reduce((m, d) => Math.max(m, d), 0)),
    meanMs: round(durationsMs.length ? durationsMs.reduce((s, d) => s + d, 0) / durationsMs.length : 0),
  };
}

function timed(fn: () => void): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

/**
 * Stores the documents, warms the index, then times every question `repeats` times (default 3) asked
 * of its own document and of the whole library. model prices the plan (default gpt-4o-mini).
 */
export function benchRetrieval({
  documents,
  questions,
  chunk = DEFAULT_CHUNK_OPTIONS,
  contextTokens = DEFAULT_APP_SETTINGS.contextTokens,
  model = "gpt-4o-mini",
  repeats = 3,
}: {
  documents: EvalDocument[];
  questions: { question: string; doc: string }[];
  chunk?: ChunkOptions;
  contextTokens?: number;
  model?: string;
  repeats?: number;
}): RetrievalBenchResult {
  const byName = new Map(documents.map((d) => [d.name, d]));
  for (const doc of documents) storeEvalDocument(doc, doc.pages.map((p) => encodePage(p, DEFAULT_ENCODING)), { chunk });
  const allIds = documents.map(evalDocumentId);
  const asked = questions.filter((q) => byName.has(q.doc));
  const indexBuildMs = timed(() => retrieveContext({ question: "warm up", documentIds: allIds, contextTokens }));
  // The first plan of a document also counts its whole text once (the full-document price), then remembers it.
  planQuestion({ question: "warm up", documentIds: allIds, model, contextTokens }, { dryRun: true });

  const own = { retrieval: [] as number[], plan: [] as number[] };
  const library = { retrieval: [] as number[], plan: [] as number[] };
  for (let r = 0; r < repeats; r++) {
    for (const q of asked) {
      const ids = [evalDocumentId(byName.get(q.doc) as EvalDocument)];
      own.retrieval.push(timed(() => retrieveContext({ question: q.question, documentIds: ids, contextTokens })));
      own.plan.push(timed(() => planQuestion({ question: q.question, documentIds: ids, model, contextTokens }, { dryRun: true })));
      library.retrieval.push(timed(() => retrieveContext({ question: q.question, documentIds: allIds, contextTokens })));
      library.plan.push(timed(() => planQuestion({ question: q.question, documentIds: allIds, model, contextTokens }, { dryRun: true })));
    }
  }
  return {
    documents: documents.length,
    pages: documents.reduce((s, d) => s + d.pages.length, 0),
    questions: asked.length,
    chunk,
    contextTokens,
    indexBuildMs: Math.round(indexBuildMs),
    ownDocument: { retrieval: latencyStats(own.retrieval), plan: latencyStats(own.plan) },
    wholeLibrary: { retrieval: latencyStats(library.retrieval), plan: latencyStats(library.plan) },
  };
}

/**
 * Loads PDFs of a dataset folder (pages cached like the evaluation's) in name order until minPages
 * pages (default 1,000; all when fewer), takes the dataset's questions about them, and runs the bench.
 */
export async function runRetrievalBench({
  datasetPath,
  pdfDir = path.join(path.dirname(datasetPath), "pdfs"),
  cacheDir = path.join("cache", "eval", "pages"),
  minPages = 1000,
  repeats = 3,
  log = () => {},
}: {
  datasetPath: string;
  pdfDir?: string;
  cacheDir?: string;
  minPages?: number;
  repeats?: number;
  log?: (message: string) => void;
}): Promise<RetrievalBenchResult> {
  const questions = parseDataset(fs.readFileSync(datasetPath, "utf8"), path.basename(datasetPath));
  const names = [...new Set(questions.map((q) => q.doc))].sort();
  const fingerprint = extractorFingerprint();
  const documents: EvalDocument[] = [];
  let pages = 0;
  for (const name of names) {
    if (pages >= minPages) break;
    const doc = await loadDocumentPages({ pdfPath: path.join(pdfDir, name), cacheDir, fingerprint });
    documents.push(doc);
    pages += doc.pages.length;
    log(`loaded ${name} (${doc.pages.length} pages${doc.cached ? ", cached" : ""})`);
  }
  return benchRetrieval({ documents, questions, repeats });
}

/** The bench result as terminal lines. */
export function formatRetrievalBench(result: RetrievalBenchResult): string {
  const row = (label: string, s: LatencyStats) => `  ${label.padEnd(34)} p50 ${s.p50Ms.toFixed(2).padStart(7)} ms   p95 ${s.p95Ms.toFixed(2).padStart(7)} ms   max ${s.maxMs.toFixed(2).padStart(7)} ms   (${s.samples} samples)`;
  return [
    `Question latency without the model: ${result.documents} documents, ${result.pages.toLocaleString("en-US")} pages, ${result.questions} questions, ${result.chunk.strategy} chunks of ${result.chunk.windowTokens} tokens, ${result.contextTokens}-token context`,
    `  index build (once per process)     ${result.indexBuildMs} ms`,
    row("own document: retrieval", result.ownDocument.retrieval),
    row("own document: retrieval + prompt", result.ownDocument.plan),
    row("whole library: retrieval", result.wholeLibrary.retrieval),
    row("whole library: retrieval + prompt", result.wholeLibrary.plan),
  ].join("\n");
}
