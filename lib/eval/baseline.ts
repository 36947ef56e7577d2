/**
 * The reference every run is measured against: plain keyword search as most pipelines do it (MiniSearch
 * with its defaults over fixed windows, the best hits in rank order while they fit the budget). It is
 * the product's first retrieval, kept here so the gap stays visible in every evaluation.
 */
import MiniSearch from "minisearch";
import type { IndexableChunk } from "../retrieval";

export interface KeywordBaseline {
  search(question: string, contextTokens: number): IndexableChunk[];
}

/** A plain MiniSearch index over one document's chunks. */
export function buildKeywordBaseline(chunks: IndexableChunk[]): KeywordBaseline {
  const index = new MiniSearch<IndexableChunk>({ fields: ["text"], storeFields: [] });
  index.addAll(chunks);
  const byId = new Map(chunks.map((c) => [c.id, c]));
  return {
    search(question, contextTokens) {
      const picked: IndexableChunk[] = [];
      let used = 0;
      for (const hit of index.search(question)) {
        const chunk = byId.get(hit.id as number) as IndexableChunk;
        if (used + chunk.tokens > contextTokens) continue;
        picked.push(chunk);
        used += chunk.tokens;
      }
      return picked;
    },
  };
}
