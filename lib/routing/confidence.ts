/**
 * Low-confidence signs in an answer, for the cascade: the answer says the context lacks the answer,
 * cites no page, or none of its figures appear in the context (nor in the question). Pure.
 */

export type LowConfidenceReason = "says_not_in_context" | "no_citation" | "numbers_not_in_context" | "empty_answer";

export interface ConfidenceCheck {
  low: boolean;
  reasons: LowConfidenceReason[];
}

const NOT_IN_CONTEXT = [
  /\b(not|no(?:where)?|never)\b[^.]{0,40}\b(in|from|within|by)\b[^.]{0,20}\b(the )?(context|document|documents|passages?|excerpts?|text|sources?|provided (information|material|data))\b/,
  /\b(context|document|documents|passages?|excerpts?|text|provided information)\b[^.]{0,40}\b(does not|doesn't|do not|don't|did not|fails? to)\b[^.]{0,20}\b(contain|include|mention|provide|state|specify|say|give|show|disclose)\b/,
  /\b(cannot|can't|can not|could not|couldn't|unable to|not able to)\b[^.]{0,20}\b(find|determine|answer|locate|identify|calculate|compute|tell)\b/,
  /\b(no|insufficient|not enough|lack of) (information|data|details|evidence|mention)\b/,
  /\bi (do not|don't) know\b/,
  /\bnone of the\b[^.]{0,30}\b(passages?|documents?|context|excerpts?|sources?)\b/,
  /\bno (relevant )?passages?\b/,
  /\bnot (available|provided|specified|stated|mentioned|disclosed|given)\b/,
];

/** Page citations as answers write them: [p. 12], (page 3), p. 4-5, pages 7 and 9, [Doc, p. 2]. */
const CITATION = /\b(p|pp|pg|page|pages)\.?\s*\d+/i;

/** Figures in text as terms (commas inside numbers removed, trailing zeros of decimals dropped). */
export function extractNumbers(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/\d[\d,]*(?:\.\d+)?/g)) {
    let n = match[0].replace(/,(?=\d{3}\b)/g, "").replace(/,+$/, "").replace(/,/g, "");
    if (n.includes(".")) n = n.replace(/0+$/, "").replace(/\.$/, "");
    out.push(n);
  }
  return out;
}

/**
 * Checks an answer for low confidence. Figures count as found when they appear in the context or the
 * question; small numbers (one digit), years and page numbers the answer cites are ignored, and only
 * an answer with figures none of which are found is flagged (a computed result may legitimately be new).
 */
export function detectLowConfidence({ answer, context, question = "", citesPages }: { answer: string; context: string; question?: string; citesPages?: boolean }): ConfidenceCheck {
  const reasons: LowConfidenceReason[] = [];
  const text = answer.trim().toLowerCase();
  if (text === "") return { low: true, reasons: ["empty_answer"] };
  if (NOT_IN_CONTEXT.some((re) => re.test(text))) reasons.push("says_not_in_context");
  const cites = citesPages ?? CITATION.test(answer);
  if (!cites) reasons.push("no_citation");

  const withoutCitations = answer.replace(/\b(p|pp|pg|page|pages)\.?\s*\d+(\s*(-|–|and|,)\s*\d+)*/gi, " ");
  const figures = extractNumbers(withoutCitations).filter((n) => n.replace(".", "").length >= 2 && !/^(19|20)\d{2}$/.test(n));
  if (figures.length > 0) {
    const known = new Set([...extractNumbers(context), ...extractNumbers(question)]);
    if (!figures.some((n) => known.has(n))) reasons.push("numbers_not_in_context");
  }
  return { low: reasons.length > 0, reasons };
}

/** A short phrase for each reason, for the route's "why". */
export function describeLowConfidence(reasons: LowConfidenceReason[]): string {
  const words: Record<LowConfidenceReason, string> = {
    says_not_in_context: "the answer says the context lacks it",
    no_citation: "the answer cites no page",
    numbers_not_in_context: "its figures are not in the context",
    empty_answer: "the answer is empty",
  };
  return reasons.map((r) => words[r]).join(", ");
}
