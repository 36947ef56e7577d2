/**
 * Ingestion: validate, de-duplicate, extract (in a worker), count tokens, chunk, store. All or nothing:
 * the rows go in one transaction and the original PDF is written to a temporary file and renamed into
 * place; on any failure both are removed, so the store is as it was.
 */
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { readEnv } from "../env";
import { AppError } from "../errors";
import { chunkPages, encodePage, validateChunkOptions, DEFAULT_CHUNK_OPTIONS, type ChunkOptions, type EncodedPage } from "../chunking";
import { extractPdf, looksLikePdf } from "../pdf";
import { DEFAULT_ENCODING, type Encoding } from "../tokens";
import { getAppSettings } from "../settings";
import { deleteDocument, findDocumentBySha256, getDb, getDocument, insertDocument, pdfDir, listDocuments, type DocumentRecord } from "../storage";
import { createLimiter, type Limiter } from "./limiter";
import { sanitizeFileName } from "./file-name";

/** Ingestions running at once in this process; 2 (the machine's cores: one extracting, one counting). */
export const MAX_CONCURRENT_INGESTIONS = 2;

export interface IngestLimits {
  maxUploadBytes: number;
  maxPages: number;
  extractTimeoutMs: number;
  extractMemoryMb: number;
}

export interface IngestInput {
  bytes: Uint8Array;
  /** The uploaded file's name (sanitized before use). */
  name: string;
  /** Chunking options; missing ones come from the settings in force. */
  options?: Partial<ChunkOptions>;
  /** Token encoding; default o200k_base. */
  encoding?: Encoding;
  /** Limits; default from the environment. */
  limits?: Partial<IngestLimits>;
  /** Store location; default DATA_DIR. */
  dataDir?: string;
}

/** Milliseconds per step. countMs runs while extraction is still going (overlapped), the rest in turn. */
export interface IngestTimings {
  validateMs: number;
  extractMs: number;
  countMs: number;
  chunkMs: number;
  storeMs: number;
  totalMs: number;
}

export interface IngestResult {
  document: DocumentRecord;
  duplicate: boolean;
  timings: IngestTimings;
}

const limiterKey = Symbol.for("tokenwise.ingestLimiter");
const cleanedKey = Symbol.for("tokenwise.cleanedDataDirs");
type Globals = { [limiterKey]?: Limiter; [cleanedKey]?: Set<string> };

/** The process-wide ingestion limiter (shared by every route bundle). */
export function ingestLimiter(): Limiter {
  const globals = globalThis as Globals;
  return (globals[limiterKey] ??= createLimiter(MAX_CONCURRENT_INGESTIONS));
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Checks size and type before any parsing (throws empty_file, file_too_large, not_pdf). */
export function validateUpload(bytes: Uint8Array, maxUploadBytes: number): void {
  if (bytes.length === 0) throw new AppError("empty_file", "The file is empty (0 bytes). Choose the PDF again; it may not have finished downloading.");
  if (bytes.length > maxUploadBytes) {
    throw new AppError("file_too_large", `The file is ${mib(bytes.length)}; the limit is ${mib(maxUploadBytes)} (MAX_UPLOAD_MB).`, { maxBytes: maxUploadBytes });
  }
  if (!looksLikePdf(bytes)) throw new AppError("not_pdf", "This file is not a PDF. Upload a PDF document (.pdf).");
}

/** Path of a document's stored original, or undefined for an id that cannot be one of ours. */
export function storedPdfPath(id: string, dataDir: string = readEnv().dataDir): string | undefined {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return undefined;
  return path.join(pdfDir(dataDir), `${id}.pdf`);
}

/** Removes PDFs without a document and temporary files a crash may have left (once per data folder). */
export function removeOrphanPdfs(dataDir: string = readEnv().dataDir): number {
  const dir = pdfDir(dataDir);
  if (!fs.existsSync(dir)) return 0;
  const known = new Set(listDocuments(getDb(dataDir)).map((doc) => `${doc.id}.pdf`));
  let removed = 0;
  for (const entry of fs.readdirSync(dir)) {
    if (known.has(entry)) continue;
    fs.rmSync(path.join(dir, entry), { force: true });
    removed++;
  }
  return removed;
}

function cleanOnce(dataDir: string): void {
  const globals = globalThis as Globals;
  const cleaned = (globals[cleanedKey] ??= new Set());
  if (cleaned.has(dataDir)) return;
  cleaned.add(dataDir);
  removeOrphanPdfs(dataDir);
}

function resolveOptions(options: Partial<ChunkOptions> | undefined): ChunkOptions {
  let defaults: ChunkOptions = DEFAULT_CHUNK_OPTIONS;
  if (!options || options.strategy === undefined || options.windowTokens === undefined || options.overlapTokens === undefined) {
    const settings = getAppSettings();
    defaults = { strategy: settings.chunkStrategy, windowTokens: settings.windowTokens, overlapTokens: settings.overlapTokens };
  }
  const given = Object.fromEntries(Object.entries(options ?? {}).filter(([, value]) => value !== undefined));
  const resolved: ChunkOptions = { ...defaults, ...given };
  try {
    validateChunkOptions(resolved);
  } catch (err) {
    throw new AppError("invalid_request", `Chunk settings are not valid: ${(err as Error).message}.`);
  }
  return resolved;
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE";
}

/**
 * Ingests one PDF. Returns the stored document, or the existing one with duplicate: true when the same
 * bytes were uploaded before. Throws AppError: empty_file, file_too_large, not_pdf, invalid_pdf,
 * encrypted, no_text, too_many_pages, extraction_failed, invalid_request (chunk options).
 */
export async function ingestPdf(input: IngestInput): Promise<IngestResult> {
  const started = performance.now();
  const env = readEnv();
  const limits: IngestLimits = {
    maxUploadBytes: env.maxUploadBytes,
    maxPages: env.maxPages,
    extractTimeoutMs: env.extractTimeoutMs,
    extractMemoryMb: env.extractMemoryMb,
    ...input.limits,
  };
  const dataDir = input.dataDir ?? env.dataDir;
  const encoding = input.encoding ?? DEFAULT_ENCODING;
  const db = getDb(dataDir);

  validateUpload(input.bytes, limits.maxUploadBytes);
  const options = resolveOptions(input.options);
  const name = sanitizeFileName(input.name);
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  const timings: IngestTimings = { validateMs: performance.now() - started, extractMs: 0, countMs: 0, chunkMs: 0, storeMs: 0, totalMs: 0 };
  const duplicateOf = (document: DocumentRecord): IngestResult => ({ document, duplicate: true, timings: { ...timings, totalMs: performance.now() - started } });

  const existing = findDocumentBySha256(sha256, db);
  if (existing) return duplicateOf(existing);

  return ingestLimiter().run(async () => {
    // The same file may have been stored while this one waited.
    const stored = findDocumentBySha256(sha256, db);
    if (stored) return duplicateOf(stored);
    cleanOnce(dataDir);

    // Tokens are counted page by page as the worker delivers them, on this thread, while it extracts the next.
    const encoded: EncodedPage[] = [];
    const extractStarted = performance.now();
    const extraction = await extractPdf({
      bytes: input.bytes,
      timeoutMs: limits.extractTimeoutMs,
      memoryMb: limits.extractMemoryMb,
      maxPages: limits.maxPages,
      onPage: (page) => {
        const t = performance.now();
        encoded.push(encodePage(page, encoding));
        timings.countMs += performance.now() - t;
      },
    });
    timings.extractMs = performance.now() - extractStarted;

    let t = performance.now();
    const chunks = chunkPages({ pages: extraction.pages, encoded, encoding, ...options });
    timings.chunkMs = performance.now() - t;

    t = performance.now();
    const id = randomUUID();
    const document: DocumentRecord = {
      id,
      name,
      sha256,
      bytes: input.bytes.length,
      pages: extraction.pages.length,
      tokens: encoded.reduce((sum, page) => sum + page.tokens, 0),
      chunks: chunks.length,
      strategy: options.strategy,
      windowTokens: options.windowTokens,
      overlapTokens: options.strategy === "window" ? options.overlapTokens : 0,
      encoding,
      createdAt: Date.now(),
    };
    const finalPath = storedPdfPath(id, dataDir)!;
    const tempPath = path.join(pdfDir(dataDir), `.${id}.pdf.tmp`);
    await fs.promises.mkdir(pdfDir(dataDir), { recursive: true });
    try {
      await fs.promises.writeFile(tempPath, input.bytes, { flag: "wx" });
      await fs.promises.rename(tempPath, finalPath);
      insertDocument({ document, pages: encoded.map(({ pageNumber, text, tokens }) => ({ pageNumber, text, tokens })), chunks }, db);
    } catch (err) {
      await fs.promises.rm(tempPath, { force: true });
      await fs.promises.rm(finalPath, { force: true });
      if (isUniqueViolation(err)) {
        const winner = findDocumentBySha256(sha256, db);
        if (winner) return duplicateOf(winner);
      }
      throw err;
    }
    timings.storeMs = performance.now() - t;
    timings.totalMs = performance.now() - started;
    return { document, duplicate: false, timings };
  });
}

/** Deletes a document with its pages, chunks and stored PDF (throws not_found). Queries keep its name. */
export async function removeDocument(id: string, dataDir: string = readEnv().dataDir): Promise<void> {
  const file = storedPdfPath(id, dataDir);
  if (!file || !deleteDocument(id, getDb(dataDir))) throw new AppError("not_found", "No document with this id. It may have been deleted already.");
  await fs.promises.rm(file, { force: true });
}

/** A stored document's original PDF: its path and name (throws not_found). */
export function getStoredPdf(id: string, dataDir: string = readEnv().dataDir): { path: string; name: string; bytes: number } {
  const file = storedPdfPath(id, dataDir);
  const document = file ? getDocument(id, getDb(dataDir)) : undefined;
  if (!file || !document || !fs.existsSync(file)) throw new AppError("not_found", "No stored PDF for this document.");
  return { path: file, name: document.name, bytes: fs.statSync(file).size };
}
