/** Asking a question: the plan (shared by dry runs, previews, eval and bench) and the answer. */
export * from "./types";
export { planQuestion, validateQuestion, resolveModel, resolveDocuments, type PlanOptions } from "./plan";
export { answerQuestion, dryRunResponse, answerCost, type AnswerOptions } from "./answer";
export { getStoredAnswer, type StoredAnswer } from "./records";
export { buildPrompt, fenceBoundary, openMarker, closeMarker, systemInstructions, documentBlock, passageHeader, stripBoundary } from "./prompt";
export { dedupePassages, orderStrongestAtEdges, overlapChars, splitByPage } from "./passages";
export { answerAsEventStream, sseEvent } from "./stream";
export { describeModels, type ModelChoices } from "./models";
export { passageRanges } from "./highlight";
