import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tw-ingest-"));
process.env.DATA_DIR = dataDir;

import { createLimiter, ingestLimiter, ingestPdf, removeDocument, removeOrphanPdfs, sanitizeFileName } from "@/lib/ingest";
import { closeAllDbs, getChunks, getDb, getPages, listDocuments } from "@/lib/storage";
import { stopExtractionWorkers } from "@/lib/pdf";
import { isAppError } from "@/lib/errors";
import * as fixtures from "../../support/pdf-fixtures";

afterAll(async () => {
  await stopExtractionWorkers();
  closeAllDbs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const pdfFiles = () => (fs.existsSync(path.join(dataDir, "pdfs")) ? fs.readdirSync(path.join(dataDir, "pdfs")).sort() : []);

describe("sanitizeFileName", () => {
  it.each([
    ["report.pdf", "report.pdf"],
    ["C:\\Users\\me\\Desktop\\report.pdf", "report.pdf"],
    ["../../etc/passwd", "passwd"],
    ["a\u0000b\u0007c\r\n.pdf", "abc.pdf"],
    ["\u202egpj.pdf", "gpj.pdf"],
    ["   ", "document.pdf"],
    ["..", "document.pdf"],
    ["/", "document.pdf"],
    [".hidden.pdf", "hidden.pdf"],
    [null, "document.pdf"],
  ])("%j -> %j", (raw, expected) => {
    expect(sanitizeFileName(raw)).toBe(expected);
  });

  it("shortens very long names to 200 characters, keeping the extension and whole characters", () => {
    const name = sanitizeFileName(`${"😀".repeat(300)}.pdf`);
    expect(Array.from(name)).toHaveLength(200);
    expect(name.endsWith("….pdf")).toBe(true);
    expect(name).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe("createLimiter", () => {
  it("runs at most max tasks at once, in arrival order, and survives failures", async () => {
    const limiter = createLimiter(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (i: number) => async () => {
      running++;
      peak = Math.max(peak, running);
      order.push(i);
      await new Promise((r) => setTimeout(r, 10));
      running--;
      if (i === 2) throw new Error("task 2 fails");
      return i;
    };
    const results = await Promise.allSettled([0, 1, 2, 3, 4, 5].map((i) => limiter.run(task(i))));
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled", "fulfilled"]);
    expect(limiter.active).toBe(0);
    expect(limiter.waiting).toBe(0);
    expect(() => createLimiter(0)).toThrow(RangeError);
  });
});

describe("ingestPdf", () => {
  it("stores pages, chunks and the original, and reports each step's time", async () => {
    const bytes = await fixtures.buildMultiPagePdf();
    const { document, duplicate, timings } = await ingestPdf({ bytes, name: "multi.pdf", options: { strategy: "window", windowTokens: 64, overlapTokens: 8 } });
    expect(duplicate).toBe(false);
    expect(document).toMatchObject({ name: "multi.pdf", pages: 3, strategy: "window", windowTokens: 64, overlapTokens: 8, bytes: bytes.length });
    const pages = getPages(document.id);
    expect(pages.map((p) => p.pageNumber)).toEqual([1, 2, 3]);
    expect(document.tokens).toBe(pages.reduce((s, p) => s + p.tokens, 0));
    const chunks = getChunks([document.id]);
    expect(chunks).toHaveLength(document.chunks);
    expect(chunks.every((c) => c.tokens <= 64)).toBe(true);
    expect(new Uint8Array(fs.readFileSync(path.join(dataDir, "pdfs", `${document.id}.pdf`)))).toEqual(bytes);
    for (const key of ["validateMs", "extractMs", "countMs", "chunkMs", "storeMs", "totalMs"] as const) expect(timings[key]).toBeGreaterThanOrEqual(0);
    expect(timings.totalMs).toBeGreaterThanOrEqual(timings.extractMs);
  });

  it("leaves no rows and no file when storing fails half-way", async () => {
    const before = { docs: listDocuments().length, files: pdfFiles() };
    getDb().exec(`CREATE TRIGGER fail_chunks BEFORE INSERT ON chunks BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
    try {
      await expect(ingestPdf({ bytes: await fixtures.buildPagesPdf(3), name: "fails.pdf" })).rejects.toThrow(/disk trouble/);
    } finally {
      getDb().exec(`DROP TRIGGER fail_chunks`);
    }
    expect(listDocuments().length).toBe(before.docs);
    expect(pdfFiles()).toEqual(before.files);
  });

  it("counts tokens in the encoding asked for", async () => {
    const bytes = await fixtures.buildTextPdf([["Société Générale a réalisé un résultat net élevé en français."]]);
    const o200k = await ingestPdf({ bytes, name: "o200k.pdf", encoding: "o200k_base" });
    await removeDocument(o200k.document.id);
    const cl100k = await ingestPdf({ bytes, name: "cl100k.pdf", encoding: "cl100k_base" });
    expect(cl100k.document.encoding).toBe("cl100k_base");
    expect(cl100k.document.tokens).not.toBe(o200k.document.tokens);
    await removeDocument(cl100k.document.id);
  });

  it("runs at most two ingestions at once and stores each of several simultaneous uploads once", async () => {
    const files = await Promise.all([5, 6, 7, 8].map((n) => fixtures.buildPagesPdf(n)));
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, ingestLimiter().active)), 1);
    const results = await Promise.all([...files, files[0]].map((bytes, i) => ingestPdf({ bytes, name: `doc-${i}.pdf` })));
    clearInterval(timer);
    expect(peak).toBeLessThanOrEqual(2);
    expect(peak).toBeGreaterThanOrEqual(1);
    expect(results.filter((r) => r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.document.id)).size).toBe(4);
  });

  it("rejects bad chunk settings with invalid_request before doing any work", async () => {
    const before = listDocuments().length;
    const err = await ingestPdf({ bytes: await fixtures.buildPagesPdf(2), name: "x.pdf", options: { windowTokens: 64, overlapTokens: 64 } }).catch((e) => e);
    expect(isAppError(err) && err.code).toBe("invalid_request");
    expect(listDocuments().length).toBe(before);
  });

  it("removes PDFs left without a document by a crash", async () => {
    fs.mkdirSync(path.join(dataDir, "pdfs"), { recursive: true });
    fs.writeFileSync(path.join(dataDir, "pdfs", "11111111-1111-1111-1111-111111111111.pdf"), "%PDF-1.7");
    fs.writeFileSync(path.join(dataDir, "pdfs", ".22222222-2222-2222-2222-222222222222.pdf.tmp"), "%PDF-1.7");
    const kept = listDocuments().map((d) => `${d.id}.pdf`).sort();
    expect(removeOrphanPdfs(dataDir)).toBe(2);
    expect(pdfFiles()).toEqual(kept);
  });

  it("deletes a document's rows and file, and refuses an unknown id", async () => {
    const { document } = await ingestPdf({ bytes: await fixtures.buildPagesPdf(9), name: "gone.pdf" });
    await removeDocument(document.id);
    expect(getPages(document.id)).toEqual([]);
    expect(pdfFiles()).not.toContain(`${document.id}.pdf`);
    await expect(removeDocument(document.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
