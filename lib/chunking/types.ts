/** A page of extracted text; pageNumber is 1-based and physical (as pdf.js getPage counts). */
export interface PageText {
  pageNumber: number;
  text: string;
}

export type ChunkStrategy = "window" | "page" | "paragraph";

/** A piece of a document sent to a model as context. */
export interface Chunk {
  /** Position in the document, 0-based. */
  ord: number;
  pageStart: number;
  pageEnd: number;
  text: string;
  tokens: number;
}

export interface ChunkOptions {
  strategy: ChunkStrategy;
  /** Window size in tokens (window strategy; also the cap for page and paragraph chunks). */
  windowTokens: number;
  /** Tokens shared by consecutive windows (window strategy). */
  overlapTokens: number;
}

/**
 * Default: one chunk per page, pages over 1,024 tokens split without overlap. Chosen on the evaluation
 * frontier (docs/RETRIEVAL.md): retrieval ranks small segments inside chunks and sends whole pages where
 * they fit, which beat 256- and 512-token windows on evidence recall at the same 2,000-token context.
 */
export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = { strategy: "page", windowTokens: 1024, overlapTokens: 0 };
