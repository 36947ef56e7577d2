/** Chunking: pure strategies that cut a document's pages into chunks with page spans and token counts. */
export * from "./types";
export { chunkPages, validateChunkOptions, PAGE_SEPARATOR, MIN_WINDOW_TOKENS, type ChunkPagesInput } from "./chunk";
export { encodePage, tokenOffsets, type EncodedPage } from "./encode";
