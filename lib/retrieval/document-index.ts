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

/** Target segment size in tokens; 24 to 512, default 96 (a few table rows or a short paragraph). */
export const DEFAULT_SEGMENT_TOKENS = 96;

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

/**
 * The heading of a page: its first few non-empty lines that are not bare numbers (page numbers,
 * years alone), each cut to 120 characters.
 */
export function pageHeading(text: string, lines = HEADING_LINES): string {
  const picked: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line.length === 0 || /^[\d\s.,()$%-]*$/.test(line) || /^page \d+/i.test(line)) continue;
    picked.push(line.slice(0, 120));
    if (picked.length >= lines) break;
  }
  return picked.join("\n");
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
  if (pages) for (const page of pages) headings.set(page.pageNumber, pageHeading(page.text));
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
    // Non-overlapping neighbours are one character apart, so their ranges never touch.
    if (prev) position += prev.text.length + (overlap > 0 ? -overlap : 1);
    positions.push(position);
    overlapChars.push(overlap);
    const charsPerToken = chunk.text.length / Math.max(1, chunk.tokens);
    overlapTokens.push(overlap > 0 ? Math.round(overlap / charsPerToken) : 0);
    chunkTerms.push(analyzeText(chunk.text));
    const startsPage = !prev || prev.pageEnd < chunk.pageStart;
    const heading = headings.get(chunk.pageStart) ?? (startsPage ? pageHeading(chunk.text) : "");
    headingTerms.push(analyzeText(heading));
    firstSegment.push(segments.length);
    for (const piece of segmentText(chunk.text, segmentTokens * charsPerToken)) {
      segments.push({ chunk: i, start: piece.start, end: piece.end, tokens: Math.max(1, Math.round((piece.end - piece.start) / charsPerToken)) });
      segmentTerms.push(analyzeText(chunk.text.slice(piece.start, piece.end)));
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
