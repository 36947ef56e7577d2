/**
 * With the budget set to "downgrade", a question that does not fit in what is left is re-planned with
 * the cheapest configured model, then with fewer context tokens (decideDowngrade), and the answer says
 * what changed and why. The caller still reserves the chosen plan, so the budget holds either way.
 */
import { readEnv } from "../env";
import { getModelPrice, listModelPrices, OFFLINE_MODEL } from "../pricing";
import { getRoutingSettings } from "../routing/config";
import { getAppSettings } from "../settings";
import { readLedgerTotals } from "../storage/spend";
import { budgetNanoOf } from "./budget";
import { getBudgetSettings } from "./budget-settings";
import { decideDowngrade, type DowngradeChoice } from "./downgrade";
import { remainingNano } from "./ledger";
import { monthKeyAt } from "./month";

/** What a downgrade changed, kept with the question and shown beside the answer. */
export interface BudgetDowngrade {
  requestedModel: string;
  requestedContextTokens: number;
  model: string;
  contextTokens: number;
  /** One sentence per change. */
  changes: string[];
  /** Why: the budget left and the original estimate. */
  reason: string;
}

/**
 * Models a question may be moved to: the default model (OPENAI_MODEL), the models the routing tiers name
 * and the models a person added in Settings; never the offline answerer, and only priced ones.
 */
export function configuredModels(): string[] {
  const routing = getRoutingSettings();
  const names = [readEnv().openaiModel, routing.simple.model, routing.moderate.model, routing.complex.model, ...listModelPrices().filter((p) => p.origin === "custom").map((p) => p.model)];
  return [...new Set(names)].filter((name) => name !== OFFLINE_MODEL && getModelPrice(name) !== undefined);
}

/**
 * The plan to reserve: `plan` itself unless the budget says "downgrade" and plan does not fit, in which
 * case the cheapest fitting re-plan (or `plan` again when nothing fits, to be refused on reservation).
 * `replan` builds a plan for another model or context budget; a re-plan that throws is skipped.
 */
export function fitPlanToBudget<P extends { estimatedNanoUsd: number; model: string; mode: string }>({
  plan,
  contextTokens,
  replan,
  now,
}: {
  plan: P;
  /** The context budget the question asked for; default the settings' one. */
  contextTokens?: number;
  replan: (choice: DowngradeChoice) => P;
  now: number;
}): { plan: P; downgrade: BudgetDowngrade | null } {
  const budget = getBudgetSettings();
  const budgetNano = budgetNanoOf(budget);
  if (budget.onExceed !== "downgrade" || budgetNano === null || plan.estimatedNanoUsd === 0) return { plan, downgrade: null };
  const settings = getAppSettings();
  const remaining = remainingNano({ budgetNano, totals: readLedgerTotals(monthKeyAt({ atMs: now, timeZone: settings.timeZone })) });
  if (remaining === null || plan.estimatedNanoUsd <= remaining) return { plan, downgrade: null };

  const requested = { model: plan.model, contextTokens: contextTokens ?? settings.contextTokens };
  const plans = new Map<string, P>([[`${requested.model}\u0000${requested.contextTokens}`, plan]]);
  const estimateNano = (choice: DowngradeChoice): number => {
    const key = `${choice.model}\u0000${choice.contextTokens}`;
    let candidate = plans.get(key);
    if (!candidate) {
      try {
        candidate = replan(choice);
      } catch {
        return Number.POSITIVE_INFINITY;
      }
      plans.set(key, candidate);
    }
    return candidate.estimatedNanoUsd;
  };
  const decision = decideDowngrade({ requested, candidateModels: configuredModels(), estimateNano, remainingNano: remaining, canReduceContext: plan.mode !== "full" });
  if (!decision || !decision.changed) return { plan, downgrade: null };
  const chosen = plans.get(`${decision.model}\u0000${decision.contextTokens}`) ?? plan;
  return {
    plan: chosen,
    downgrade: {
      requestedModel: requested.model,
      requestedContextTokens: requested.contextTokens,
      model: decision.model,
      contextTokens: decision.contextTokens,
      changes: decision.changes,
      reason: decision.reason ?? "",
    },
  };
}
