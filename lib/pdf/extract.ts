/**
 * PDF text extraction, page by page, in a worker thread with a deadline and a heap cap. A worker that
 * runs past its deadline or out of memory is terminated (its loop stops with it) and the extraction
 * fails with `extraction_failed`; the server's own thread keeps answering meanwhile. Idle workers are
 * kept warm for a short while so back-to-back uploads do not pay pdf.js's start-up again.
 */
import * as workerThreads from "node:worker_threads";
import fs from "node:fs";
import path from "node:path";
import { AppError } from "../errors";
import type { PageText } from "../chunking/types";
import { layoutPageText, type RawTextItem } from "./layout";
import { looksLikePdf } from "./validate";

export interface ExtractOptions {
  bytes: Uint8Array;
  /** Deadline for the whole extraction in ms (EXTRACT_TIMEOUT_S). */
  timeoutMs: number;
  /** Worker heap cap in MiB (EXTRACT_MEMORY_MB). */
  memoryMb: number;
  /** Most pages accepted (MAX_PAGES). */
  maxPages: number;
  /** Called with each page as soon as it is extracted, in page order (lets callers work meanwhile). */
  onPage?: (page: PageText) => void;
}

export interface ExtractResult {
  /** Every physical page, 1-based, in order; a page without text has text "". */
  pages: PageText[];
  /** Pages pdf.js could not read (kept empty). */
  failedPages: number[];
  durationMs: number;
}

/** Seconds an idle worker is kept for the next extraction; 20 s. */
const IDLE_WORKER_MS = 20_000;

/** Where the worker script lives: beside this module in the source tree (the app runs from its root). */
export function workerScriptPath(): string {
  // Joined at run time, out of the bundler's sight: the script is loaded by Node as is, never bundled.
  const candidate = [process.cwd(), "lib", "pdf", "extract-worker.mjs"].join(path.sep);
  if (fs.existsSync(/*turbopackIgnore: true*/ candidate)) return candidate;
  throw new Error(`PDF extraction worker not found at ${candidate}: run the app from its project folder.`);
}

type Worker = workerThreads.Worker;
// Looked up at run time so the bundler does not take the script for a worker entry to bundle: Node
// loads it as is.
const WorkerThread: typeof workerThreads.Worker = Reflect.get(workerThreads, "Worker");

interface PooledWorker {
  worker: Worker;
  memoryMb: number;
  idleTimer?: NodeJS.Timeout;
}

const idle: PooledWorker[] = [];
let nextJobId = 1;

function spawnWorker(memoryMb: number): PooledWorker {
  const worker = new WorkerThread(workerScriptPath(), {
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 64 },
    stdout: true,
    stderr: true,
  });
  // pdf.js warnings are noise for a person uploading a file; drain them.
  worker.stdout.resume();
  worker.stderr.resume();
  worker.unref();
  return { worker, memoryMb };
}

function takeWorker(memoryMb: number): PooledWorker {
  const index = idle.findIndex((w) => w.memoryMb === memoryMb);
  if (index >= 0) {
    const [pooled] = idle.splice(index, 1);
    clearTimeout(pooled.idleTimer);
    return pooled;
  }
  return spawnWorker(memoryMb);
}

function releaseWorker(pooled: PooledWorker): void {
  pooled.idleTimer = setTimeout(() => {
    const index = idle.indexOf(pooled);
    if (index >= 0) idle.splice(index, 1);
    void pooled.worker.terminate();
  }, IDLE_WORKER_MS);
  pooled.idleTimer.unref();
  idle.push(pooled);
}

/** Stops every idle worker (tests and scripts that want a clean exit or a cold start). */
export async function stopExtractionWorkers(): Promise<void> {
  const all = idle.splice(0, idle.length);
  await Promise.all(all.map((p) => { clearTimeout(p.idleTimer); return p.worker.terminate(); }));
}

const MESSAGES = {
  invalid_pdf: "This PDF is damaged or truncated and cannot be read. Try re-saving or re-exporting it.",
  encrypted: "This PDF is password-protected. Remove the password (e.g. print to a new PDF) and upload it again.",
  no_text: "This PDF has no text layer (it looks like a scan). Run OCR on it first, then upload the result.",
  extraction_failed: "Reading this PDF took too long or too much memory, so it was stopped. The file may be malformed or far too complex.",
} as const;

/**
 * Extracts the text of every page (1-based physical page numbers). Throws AppError: `not_pdf`,
 * `invalid_pdf`, `encrypted`, `too_many_pages`, `no_text` (no page has any text), `extraction_failed`
 * (deadline or heap cap reached).
 */
export function extractPdf({ bytes, timeoutMs, memoryMb, maxPages, onPage }: ExtractOptions): Promise<ExtractResult> {
  if (!looksLikePdf(bytes)) {
    return Promise.reject(new AppError("not_pdf", "This file is not a PDF. Upload a PDF document (.pdf)."));
  }
  const started = performance.now();
  const jobId = nextJobId++;
  const pooled = takeWorker(memoryMb);
  const { worker } = pooled;
  const pages: PageText[] = [];
  const failedPages: number[] = [];

  return new Promise<ExtractResult>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: { error?: unknown; keepWorker: boolean }) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      if (outcome.keepWorker) releaseWorker(pooled);
      else void worker.terminate();
      if (outcome.error !== undefined) {
        reject(outcome.error);
        return;
      }
      if (!pages.some((page) => page.text.length > 0)) {
        reject(
          failedPages.length === pages.length && pages.length > 0
            ? new AppError("invalid_pdf", MESSAGES.invalid_pdf)
            : new AppError("no_text", MESSAGES.no_text),
        );
        return;
      }
      resolve({ pages, failedPages, durationMs: performance.now() - started });
    };

    const deadline = setTimeout(() => {
      finish({ error: new AppError("extraction_failed", MESSAGES.extraction_failed, { reason: "deadline", timeoutMs }), keepWorker: false });
    }, timeoutMs);

    const onMessage = (message: { type: string; jobId: number; [key: string]: unknown }) => {
      if (message.jobId !== jobId) return;
      try {
        if (message.type === "page") {
          const page: PageText = { pageNumber: message.pageNumber as number, text: layoutPageText(message.items as RawTextItem[]) };
          if (message.failed) failedPages.push(page.pageNumber);
          pages.push(page);
          onPage?.(page);
        } else if (message.type === "done") {
          finish({ keepWorker: true });
        } else if (message.type === "error") {
          const code = message.code as "invalid_pdf" | "encrypted" | "too_many_pages" | "extraction_failed";
          const error =
            code === "too_many_pages"
              ? new AppError("too_many_pages", `This PDF has ${message.numPages} pages; the limit is ${maxPages}. Split it into smaller files.`, { pages: message.numPages, maxPages })
              : new AppError(code, MESSAGES[code]);
          finish({ error, keepWorker: true });
        }
      } catch (err) {
        finish({ error: err, keepWorker: false });
      }
    };
    const onError = (err: Error & { code?: string }) => {
      const reason = err.code === "ERR_WORKER_OUT_OF_MEMORY" ? "memory" : "crash";
      finish({ error: new AppError("extraction_failed", MESSAGES.extraction_failed, { reason, memoryMb }), keepWorker: false });
    };
    const onExit = () => {
      finish({ error: new AppError("extraction_failed", MESSAGES.extraction_failed, { reason: "exit" }), keepWorker: false });
    };

    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    // A copy is transferred so the caller keeps its bytes (to store the original).
    const copy = bytes.slice();
    worker.postMessage({ type: "extract", jobId, data: copy.buffer, maxPages }, [copy.buffer]);
  });
}
