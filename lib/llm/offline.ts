/**
 * The offline answerer: no LLM, no cost. It picks the sentences of the retrieved passages that best match
 * the question (term overlap weighted by rarity among the sentences) and cites their pages.
 */
import { stemmer } from "stemmer";
import { countChatTokens, countTokens } from "../tokens";
import type { Answerer, LlmPassage, LlmRequest, LlmResult } from "./types";

const STOPWORDS = new Set(
  "a an and are as at be been but by can could did do does for from had has have how i if in into is it its me my no not of on or our so than that the their them then there these they this those to was we were what when where which who whom why will with would you your about after all also any before between both during each few more most other over same some such under until up very".split(" "),
);

/** Most sentences in an offline answer; default 3. */
export const OFFLINE_MAX_SENTENCES = 3;

export interface ScoredSentence {
  text: string;
  score: number;
  passageIndex: number;
  citation: string;
}

/** Lower-case stemmed content words of text. */
export function contentTerms(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu) ?? [];
  return words.filter((w) => !STOPWORDS.has(w) && (w.length > 1 || /\d/.test(w))).map((w) => stemmer(w.replace(/['’]s$/, "")));
}

/** Sentences of a passage: split after . ! ? and at line breaks between lines that look like separate items. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}"“(])|\n{2,}|\n(?=\s*(?:[-•*]|\d+[.)])\s)/u)
    .map((s) => s.replace(/\s+/g, " ").trim())
    .filter((s) => s.length >= 3);
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
  const queryTerms = [...new Set(contentTerms(question))];
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
