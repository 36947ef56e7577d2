/** Extractive context compression: keep what bears on the question, drop the rest, keep page marks. */
export * from "./compress";
export { segmentText, joinUnits, splitSentences, PAGE_MARK, type TextUnit, type UnitKind } from "./segment";
