/**
 * Extracted pages of evaluation PDFs, cached on disk per file content (sha256) and extractor version,
 * so a rerun skips pdf.js entirely and a change to the extractor invalidates the cache by itself.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { PageText } from "../chunking/types";
import { extractPdf } from "../pdf";

export interface CachedDocument {
  /** The PDF file name (the dataset's `doc`). */
  name: string;
  sha256: string;
  pages: PageText[];
  /** True when the pages came from the cache. */
  cached: boolean;
}

/** A fingerprint of the extractor's source files: changes whenever extraction code changes. */
export function extractorFingerprint(root = process.cwd()): string {
  const dir = path.join(root, "lib", "pdf");
  const hash = createHash("sha256");
  for (const file of fs.readdirSync(dir).sort()) {
    if (!/\.(ts|mjs|js)$/.test(file)) continue;
    hash.update(file).update(fs.readFileSync(path.join(dir, file)));
  }
  return hash.digest("hex").slice(0, 12);
}

/**
 * The pages of a PDF through the product's extractor, from the cache when present.
 * timeoutMs: extraction deadline (default 600 s); memoryMb: worker heap (default 2048).
 */
export async function loadDocumentPages({
  pdfPath,
  cacheDir,
  fingerprint,
  timeoutMs = 600_000,
  memoryMb = 2048,
  maxPages = 100_000,
}: {
  pdfPath: string;
  cacheDir: string;
  fingerprint: string;
  timeoutMs?: number;
  memoryMb?: number;
  maxPages?: number;
}): Promise<CachedDocument> {
  const bytes = new Uint8Array(fs.readFileSync(pdfPath));
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const name = path.basename(pdfPath);
  const file = path.join(cacheDir, `${sha256}-${fingerprint}.json`);
  if (fs.existsSync(file)) {
    const pages = JSON.parse(fs.readFileSync(file, "utf8")) as PageText[];
    return { name, sha256, pages, cached: true };
  }
  const { pages } = await extractPdf({ bytes, timeoutMs, memoryMb, maxPages });
  fs.mkdirSync(cacheDir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(pages));
  fs.renameSync(tmp, file);
  return { name, sha256, pages, cached: false };
}
