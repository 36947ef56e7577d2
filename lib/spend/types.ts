/** Shapes shared by the spend code, the API routes and the dashboard. Money in nano-dollars; unknown is null. */
import type { QueryCore } from "../storage/queries";

/** One logged question, as the spend code reads it from the query log: the stored core plus its route. */
export interface QueryLogEntry extends QueryCore {
  /** Routing tier (simple / moderate / complex) when the question was routed; null otherwise. */
  tier: string | null;
  /**
   * Where the record sits in an auto-mode route: "final" for the answer a routed question ended with,
   * "escalated" for a cheaper first stage whose answer was escalated, null when not routed.
   */
  routeStage: "final" | "escalated" | null;
}

/** Filters for the query log; bounds are epoch ms (from inclusive, to exclusive). */
export interface QueryLogFilter {
  fromMs?: number;
  toMs?: number;
  documentId?: string;
  model?: string;
  mode?: string;
  /** Most rows returned; default 1000, at most 10000. */
  limit?: number;
}

/** Budget settings a person chooses. */
export interface BudgetSettings {
  /** Monthly limit in USD; null means no limit. */
  monthlyUsd: number | null;
  /** Percent of the budget past which the dashboard warns; 0 to 100, default 80. */
  alertPercent: number;
  /** What happens when a question does not fit: refuse it, or retry cheaper. */
  onExceed: "block" | "downgrade";
}

/** Spent (settled) and held (reserved, not yet settled) amounts of one month, in nano-dollars. */
export interface LedgerTotals {
  spentNano: number;
  reservedNano: number;
}
