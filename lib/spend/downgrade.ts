/**
 * The downgrade decision, pure: when a question does not fit in what is left of the budget, try the
 * cheapest configured model, then fewer context tokens with it, and say what changed and why.
 * The estimate function is passed in (it may plan the prompt); this module holds no clock, env or I/O.
 */
import { formatUsd, nanoToUsd } from "../pricing/cost";

export interface DowngradeChoice {
  model: string;
  contextTokens: number;
}

export interface DowngradePlan extends DowngradeChoice {
  estimatedNanoUsd: number;
  /** False when the requested choice fits as is. */
  changed: boolean;
  /** What changed, one sentence each, for the answer's note. */
  changes: string[];
  /** Why it changed: the budget left and the original estimate. */
  reason: string | null;
}

/** Smallest context budget a downgrade will go to; default 200 tokens. */
export const MIN_DOWNGRADE_CONTEXT_TOKENS = 200;

/**
 * The choice that fits in remainingNano, or null when nothing does:
 * 1. the requested model and context, if it fits;
 * 2. the candidate model with the lowest estimate at the requested context;
 * 3. that model with the context halved step by step (not below minContextTokens), when reducible.
 * remainingNano null means no budget: the request always fits.
 */
export function decideDowngrade({
  requested,
  candidateModels,
  estimateNano,
  remainingNano,
  canReduceContext = true,
  minContextTokens = MIN_DOWNGRADE_CONTEXT_TOKENS,
}: {
  requested: DowngradeChoice;
  /** Models that may answer (configured and priced); the requested one may be among them. */
  candidateModels: string[];
  /** Estimated nano-dollars of the question with a model and context budget. */
  estimateNano: (choice: DowngradeChoice) => number;
  remainingNano: number | null;
  /** False in full-document mode, where the context is the whole document. */
  canReduceContext?: boolean;
  minContextTokens?: number;
}): DowngradePlan | null {
  const original = estimateNano(requested);
  if (remainingNano === null || original <= remainingNano) {
    return { ...requested, estimatedNanoUsd: original, changed: false, changes: [], reason: null };
  }
  const reason = `Only ${formatUsd(nanoToUsd(remainingNano))} is left of this month's budget and the question was estimated at ${formatUsd(nanoToUsd(original))} with ${requested.model}.`;

  let best: { model: string; estimate: number } = { model: requested.model, estimate: original };
  for (const model of new Set(candidateModels)) {
    if (model === requested.model) continue;
    const estimate = estimateNano({ model, contextTokens: requested.contextTokens });
    if (estimate < best.estimate || (estimate === best.estimate && model.localeCompare(best.model) < 0 && best.model !== requested.model)) {
      best = { model, estimate };
    }
  }
  const changes: string[] = [];
  if (best.model !== requested.model) changes.push(`Answered with ${best.model} instead of ${requested.model}, the cheapest configured model.`);
  if (best.estimate <= remainingNano) {
    return { model: best.model, contextTokens: requested.contextTokens, estimatedNanoUsd: best.estimate, changed: true, changes, reason };
  }
  if (!canReduceContext) return null;

  let contextTokens = requested.contextTokens;
  while (contextTokens > minContextTokens) {
    contextTokens = Math.max(minContextTokens, Math.floor(contextTokens / 2));
    const estimate = estimateNano({ model: best.model, contextTokens });
    if (estimate <= remainingNano) {
      changes.push(`Sent at most ${contextTokens} context tokens instead of ${requested.contextTokens}.`);
      return { model: best.model, contextTokens, estimatedNanoUsd: estimate, changed: true, changes, reason };
    }
  }
  return null;
}
