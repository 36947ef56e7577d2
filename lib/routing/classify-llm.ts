/**
 * The optional model classifier of mode "auto": a cheap model labels the question simple, moderate or
 * complex from the question alone (no document text, so the call costs a few dozen tokens). Pure.
 */
import type { ChatMessage } from "../tokens";
import { TIERS, type Tier } from "./classify";

const INSTRUCTIONS = [
  "You label questions about documents by how much work answering them takes. Reply with one word.",
  "simple: one fact, figure or name looked up.",
  "moderate: a comparison, a change over time, or a few facts put together.",
  "complex: a calculation across several figures or statements, an explanation, or a judgment.",
].join("\n");

/** The classifier's prompt: instructions, then the question as data. */
export function classifierMessages(question: string): ChatMessage[] {
  return [
    { role: "system", content: INSTRUCTIONS },
    { role: "user", content: `Question: ${question}\n\nLabel (simple, moderate or complex):` },
  ];
}

const isTier = (word: string | undefined): word is Tier => word !== undefined && (TIERS as readonly string[]).includes(word);

/**
 * The tier a classifier reply names: its first word when that is a tier ("Complex."), else the one
 * tier the reply names; null when it names none or several ("not simple but complex"): the rules decide.
 */
export function parseTierLabel(reply: string): Tier | null {
  const words = reply.toLowerCase().match(/[a-z]+/g) ?? [];
  const first = words[0];
  if (isTier(first)) return first;
  const named = new Set<Tier>();
  for (const word of words) if (isTier(word)) named.add(word);
  return named.size === 1 ? (named.values().next().value ?? null) : null;
}

export const CLASSIFIER_FALLBACK = "The classifier model's reply named no tier, so the rules chose it.";
