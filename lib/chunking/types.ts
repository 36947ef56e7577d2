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

/** Provisional default: 512-token windows with 64 overlap. */
export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = { strategy: "window", windowTokens: 512, overlapTokens: 64 };
