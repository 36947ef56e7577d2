/**
 * Turns pdf.js text items into readable page text (pure). Items arrive in content-stream order, which
 * is the reading order for nearly all generators; they are grouped into lines by baseline, ordered by x
 * within a line, and joined with a space wherever the gap between two items shows one, so numbers in
 * adjacent table cells never fuse ("16,525 15,134", not "16,52515,134"). A vertical gap clearly larger
 * than a line's height starts a new paragraph (a blank line).
 */

/** One pdf.js text item: [str, x, y, width, fontSize, hasEOL (1/0)], in page space (points). */
export type RawTextItem = [string, number, number, number, number, number];

interface Piece {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
  /** A whitespace item or an explicit end of line preceded this piece in the stream. */
  spaceBefore: boolean;
}

interface Line {
  y: number;
  size: number;
  pieces: Piece[];
}

/** Gap (in em of the font size) above which two items on a line are separate words; 0.15 em. */
const WORD_GAP_EM = 0.15;
/** Gap between two digits (in em) that still means two numbers; 0.05 em. */
const DIGIT_GAP_EM = 0.05;
/** Baseline difference (in em) within which items share a line; 0.5 em. */
const SAME_LINE_EM = 0.5;
/** Line-to-line distance (in em) above which a blank line marks a new paragraph; 1.8 em. */
const PARAGRAPH_GAP_EM = 1.8;

// C0/C1 controls (but tab and newline), and bidirectional overrides that could disguise text.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffe\uffff]/g;

function clean(str: string): string {
  return str.replace(CONTROL, "").replace(/[\s\u00a0]+/g, " ");
}

function isDigitLike(ch: string | undefined): boolean {
  return ch !== undefined && /[0-9%)$]/.test(ch);
}

function startsNumber(ch: string | undefined): boolean {
  return ch !== undefined && /[0-9($\-–—]/.test(ch);
}

function joinLine(pieces: Piece[]): string {
  const sorted = pieces.length > 1 ? [...pieces].sort((a, b) => a.x - b.x) : pieces;
  let text = "";
  let prev: Piece | undefined;
  for (const piece of sorted) {
    if (prev) {
      const gap = piece.x - (prev.x + prev.width);
      const em = Math.max(prev.size, piece.size, 1);
      const last = text[text.length - 1];
      const first = piece.str[0];
      const digits = isDigitLike(last) && startsNumber(first);
      const needsSpace =
        last !== " " &&
        first !== " " &&
        (gap > WORD_GAP_EM * em || (digits && gap > DIGIT_GAP_EM * em) || (piece.spaceBefore && gap > -0.05 * em));
      if (needsSpace) text += " ";
    }
    text += piece.str;
    prev = piece;
  }
  return text.replace(/ {2,}/g, " ").trim();
}

/** Page text from pdf.js items: lines joined by "\n", paragraphs by "\n\n", no leading or trailing blanks. */
export function layoutPageText(items: readonly RawTextItem[]): string {
  const lines: Line[] = [];
  let current: Line | undefined;
  let spaceBefore = false;
  for (const [rawStr, x, y, width, fontSize, hasEOL] of items) {
    const str = clean(rawStr);
    if (str.trim() === "") {
      // Whitespace items carry no reliable width (pdf.js reports huge ones); they only separate words.
      spaceBefore = true;
      if (hasEOL) current = undefined;
      continue;
    }
    const size = fontSize > 0 ? fontSize : 10;
    if (!current || Math.abs(y - current.y) > SAME_LINE_EM * Math.max(size, current.size)) {
      current = { y, size, pieces: [] };
      lines.push(current);
      spaceBefore = false;
    }
    current.pieces.push({ str, x, y, width: Number.isFinite(width) && width > 0 ? width : 0, size, spaceBefore });
    current.size = Math.max(current.size, size);
    spaceBefore = false;
    if (hasEOL) current = undefined;
  }

  let text = "";
  let prev: Line | undefined;
  for (const line of lines) {
    const lineText = joinLine(line.pieces);
    if (lineText === "") continue;
    if (prev) {
      const drop = prev.y - line.y;
      const em = Math.max(prev.size, line.size);
      // A jump upwards (new column or block) or a large gap starts a paragraph; a baseline within the
      // same line tolerance (an item that ended a line early) continues on a new line.
      const paragraph = drop < -SAME_LINE_EM * em || drop > PARAGRAPH_GAP_EM * em;
      text += paragraph ? "\n\n" : "\n";
    }
    text += lineText;
    prev = line;
  }
  return text.trim();
}
