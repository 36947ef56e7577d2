/** What the library page shows: documents with their whole-document cost, and the settings in force. */
import { readEnv } from "../env";
import type { ChunkOptions } from "../chunking";
import { costOf, getModelPrice, type ModelPrice } from "../pricing";
import { getAppSettings } from "../settings";
import { listDocuments, type DocumentRecord } from "../storage";
import { toDocumentJson, type DocumentJson } from "./document-json";

export interface LibraryDocument extends DocumentJson {
  /** Input cost (nano-USD) of sending every token of the document once to the cost model; null when unpriced. */
  fullCostNanoUsd: number | null;
}

export interface LibraryView {
  documents: LibraryDocument[];
  /** The model costs are shown at (OPENAI_MODEL, also when the offline answerer is in use). */
  costModel: string;
  chunkOptions: ChunkOptions;
  maxUploadBytes: number;
  maxPages: number;
}

/** Nano-USD to send a document's tokens once as input at a model's price (pure); null without a price. */
export function fullDocumentCostNano(document: Pick<DocumentRecord, "tokens">, price: ModelPrice | undefined): number | null {
  if (!price) return null;
  return costOf({ promptTokens: document.tokens, cachedTokens: 0, completionTokens: 0 }, price);
}

/** The library with costs at the default model and the chunk settings new uploads get. */
export function describeLibrary(): LibraryView {
  const env = readEnv();
  const price = getModelPrice(env.openaiModel);
  const settings = getAppSettings();
  return {
    documents: listDocuments().map((doc) => ({ ...toDocumentJson(doc), fullCostNanoUsd: fullDocumentCostNano(doc, price) })),
    costModel: env.openaiModel,
    chunkOptions: { strategy: settings.chunkStrategy, windowTokens: settings.windowTokens, overlapTokens: settings.overlapTokens },
    maxUploadBytes: env.maxUploadBytes,
    maxPages: env.maxPages,
  };
}
