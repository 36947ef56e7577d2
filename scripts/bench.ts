/**
 * Ingestion benchmark: `npm run bench -- FILE.pdf [more.pdf] [--runs 5]`.
 *
 * For each file, in one warm process: the time of each ingestion step (extract, count, chunk, index,
 * store) and in total, as the median of several runs; beside it pdf.js extraction alone (in this
 * thread, no worker) and `pdftotext` when installed, with ratios; and the process's peak memory (RSS).
 * Each section is its own function so more (e.g. retrieval latency) can be added beside them.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";

// A store of the bench's own, so nothing touches ./data.
const benchDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tokenwise-bench-"));
process.env.DATA_DIR = benchDataDir;

import { ingestPdf, removeDocument } from "../lib/ingest";
import { stopExtractionWorkers } from "../lib/pdf";
import { buildIndex } from "../lib/retrieval";
import { formatRetrievalBench, runRetrievalBench } from "../lib/eval/bench-retrieval";
import { closeAllDbs, getChunks, getPages } from "../lib/storage";
import { countTokens } from "../lib/tokens";

interface StepTimes {
  extractMs: number;
  countMs: number;
  chunkMs: number;
  indexMs: number;
  storeMs: number;
  totalMs: number;
}

interface IngestionBench {
  pages: number;
  tokens: number;
  chunks: number;
  median: StepTimes;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Peak RSS of this process (worker threads included) since start, in MiB. */
function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** The whole ingestion as the app runs it (worker extraction, counting, chunking, store), plus the index. */
async function benchIngestion(bytes: Uint8Array, name: string, runs: number): Promise<IngestionBench> {
  const samples: StepTimes[] = [];
  let last: Omit<IngestionBench, "median"> = { pages: 0, tokens: 0, chunks: 0 };
  for (let run = 0; run <= runs; run++) {
    const started = performance.now();
    const { document, timings } = await ingestPdf({ bytes, name });
    const indexStarted = performance.now();
    const chunks = getChunks([document.id]);
    buildIndex(chunks, { pages: { [document.id]: getPages(document.id) } });
    const indexMs = performance.now() - indexStarted;
    const totalMs = performance.now() - started;
    last = { pages: document.pages, tokens: document.tokens, chunks: document.chunks };
    await removeDocument(document.id);
    // Run 0 warms up (encoder, worker, JIT) and is not counted.
    if (run > 0) samples.push({ extractMs: timings.extractMs, countMs: timings.countMs, chunkMs: timings.chunkMs, indexMs, storeMs: timings.storeMs, totalMs });
  }
  const pick = (key: keyof StepTimes) => median(samples.map((s) => s[key]));
  return { ...last, median: { extractMs: pick("extractMs"), countMs: pick("countMs"), chunkMs: pick("chunkMs"), indexMs: pick("indexMs"), storeMs: pick("storeMs"), totalMs: pick("totalMs") } };
}

/** pdf.js text extraction alone, in this thread: getDocument, then getTextContent page by page. */
async function benchPdfjsAlone(bytes: Uint8Array, runs: number): Promise<number> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const times: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const started = performance.now();
    const task = pdfjs.getDocument({ data: bytes.slice(), useSystemFonts: false, verbosity: 0, isEvalSupported: false });
    const doc = await task.promise;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      await page.getTextContent();
      page.cleanup();
    }
    await task.destroy();
    if (run > 0) times.push(performance.now() - started);
  }
  return median(times);
}

/** `pdftotext` (poppler) on the same file, or null when it is not installed. */
function benchPdftotext(file: string, runs: number): number | null {
  const probe = spawnSync("pdftotext", ["-v"], { encoding: "utf8" });
  if (probe.error) return null;
  const times: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const started = performance.now();
    const result = spawnSync("pdftotext", ["-enc", "UTF-8", file, os.devNull]);
    if (result.status !== 0) return null;
    if (run > 0) times.push(performance.now() - started);
  }
  return median(times);
}

function ms(value: number): string {
  return `${value.toFixed(0).padStart(6)} ms`;
}

function report(file: string, ingestion: IngestionBench, ingestionPeakMb: number, pdfjsMs: number, pdftotextMs: number | null): void {
  const { median: m } = ingestion;
  const lines = [
    `\n${path.basename(file)}: ${ingestion.pages} pages, ${ingestion.tokens.toLocaleString("en-US")} tokens, ${ingestion.chunks} chunks`,
    `  extract (worker)  ${ms(m.extractMs)}`,
    `  count tokens      ${ms(m.countMs)}   (overlapped: runs while the worker extracts the next page)`,
    `  chunk             ${ms(m.chunkMs)}`,
    `  index             ${ms(m.indexMs)}`,
    `  store             ${ms(m.storeMs)}`,
    `  total             ${ms(m.totalMs)}`,
    `  pdf.js alone      ${ms(pdfjsMs)}   ingestion / pdf.js = ${(m.totalMs / pdfjsMs).toFixed(2)}x (goal <= 1.30x)`,
    pdftotextMs === null
      ? "  pdftotext         not installed"
      : `  pdftotext         ${ms(pdftotextMs)}   ingestion / pdftotext = ${(m.totalMs / pdftotextMs).toFixed(1)}x`,
    `  peak RSS          ${ingestionPeakMb.toFixed(0).padStart(6)} MiB after ingestion runs, ${peakRssMb().toFixed(0)} MiB after pdf.js alone (process peak so far)`,
  ];
  console.log(lines.join("\n"));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let runs = 5;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--runs") runs = Math.max(1, Number(args[++i]) || 5);
    else files.push(args[i]);
  }
  if (files.length === 0) {
    console.error("Usage: npm run bench -- FILE.pdf [more.pdf] [--runs 5]");
    process.exitCode = 2;
    return;
  }
  countTokens("warm up the encoder");
  console.log(`Tokenwise ingestion bench: median of ${runs} warm runs per file (after one warm-up), ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}, Node ${process.version}`);
  try {
    for (const file of files) {
      const bytes = new Uint8Array(fs.readFileSync(file));
      const ingestion = await benchIngestion(bytes, path.basename(file), runs);
      const ingestionPeakMb = peakRssMb();
      const pdfjsMs = await benchPdfjsAlone(bytes, runs);
      const pdftotextMs = benchPdftotext(file, runs);
      report(file, ingestion, ingestionPeakMb, pdfjsMs, pdftotextMs);
    }
    // Question latency without the model (retrieval and prompt building) over 1,000+ pages of the evaluation filings.
    const dataset = path.join("..", "shared", "eval", "financebench-open", "questions.jsonl");
    if (fs.existsSync(dataset)) console.log(`\n${formatRetrievalBench(await runRetrievalBench({ datasetPath: dataset }))}`);
  } finally {
    await stopExtractionWorkers();
    closeAllDbs();
    fs.rmSync(benchDataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
