/**
 * Small real PDFs for tests, built with pdf-lib (and qpdf for encryption), so every case is
 * reproducible from source and nothing binary needs committing.
 */
import { PDFDocument, StandardFonts, rgb } from "pdf-lib";
import { execFileSync } from "node:child_process";
import { deflateSync } from "node:zlib";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const PAGE = { width: 612, height: 792 };

/** A PDF whose pages carry the given lines of text (one entry per page; "" for a page without text). */
export async function buildTextPdf(pages: string[][], { title = "Fixture" }: { title?: string } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([PAGE.width, PAGE.height]);
    let y = PAGE.height - 72;
    for (const line of lines) {
      if (line === "") {
        y -= 14; // a blank line: the next text starts a new paragraph
        continue;
      }
      page.drawText(line, { x: 72, y, size: 11, font });
      y -= 14;
    }
  }
  return doc.save({ useObjectStreams: false });
}

/** The standard multi-page fixture: three pages of prose, the middle one with two paragraphs. */
export function buildMultiPagePdf(): Promise<Uint8Array> {
  return buildTextPdf([
    ["Annual report of the Example Company.", "Revenue grew in every region this year."],
    ["Page two talks about operating costs.", "", "A second paragraph on page two mentions the warehouse in Lisbon."],
    ["The last page lists the auditors: Smith & Jones LLP."],
  ]);
}

/**
 * A balance-sheet table: labels left, two number columns whose cells nearly touch (the gap between
 * "16,525" and "15,134" is under a quarter of a space), as in real filings.
 */
export async function buildTablePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([PAGE.width, PAGE.height]);
  const size = 10;
  const rows: [string, string, string][] = [
    ["(Dollars in millions)", "2019", "2018"],
    ["Total current assets", "16,525", "15,134"],
    ["Goodwill", "154", "154"],
    ["TOTAL ASSETS", "$ 23,717", "$ 22,536"],
  ];
  let y = 700;
  for (const [label, first, second] of rows) {
    page.drawText(label, { x: 72, y, size, font });
    // Right-align the first number at x = 400; start the second 1.5 pt after it.
    const firstWidth = font.widthOfTextAtSize(first, size);
    page.drawText(first, { x: 400 - firstWidth, y, size, font });
    page.drawText(second, { x: 401.5, y, size, font });
    y -= 15;
  }
  return doc.save({ useObjectStreams: false });
}

/** A "scan": pages with drawings but no text layer. */
export async function buildNoTextPdf(pageCount = 2): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pageCount; i++) {
    const page = doc.addPage([PAGE.width, PAGE.height]);
    page.drawRectangle({ x: 50, y: 50, width: 500, height: 690, color: rgb(0.9, 0.9, 0.85) });
  }
  return doc.save({ useObjectStreams: false });
}

/** A PDF with n short pages ("Page k of n."). */
export function buildPagesPdf(n: number): Promise<Uint8Array> {
  return buildTextPdf(Array.from({ length: n }, (_, i) => [`Page ${i + 1} of ${n}.`]));
}

/** A password-protected copy (user password "secret"), made with qpdf. */
export function encryptPdf(bytes: Uint8Array): Uint8Array {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tw-encrypt-"));
  try {
    const plain = path.join(dir, "plain.pdf");
    const locked = path.join(dir, "locked.pdf");
    fs.writeFileSync(plain, bytes);
    execFileSync("qpdf", ["--encrypt", "secret", "owner-secret", "256", "--", plain, locked]);
    return new Uint8Array(fs.readFileSync(locked));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A PDF cut short: header and the first few hundred bytes only. */
export function truncatePdf(bytes: Uint8Array, keepBytes = 400): Uint8Array {
  return bytes.slice(0, keepBytes);
}

/** A file that claims to be a PDF by its header only: "%PDF-1.7" then junk. */
export function corruptPdf(): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.7\n${"garbage that is not a PDF object ".repeat(20)}\n%%EOF\n`);
}

/** A PNG image's bytes (what a renamed picture looks like). */
export function pngBytes(): Uint8Array {
  return Uint8Array.from(
    Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
      "base64",
    ),
  );
}

/**
 * A hostile PDF: one page whose content stream is a tiny compressed file that inflates to millions of
 * text-showing operators, so extraction runs far past a short deadline (a decompression bomb), or with
 * `spread` fills the extractor's heap.
 */
export function buildBombPdf({ operators = 3_000_000, spread = false }: { operators?: number; spread?: boolean } = {}): Uint8Array {
  // spread: every operator on a line of its own, so pdf.js keeps a separate text item for each.
  const content = Buffer.from(`BT /F1 1 Tf ${(spread ? "(ab) Tj 3 0 Td " : "(ab) Tj 0.1 0 Td ").repeat(operators)}ET`);
  const stream = deflateSync(content, { level: 9 });
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    null, // the stream, written below
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  const parts: Buffer[] = [Buffer.from("%PDF-1.7\n")];
  const offsets: number[] = [];
  let length = parts[0].length;
  objects.forEach((body, index) => {
    offsets.push(length);
    const chunk =
      body === null
        ? Buffer.concat([Buffer.from(`${index + 1} 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`), stream, Buffer.from("\nendstream\nendobj\n")])
        : Buffer.from(`${index + 1} 0 obj\n${body}\nendobj\n`);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`)].join("");
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}
