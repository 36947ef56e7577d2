/** Retrieval counts tokens with the process-wide counter (exact, memoized per tokenizer piece). */
export { countTokens as countTokensFast } from "../tokens";
