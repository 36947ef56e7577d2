/**
 * Splits context text into the units compression keeps or drops: page marks, table rows and sentences.
 * Pure. Text extracted from PDFs breaks prose mid-sentence at line ends and sometimes puts a table row's
 * figures on lines of their own; both are joined back so a unit reads as a whole.
 */

export type UnitKind = "mark" | "row" | "sentence" | "blank";

export interface TextUnit {
  kind: UnitKind;
  text: string;
  /** The unit starts a new line in the original (rows, marks, a paragraph's first sentence). */
  newLine: boolean;
  /** Index of the paragraph (or row block) it belongs to, for keeping neighbours together. */
  block: number;
}

/**
 * A line that marks a page: "[p. 12]", "[Page 3]", "--- page 4 ---", "<page 5>", "=== Page 6 of 9 ===",
 * "[Report.pdf, pages 3-4]" or a form feed.
 */
export const PAGE_MARK = /^\s*(?:\f|\[[^\]\n]{0,200}\b(?:p|pp|page|pages)\.?\s*\d+(?:\s*[-–]\s*\d+)?[^\]\n]{0,40}\]|[-=#*<]{1,}\s*(?:page|p\.)\s*\d+[^\n]{0,40}|<\/?page[^>\n]{0,60}>|page\s+\d+(?:\s+of\s+\d+)?)\s*$/i;

/** Only figures, currency, signs and parentheses: the values of a row whose label sits on the line above. */
const FIGURES_ONLY = /^[\s$€£%()\-–—.,\d]*\d[\s$€£%()\-–—.,\d]*$|^[\s$€£%()\-–—]+$/;

/** A run of leader dots or ellipses between a label and its value ("Revenue ........ 1,234", "Item 7 … … 45"). */
const DOT_LEADER = /\s*(?:\.\s?){4,}\s*|\s*(?:…\s?){2,}\s*/g;

/**
 * A table row: cells separated by a pipe, tab or dot leaders, or a label followed by at least two
 * figures with at most two words among them ("Trade receivables 672,006 591,800"). Prose that happens to
 * hold two numbers ("kept at 17 degrees at night, vents open above 28 degrees") has words between them.
 */
function isRowLine(line: string): boolean {
  if (/\||\t|\.{4,}|…{2,}/.test(line)) return true;
  const figure = /(?:^|[\s$(])\(?-?\$?\d[\d,]*(?:\.\d+)?%?\)?(?=[\s,;]|$)/g;
  const figures = [...line.matchAll(figure)];
  if (figures.length < 2) return false;
  const afterFirst = line.slice((figures[0].index ?? 0) + figures[0][0].length);
  return (afterFirst.match(/[A-Za-z]{2,}/g)?.length ?? 0) <= 2;
}

// Sentence ends: . ! ? (optionally closed by a quote or parenthesis) then space and a capital, digit or
// opening mark. Common abbreviations are not ends.
const ABBREVIATION = /\b(?:inc|corp|co|ltd|no|nos|mr|mrs|ms|dr|vs|etc|e\.g|i\.e|u\.s|fig|approx|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|st|p|pp)\.$/i;

/** Sentences of a paragraph (whitespace already single). */
export function splitSentences(paragraph: string): string[] {
  const out: string[] = [];
  let start = 0;
  const re = /[.!?]["')\]]?\s+(?=["'(\[]?[A-Z0-9$])/g;
  for (const match of paragraph.matchAll(re)) {
    const end = (match.index ?? 0) + match[0].trimEnd().length;
    const candidate = paragraph.slice(start, end);
    if (ABBREVIATION.test(candidate.trimEnd()) || /\b[A-Z]\.$/.test(candidate.trimEnd())) continue;
    out.push(candidate.trim());
    start = (match.index ?? 0) + match[0].length;
  }
  const rest = paragraph.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

/** Units of text in order; joining them back (see joinUnits) gives the text with whitespace normalised. */
export function segmentText(text: string): TextUnit[] {
  const units: TextUnit[] = [];
  let block = 0;
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length === 0) return;
    const sentences = splitSentences(paragraph.join(" ").replace(/\s+/g, " ").trim());
    sentences.forEach((s, i) => units.push({ kind: "sentence", text: s, newLine: i === 0, block }));
    paragraph = [];
    block++;
  };
  const lines = text.replace(/\r\n?/g, "\n").replace(/\f/g, "\n\f\n").split("\n");
  for (const raw of lines) {
    const line = raw === "\f" ? raw : raw.replace(/[ \t]+$/g, "");
    if (line.trim() === "") {
      flush();
      if (line === "") units.push({ kind: "blank", text: "", newLine: true, block: block++ });
      continue;
    }
    if (PAGE_MARK.test(line)) {
      flush();
      units.push({ kind: "mark", text: line.trim(), newLine: true, block: block++ });
      continue;
    }
    if (FIGURES_ONLY.test(line)) {
      // Values of the row above: take the label back from the paragraph being built, or extend the last row.
      const label = paragraph.pop();
      if (label !== undefined) {
        flush();
        units.push({ kind: "row", text: `${label.trim()} ${line.trim()}`, newLine: true, block });
        continue;
      }
      const last = units[units.length - 1];
      if (last && last.kind === "row") {
        last.text = `${last.text} ${line.trim()}`;
        continue;
      }
      units.push({ kind: "row", text: line.trim(), newLine: true, block });
      continue;
    }
    if (isRowLine(line)) {
      flush();
      // Dot leaders carry nothing but cost tokens: "Revenue ........ 1,234" is kept as "Revenue 1,234".
      const row = line.replace(DOT_LEADER, " ").replace(/\s+/g, " ").trim();
      if (row !== "") units.push({ kind: "row", text: row, newLine: true, block });
      continue;
    }
    paragraph.push(line.trim());
  }
  flush();
  // Collapse runs of blank units to one.
  return units.filter((u, i) => !(u.kind === "blank" && (i === 0 || units[i - 1].kind === "blank")));
}

/** Joins units back into text: a unit that starts a line gets a newline; a sentence continuing a paragraph a space. */
export function joinUnits(units: readonly TextUnit[]): string {
  let text = "";
  let previous: TextUnit | undefined;
  for (const unit of units) {
    // A page mark or a table row stands alone on its line, even when what followed it was dropped.
    const ownLine = unit.newLine || unit.kind !== "sentence" || previous === undefined || previous.kind !== "sentence";
    if (text === "") text = unit.text;
    else text += (ownLine ? "\n" : " ") + unit.text;
    previous = unit;
  }
  return text.replace(/\n{3,}/g, "\n\n").trim();
}
