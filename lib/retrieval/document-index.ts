/**
 * The index of one document: its chunks (what the store holds and what is sent), each chunk cut into
 * small segments (what is ranked: a table row or a paragraph, so a few matching lines are not diluted by
 * a long page), and the heading of the page each chunk starts on (statement titles, section names).
 * Overlapping windows are mapped onto one coordinate line so no text is ever sent twice.
 */
import type { PageText } from "../chunking/types";
import { buildField, type FieldIndex } from "./bm25";
import { analyzeText } from "./terms";

/** A chunk as retrieval needs it (the store's chunks have this shape). */
export interface IndexableChunk {
  id: number;
  documentId: string;
  ord: number;
  pageStart: number;
  pageEnd: number;
  text: string;
  tokens: number;
}

/** A small piece of a chunk: [start, end) characters of the chunk's text. */
export interface Segment {
  chunk: number;
  start: number;
  end: number;
  /** Tokens, estimated from the chunk's exact count in proportion to characters. */
  tokens: number;
}

export interface DocumentIndex {
  documentId: string;
  /** Chunks in document order. */
  chunks: IndexableChunk[];
  /** Where each chunk starts on the document's coordinate line (overlapping windows overlap there). */
  positions: number[];
  /** Characters at the start of chunk i that repeat the end of chunk i-1 (0 when they do not overlap). */
  overlapChars: number[];
  /** Tokens of that repeated text (estimated in proportion to characters). */
  overlapTokens: number[];
  chunkField: FieldIndex;
  segments: Segment[];
  /** First segment of each chunk (segments of chunk i are firstSegment[i] .. firstSegment[i+1]-1). */
  firstSegment: number[];
  segmentField: FieldIndex;
  /** Heading terms per chunk: the first lines of the page it starts on. */
  headingField: FieldIndex;
}

/** Target segment size in tokens; 24 to 512, default 160 (several table rows or a paragraph). */
export const DEFAULT_SEGMENT_TOKENS = 160;

/** Lines of a page taken as its heading; 3. */
const HEADING_LINES = 3;

/** Characters at the start of next that repeat the end of prev (overlapping windows), or 0. */
export function overlapLength(prev: string, next: string): number {
  const probe = next.slice(0, Math.min(24, next.length));
  if (probe.length === 0) return 0;
  let from = prev.length - probe.length;
  while (from >= 0) {
    const at = prev.lastIndexOf(probe, from);
    if (at < 0) return 0;
    const tail = prev.slice(at);
    if (next.startsWith(tail)) return tail.length;
    from = at - 1;
  }
  return 0;
}

/** Longest line read as part of a heading, in characters; 100. Longer lines are prose. */
const HEADING_MAX_CHARS = 100;

/** Share of a document's pages a line must open to count as a running header (ignored in headings); 0.2. */
const RUNNING_HEADER_SHARE = 0.2;

function headingCandidates(text: string): string[] {
  const lines: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line.length === 0 || /^[\d\s.,()$%-]*$/.test(line) || /^page \d+/i.test(line)) continue;
    if (line.length > HEADING_MAX_CHARS) break;
    lines.push(line);
    if (lines.length >= HEADING_LINES * 3) break;
  }
  return lines;
}

/**
 * Running headers of a document: short lines that open at least a fifth of its pages (and at least
 * three), such as "Table of Contents" links or the company name. They say nothing about a page.
 */
export function runningHeaders(pageTexts: readonly string[]): Set<string> {
  const counts = new Map<string, number>();
  for (const text of pageTexts) {
    for (const line of new Set(headingCandidates(text).slice(0, HEADING_LINES + 2).map((l) => l.toLowerCase()))) {
      counts.set(line, (counts.get(line) ?? 0) + 1);
    }
  }
  const threshold = Math.max(3, pageTexts.length * RUNNING_HEADER_SHARE);
  return new Set([...counts].filter(([, n]) => n >= threshold).map(([line]) => line));
}

/** A line as a running header or footer is recognised: case folded, page number at either end dropped. */
function boilerplateKey(line: string): string {
  return line.trim().toLowerCase().replace(/^(page\s*)?\d+\s+/, "").replace(/\s+(page\s*)?\d+$/, "");
}

/**
 * Running headers and footers of a document: short lines found on at least a fifth of its pages (and at
 * least three), page numbers aside ("Acme 2022 Annual Report 54"). They match every page equally, and
 * on a nearly empty page they would be all there is to match.
 */
export function boilerplateLines(pageTexts: readonly string[]): Set<string> {
  const counts = new Map<string, number>();
  for (const text of pageTexts) {
    const seen = new Set<string>();
    for (const raw of text.split("\n")) {
      const key = boilerplateKey(raw);
      if (key.length < 4 || key.length > HEADING_MAX_CHARS || seen.has(key)) continue;
      seen.add(key);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const threshold = Math.max(3, pageTexts.length * RUNNING_HEADER_SHARE);
  return new Set([...counts].filter(([, n]) => n >= threshold).map(([key]) => key));
}

/** Index terms of text without its boilerplate lines. */
function contentTerms(text: string, boilerplate: ReadonlySet<string>): string[] {
  if (boilerplate.size === 0) return analyzeText(text);
  return analyzeText(
    text
      .split("\n")
      .filter((line) => !boilerplate.has(boilerplateKey(line)))
      .join("\n"),
  );
}

/**
 * The heading of a page: its first few short lines (titles, statement names, units), skipping bare
 * numbers (page numbers, years alone) and the document's running headers. A page that opens with prose
 * (a paragraph running over from the previous page) has no heading.
 */
export function pageHeading(text: string, skip: ReadonlySet<string> = new Set(), lines = HEADING_LINES): string {
  return headingCandidates(text)
    .filter((line) => !skip.has(line.toLowerCase()))
    .slice(0, lines)
    .join("\n");
}

/** Cuts text into segments of about targetChars, on line ends where possible, else between words. */
export function segmentText(text: string, targetChars: number): { start: number; end: number }[] {
  const segments: { start: number; end: number }[] = [];
  const max = Math.max(1, Math.floor(targetChars * 1.5));
  let start = 0;
  while (start < text.length) {
    if (text.length - start <= max) {
      segments.push({ start, end: text.length });
      break;
    }
    // The last line end within [target/2, max], else the last space, else a hard cut.
    const window = text.slice(start, start + max);
    let cut = window.lastIndexOf("\n");
    if (cut < targetChars / 2) {
      const nextLine = text.indexOf("\n", start + targetChars);
      cut = window.lastIndexOf(" ");
      if (nextLine >= 0 && nextLine - start <= max) cut = nextLine - start;
    }
    if (cut < targetChars / 4) cut = Math.min(max, text.length - start);
    segments.push({ start, end: start + cut + (text[start + cut] === "\n" || text[start + cut] === " " ? 1 : 0) });
    start = segments[segments.length - 1].end;
  }
  return segments.filter((s) => s.end > s.start);
}

/**
 * Builds the index of one document's chunks (any order in, document order kept). pages, when given,
 * supply each chunk's page heading; without them a chunk that starts a page takes its own first lines.
 * segmentTokens: target segment size (default 96).
 */
export function buildDocumentIndex(documentId: string, chunks: IndexableChunk[], { pages, segmentTokens = DEFAULT_SEGMENT_TOKENS }: { pages?: readonly PageText[]; segmentTokens?: number } = {}): DocumentIndex {
  const ordered = [...chunks].sort((a, b) => a.ord - b.ord);
  const headings = new Map<number, string>();
  // Page openings: from the pages when given, else from the chunks that start a page.
  const openings = pages
    ? pages.map((p) => p.text)
    : ordered.filter((c, i) => i === 0 || ordered[i - 1].pageEnd < c.pageStart).map((c) => c.text);
  const running = runningHeaders(openings);
  const boilerplate = boilerplateLines(pages ? pages.map((p) => p.text) : ordered.map((c) => c.text));
  if (pages) for (const page of pages) headings.set(page.pageNumber, pageHeading(page.text, running));
  const positions: number[] = [];
  const overlapChars: number[] = [];
  const overlapTokens: number[] = [];
  const chunkTerms: string[][] = [];
  const headingTerms: string[][] = [];
  const segments: Segment[] = [];
  const firstSegment: number[] = [];
  const segmentTerms: string[][] = [];
  let position = 0;
  ordered.forEach((chunk, i) => {
    const prev = ordered[i - 1];
    const overlap = prev && prev.ord === chunk.ord - 1 ? overlapLength(prev.text, chunk.text) : 0;
    // Non-overlapping neighbours are one character apart (they merge into one passage); chunks with
    // pages between them (pages without text) are two apart, so they stay separate passages.
    if (prev) position += prev.text.length + (overlap > 0 ? -overlap : chunk.pageStart > prev.pageEnd + 1 ? 2 : 1);
    positions.push(position);
    overlapChars.push(overlap);
    const charsPerToken = chunk.text.length / Math.max(1, chunk.tokens);
    overlapTokens.push(overlap > 0 ? Math.round(overlap / charsPerToken) : 0);
    // A chunk with nothing but running headers and footers (a page of an image, a blank page) has nothing to match.
    const empty = contentTerms(chunk.text, boilerplate).length === 0;
    chunkTerms.push(empty ? [] : analyzeText(chunk.text));
    const startsPage = !prev || prev.pageEnd < chunk.pageStart;
    const heading = headings.get(chunk.pageStart) ?? (startsPage ? pageHeading(chunk.text, running) : "");
    headingTerms.push(analyzeText(heading));
    firstSegment.push(segments.length);
    for (const piece of segmentText(chunk.text, segmentTokens * charsPerToken)) {
      segments.push({ chunk: i, start: piece.start, end: piece.end, tokens: Math.max(1, Math.round((piece.end - piece.start) / charsPerToken)) });
      segmentTerms.push(empty ? [] : analyzeText(chunk.text.slice(piece.start, piece.end)));
    }
  });
  firstSegment.push(segments.length);
  return {
    documentId,
    chunks: ordered,
    positions,
    overlapChars,
    overlapTokens,
    chunkField: buildField(chunkTerms),
    segments,
    firstSegment,
    segmentField: buildField(segmentTerms),
    headingField: buildField(headingTerms),
  };
}
