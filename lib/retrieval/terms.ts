/**
 * Text analysis for retrieval: the same function turns page text and questions into index terms, so a
 * word in a question meets the same word in a document however either is spelled.
 *
 * - case folded; camel case and letter/digit boundaries split (`FreeCashFlow` -> free cash flow,
 *   `FY2019` -> fy 2019), hyphenated words split (`year-over-year` -> year over year);
 * - numbers kept whole with thousands separators removed (`16,525` -> `16525`, `3.5` stays `3.5`);
 * - English stopwords dropped; words stemmed (Porter, `stemmer` package) so `flows` meets `flow`.
 */
import { stemmer } from "stemmer";

/** Common English function words: they carry no topic and match every page. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all am an and any are aren't as at be because been before being below between both but by " +
    "can cannot could did do does doing don't down during each few for from further had has have having he her here hers herself " +
    "him himself his how i if in into is isn't it it's its itself just let me more most my myself no nor not of off on once only " +
    "or other ought our ours ourselves out over own same she should so some such than that that's the their theirs them themselves " +
    "then there there's these they this those through to too under until up very was wasn't we were what when where which while " +
    "who whom why will with won't would you your yours yourself yourselves also per via etc s t"
  ).split(" "),
);

/**
 * Words of instructions rather than topic, dropped from questions only: people pad questions with
 * how to answer ("Round your answer to two decimal places", "explain why", "using only the details
 * shown"), and those words would otherwise pull in whichever page happens to contain them.
 */
export const INSTRUCTION_WORDS: ReadonlySet<string> = new Set(
  (
    "answer answers answering question questions respond response responses reply round rounded rounding decimal decimals " +
    "place places explain explaining why please provide give giving show shown using use utilize utilizing utilising rely relying " +
    "based basis calculate calculating calculation compute computing determine find follow following resource resources " +
    "only detail details clearly stated state states assume assuming approximately approximate context briefly brief " +
    "describe summarize summarise mention mentioned unit units format formatted number figure response's two one three " +
    "drawing draw conclusion conclusions information info considering consider regarding asked ask " +
    "need needed within approach standpoint access agreement outline outlined solution primarily mainly help " +
    "possible abilities ability judgment judgments judgement basing base line items item"
  ).split(" "),
);

/** Abbreviations read as the word they stand for, in text and questions alike ("FY2019" -> fiscal 2019). */
export const ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ["fy", "fiscal"],
  ["yoy", "year"],
]);

const stemCache = new Map<string, string>();

function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = stemmer(word);
    if (stemCache.size < 200_000) stemCache.set(word, stemmed);
  }
  return stemmed;
}

// Words (letters, digits with separators) in raw text; case is split before folding.
const RAW_TOKEN = /[A-Za-z]+|\d[\d,]*(?:\.\d+)?/g;
// Camel-case boundaries inside a run of letters: "FreeCash" -> "Free Cash", "EBITDAMargin" -> "EBITDA Margin".
const CAMEL = /([a-z])([A-Z])|([A-Z]+)([A-Z][a-z])/g;

/** Raw words of text: case-folded, camel case split, numbers without thousands separators; no stemming. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(RAW_TOKEN)) {
    const token = match[0];
    const first = token.charCodeAt(0);
    if (first >= 48 && first <= 57) {
      // "1,234" -> "1234"; a trailing separator ("2019," at a sentence end) is dropped too.
      words.push(token.replace(/,/g, "").replace(/\.$/, ""));
      continue;
    }
    if (token.length > 1 && /[a-z][A-Z]|[A-Z]{2}[a-z]/.test(token)) {
      for (const part of token.replace(CAMEL, "$1$3 $2$4").split(" ")) words.push(part.toLowerCase());
    } else {
      words.push(token.toLowerCase());
    }
  }
  return words;
}

/** Index terms of a word, or undefined for a stopword. */
function termOf(word: string, drop: ReadonlySet<string> | undefined): string | undefined {
  if (STOPWORDS.has(word) || (drop && drop.has(word))) return undefined;
  const first = word.charCodeAt(0);
  if (first >= 48 && first <= 57) return word;
  if (word.length === 1) return undefined;
  return stem(ABBREVIATIONS.get(word) ?? word);
}

/** Index terms of document text, in order (stopwords dropped, stemmed). */
export function analyzeText(text: string): string[] {
  const terms: string[] = [];
  for (const word of splitWords(text)) {
    const term = termOf(word, undefined);
    if (term !== undefined) terms.push(term);
  }
  return terms;
}

/**
 * Index terms of a question, in order: as analyzeText, and instruction words dropped too, unless
 * nothing else is left ("What are the line items?"): then the instruction words are the topic.
 */
export function analyzeQuestion(question: string): string[] {
  const terms: string[] = [];
  for (const word of splitWords(question)) {
    const term = termOf(word, INSTRUCTION_WORDS);
    if (term !== undefined) terms.push(term);
  }
  return terms.length > 0 ? terms : analyzeText(question);
}
