// Text extraction with pdf.js, run in a worker thread so a hostile file can be stopped (deadline) and
// capped (heap limit) without taking the server down. Plain JavaScript: it must load as is, under the
// built app as well as under tsx and vitest.
//
// Protocol (parent -> worker): { type: "extract", jobId, data: ArrayBuffer, maxPages }
// Worker -> parent, in order: { type: "meta", jobId, numPages }, one { type: "page", jobId, pageNumber,
// items, failed } per page, then { type: "done", jobId } or { type: "error", jobId, code, message }.
// An item is [str, x, y, width, fontSize, hasEOL ? 1 : 0] in page space.
import { parentPort } from "node:worker_threads";

/** Text items on one page beyond which the page is taken as hostile; 200,000 (real pages have < 20,000). */
const MAX_ITEMS_PER_PAGE = 200_000;

let pdfjsPromise;
function loadPdfjs() {
  pdfjsPromise ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  return pdfjsPromise;
}

// Loaded at start so the first job does not pay for it.
loadPdfjs().catch(() => {});

function classify(err) {
  const name = err && typeof err === "object" ? err.name : undefined;
  if (name === "PasswordException") return "encrypted";
  return "invalid_pdf";
}

async function extract({ jobId, data, maxPages }) {
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(data),
    useSystemFonts: false,
    verbosity: 0,
    isEvalSupported: false,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => {});
    parentPort.postMessage({ type: "error", jobId, code: classify(err), message: String(err?.message ?? err) });
    return;
  }
  try {
    const numPages = doc.numPages;
    parentPort.postMessage({ type: "meta", jobId, numPages });
    if (numPages > maxPages) {
      parentPort.postMessage({ type: "error", jobId, code: "too_many_pages", message: `${numPages} pages`, numPages });
      return;
    }
    for (let pageNumber = 1; pageNumber <= numPages; pageNumber++) {
      const items = [];
      let failed = false;
      try {
        const page = await doc.getPage(pageNumber);
        const content = await page.getTextContent({ includeMarkedContent: false });
        if (content.items.length > MAX_ITEMS_PER_PAGE) {
          parentPort.postMessage({ type: "error", jobId, code: "extraction_failed", message: `page ${pageNumber} has ${content.items.length} text items` });
          return;
        }
        for (const item of content.items) {
          if (typeof item.str !== "string") continue;
          const t = item.transform;
          items.push([item.str, t[4], t[5], item.width, Math.hypot(t[2], t[3]) || item.height || 0, item.hasEOL ? 1 : 0]);
        }
        page.cleanup();
      } catch {
        // One broken page should not sink the document: it is kept empty and reported.
        failed = true;
      }
      parentPort.postMessage({ type: "page", jobId, pageNumber, items, failed });
    }
    parentPort.postMessage({ type: "done", jobId });
  } finally {
    await task.destroy().catch(() => {});
  }
}

parentPort.on("message", (message) => {
  if (message?.type !== "extract") return;
  extract(message).catch((err) => {
    parentPort.postMessage({ type: "error", jobId: message.jobId, code: classify(err), message: String(err?.message ?? err) });
  });
});
