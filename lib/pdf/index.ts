/** PDF text extraction: page texts with 1-based physical page numbers, typed failures. */
export { extractPdf, stopExtractionWorkers, workerScriptPath, type ExtractOptions, type ExtractResult } from "./extract";
export { layoutPageText, type RawTextItem } from "./layout";
export { looksLikePdf } from "./validate";
