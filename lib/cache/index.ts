/** The answer cache: keys here; lookups in lib/storage/answer-cache. */
export * from "./key";
