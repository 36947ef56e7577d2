/**
 * The offline answerer: no LLM, no cost. It picks the sentences of the retrieved passages that best match
 * the question (term overlap weighted by rarity among the sentences) and cites their pages.
 */
import { analyzeQuestion, analyzeText } from "../retrieval/terms";
import { countChatTokens, countTokens } from "../tokens";
import type { Answerer, LlmPassage, LlmRequest, LlmResult } from "./types";

/** Most sentences or table rows in an offline answer; default 3. */
export const OFFLINE_MAX_SENTENCES = 3;

export interface ScoredSentence {
  text: string;
  score: number;
  passageIndex: number;
  citation: string;
}

/** Stemmed content words of text, analysed as retrieval analyses documents. */
export function contentTerms(text: string): string[] {
  return analyzeText(text);
}

const NUMBER = /\d[\d,]*(?:\.\d+)?/g;
const YEAR = /^(?:19|20)\d\d$/;

/** A line of a table: a label followed by figures, or figures alone; not prose that ends a sentence. */
function isRowLine(line: string): boolean {
  const figures = line.match(NUMBER) ?? [];
  if (figures.length === 0 || line.length > 240 || !/\d[\d,.)%]*\s*$/.test(line)) return false;
  // A wrapped line of prose can end in a number too; rows start like labels and are short or figure-dense.
  const words = line.split(" ").length;
  return /^[\p{Lu}\p{N}$(—–-]/u.test(line) && (figures.length >= 2 || words <= 10);
}

/** A table's column header: mostly years ("2023 2022", "FISCAL 2023 FISCAL 2022 % CHANGE"). */
function isColumnHeader(line: string): boolean {
  const figures = line.match(NUMBER) ?? [];
  return figures.length >= 2 && figures.filter((f) => YEAR.test(f)).length >= Math.max(2, figures.length - 1) && line.length <= 160;
}

/**
 * Answerable units of a passage: sentences of prose, and table rows on their own, each row prefixed with
 * the table's column header when one precedes it ("Total current assets 25,202 28,213 (columns: 2023 2022)").
 */
export function splitSentences(text: string): string[] {
  const units: string[] = [];
  let prose: string[] = [];
  let header: string | undefined;
  const flush = () => {
    if (prose.length === 0) return;
    for (const sentence of prose.join(" ").split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}"“(])/u)) units.push(sentence);
    prose = [];
  };
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\s+/g, " ").trim();
    if (line === "") {
      flush();
      continue;
    }
    if (isColumnHeader(line)) {
      flush();
      header = line.replace(/^[^\d]*?(?=(?:19|20)\d\d)/, "").trim();
      continue;
    }
    if (isRowLine(line) && !/[.!?]$/.test(line)) {
      flush();
      units.push(header ? `${line} (columns: ${header})` : line);
      continue;
    }
    if (/^\s*(?:[-•*]|\d+[.)])\s/.test(line)) flush();
    prose.push(line);
  }
  flush();
  return units.map((u) => u.trim()).filter((u) => u.length >= 3);
}

/** Page citation like [p. 12] or [pp. 12-13]. */
export function pageCitation(passage: Pick<LlmPassage, "pageStart" | "pageEnd">): string {
  return passage.pageStart === passage.pageEnd ? `[p. ${passage.pageStart}]` : `[pp. ${passage.pageStart}-${passage.pageEnd}]`;
}

/**
 * The sentences that best answer the question, best first (pure). Score: sum of the rarity (log inverse
 * sentence frequency) of the question terms a sentence contains, divided by a mild length penalty.
 */
export function rankSentences({ question, passages }: { question: string; passages: LlmPassage[] }): ScoredSentence[] {
  const queryTerms = [...new Set(analyzeQuestion(question))];
  if (queryTerms.length === 0) return [];
  const sentences = passages.flatMap((passage, passageIndex) =>
    splitSentences(passage.text).map((text) => ({ text, passageIndex, terms: new Set(contentTerms(text)), citation: pageCitation(passage) })),
  );
  const total = sentences.length;
  const df = new Map<string, number>();
  for (const term of queryTerms) df.set(term, sentences.filter((s) => s.terms.has(term)).length);
  const scored: ScoredSentence[] = [];
  for (const sentence of sentences) {
    let score = 0;
    for (const term of queryTerms) {
      if (sentence.terms.has(term)) score += Math.log(1 + total / (df.get(term) ?? 1));
    }
    if (score <= 0) continue;
    const lengthPenalty = Math.max(1, Math.sqrt(sentence.terms.size / 12));
    scored.push({ text: sentence.text, score: score / lengthPenalty, passageIndex: sentence.passageIndex, citation: sentence.citation });
  }
  scored.sort((a, b) => b.score - a.score || a.passageIndex - b.passageIndex);
  const seen = new Set<string>();
  return scored.filter((s) => (seen.has(s.text) ? false : (seen.add(s.text), true)));
}

/** The offline answer text for a question over passages (pure). */
export function composeOfflineAnswer({ question, passages, maxSentences = OFFLINE_MAX_SENTENCES }: { question: string; passages: LlmPassage[]; maxSentences?: number }): string {
  const best = rankSentences({ question, passages }).slice(0, maxSentences);
  if (best.length === 0) {
    return passages.length === 0
      ? "No passages were found for this question, so there is nothing to answer from."
      : "None of the retrieved passages seem to answer this question. Try other words, or full-document mode.";
  }
  const lines = best.map((s) => `- ${s.text.length > 600 ? `${s.text.slice(0, 600)}…` : s.text} ${s.citation}`);
  return `The passages that best match your question:\n\n${lines.join("\n")}`;
}

/** The offline answerer: streams its answer word by word, at zero cost. */
export function createOfflineAnswerer(): Answerer {
  return {
    async answer(request: LlmRequest): Promise<LlmResult> {
      const full = composeOfflineAnswer({ question: request.question, passages: request.passages });
      const pieces = full.match(/\S+\s*|\s+/g) ?? [];
      let text = "";
      for (let i = 0; i < pieces.length; i++) {
        if (request.signal?.aborted) break;
        text += pieces[i];
        request.onToken?.(pieces[i]);
        // Yield now and then so a stop can land and the stream flows.
        if (i % 8 === 7) await new Promise((resolve) => setTimeout(resolve, 0));
      }
      const aborted = request.signal?.aborted === true && text.length < full.length;
      return {
        text,
        usage: { promptTokens: countChatTokens(request.messages), cachedTokens: 0, completionTokens: countTokens(text) },
        finishReason: aborted ? null : "stop",
        aborted,
        attempts: 1,
      };
    },
  };
}
