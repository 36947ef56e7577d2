/** Ingestion of PDFs into the library, and removal from it. */
export * from "./ingest";
export * from "./document-json";
export { sanitizeFileName, MAX_NAME_CHARS } from "./file-name";
export { createLimiter, type Limiter } from "./limiter";
export { describeLibrary, fullDocumentCostNano, type LibraryView, type LibraryDocument } from "./library";
