/** Shapes shared by the spend code, the API routes and the dashboard. Money in nano-dollars; unknown is null. */

/** One logged question, as the spend code reads it from the query log. */
export interface QueryLogEntry {
  id: string;
  /** Epoch ms. */
  createdAt: number;
  question: string;
  documentIds: string[];
  documentNames: string[];
  /** "chunked" or "full". */
  mode: string;
  model: string;
  /** Routing tier (simple / moderate / complex) when the question was routed; null otherwise. */
  tier: string | null;
  /**
   * Where the record sits in an auto-mode route: "final" for the answer a routed question ended with,
   * "escalated" for a cheaper first stage whose answer was escalated, null when not routed.
   */
  routeStage: "final" | "escalated" | null;
  status: string;
  errorCode: string | null;
  promptTokens: number | null;
  cachedTokens: number | null;
  completionTokens: number | null;
  estimatedPromptTokens: number | null;
  /** The estimate reserved before the call (prompt estimate + max output tokens). */
  estimatedNanoUsd: number | null;
  /** The cost charged; when the provider reported no usage, the estimate (costIsEstimate). */
  costNanoUsd: number | null;
  costIsEstimate: boolean;
  /** What sending every page of the documents would have cost for the same question. */
  fullContextNanoUsd: number | null;
  fullContextFits: boolean | null;
  latencyMs: number | null;
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
