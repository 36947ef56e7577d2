import type { DocumentRecord } from "../storage";

/** A document as the API and the pages show it. */
export interface DocumentJson {
  id: string;
  name: string;
  pages: number;
  tokens: number;
  chunks: number;
  strategy: DocumentRecord["strategy"];
  windowTokens: number | null;
  overlapTokens: number | null;
  encoding: DocumentRecord["encoding"];
  bytes: number;
  sha256: string;
  /** ISO 8601, UTC. */
  createdAt: string;
  /** Where the original PDF is served (append #page=N to open a page). */
  pdfUrl: string;
}

/** The JSON shape of a stored document (pure). */
export function toDocumentJson(document: DocumentRecord): DocumentJson {
  return {
    id: document.id,
    name: document.name,
    pages: document.pages,
    tokens: document.tokens,
    chunks: document.chunks,
    strategy: document.strategy,
    windowTokens: document.windowTokens,
    overlapTokens: document.overlapTokens,
    encoding: document.encoding,
    bytes: document.bytes,
    sha256: document.sha256,
    createdAt: new Date(document.createdAt).toISOString(),
    pdfUrl: `/api/documents/${encodeURIComponent(document.id)}/pdf`,
  };
}
