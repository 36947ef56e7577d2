/**
 * The dashboard's numbers: prepare (pure, `summarizeSpend`) and read (`getSpendSummary`, which loads the
 * month's questions and budget and calls it). Dollars appear only in the returned JSON shape.
 */
import { nanoToUsd } from "../pricing/cost";
import { getAppSettings } from "../settings";
import { listQueryLog, readLedgerTotals } from "../storage/spend";
import { aggregateByDay, aggregateByDocument, aggregateByMode, aggregateByModel, aggregateByTier, computeSavings, summarizeEscalations, totalCost, totalTokens, type SpendBucket } from "./aggregate";
import { budgetNanoOf } from "./budget";
import { getBudgetSettings } from "./budget-settings";
import { forecastMonthEnd } from "./forecast";
import { remainingNano, usedPercent } from "./ledger";
import { monthKeyAt, monthRange } from "./month";
import type { BudgetSettings, LedgerTotals, QueryLogEntry } from "./types";

export interface SpendBucketJson {
  key: string;
  label: string;
  costUsd: number;
  /** The part of costUsd that is an estimate (usage unknown). */
  estimatedCostUsd: number;
  queries: number;
  inputTokens: number;
  cachedTokens: number;
  outputTokens: number;
  unknownUsageQueries: number;
}

export interface SpendSummary {
  month: string;
  timeZone: string;
  /** Charged this month, estimates for unknown usage included. */
  totalUsd: number;
  /** The part of totalUsd that is estimated. */
  estimatedUsd: number;
  queries: number;
  budgetUsd: number | null;
  /** Budget - settled - reserved (the ledger); null when there is no budget. */
  remainingUsd: number | null;
  reservedUsd: number;
  /** Percent of the budget used (spent + reserved); 0 with no budget. */
  usedPercent: number;
  alertPercent: number;
  /** True when a budget is set and usedPercent has reached alertPercent. */
  alert: boolean;
  onExceed: BudgetSettings["onExceed"];
  forecastUsd: number;
  savedUsd: number;
  savings: { comparedQueries: number; uncomparedQueries: number; chunkedUsd: number; fullDocumentUsd: number; savedUsd: number };
  tokens: { inputTokens: number; cachedTokens: number; outputTokens: number; unknownUsageQueries: number };
  byDay: { day: string; costUsd: number | null; estimatedCostUsd: number; queries: number }[];
  byModel: SpendBucketJson[];
  byMode: SpendBucketJson[];
  byDocument: SpendBucketJson[];
  /** Per routing tier (simple / moderate / complex; "unrouted" for questions asked with a fixed model). */
  byTier: SpendBucketJson[];
  /** Auto mode: routed questions, how many escalated once to the next tier, and the rate (null with none). */
  escalations: { routedQuestions: number; escalatedQuestions: number; escalationRate: number | null };
}

function bucketJson(bucket: SpendBucket): SpendBucketJson {
  return {
    key: bucket.key,
    label: bucket.label,
    costUsd: nanoToUsd(bucket.costNano),
    estimatedCostUsd: nanoToUsd(bucket.estimatedNano),
    queries: bucket.queries,
    inputTokens: bucket.inputTokens,
    cachedTokens: bucket.cachedTokens,
    outputTokens: bucket.outputTokens,
    unknownUsageQueries: bucket.unknownUsageQueries,
  };
}

/** The month's dashboard from its questions, ledger totals and budget settings (pure). */
export function summarizeSpend({
  queries,
  month,
  timeZone,
  nowMs,
  budget,
  ledger,
}: {
  queries: QueryLogEntry[];
  month: string;
  timeZone: string;
  nowMs: number;
  budget: BudgetSettings;
  ledger: LedgerTotals;
}): SpendSummary {
  const range = monthRange({ month, timeZone });
  const inMonth = queries.filter((query) => query.createdAt >= range.startMs && query.createdAt < range.endMs);
  const total = totalCost(inMonth);
  const savings = computeSavings(inMonth);
  const budgetNano = budgetNanoOf(budget);
  const used = usedPercent({ budgetNano, totals: ledger });
  return {
    month,
    timeZone,
    totalUsd: nanoToUsd(total.costNano),
    estimatedUsd: nanoToUsd(total.estimatedNano),
    queries: total.queries,
    budgetUsd: budget.monthlyUsd,
    remainingUsd: nanoToUsd(remainingNano({ budgetNano, totals: ledger })),
    reservedUsd: nanoToUsd(ledger.reservedNano),
    usedPercent: used,
    alertPercent: budget.alertPercent,
    alert: budgetNano !== null && used >= budget.alertPercent,
    onExceed: budget.onExceed,
    forecastUsd: nanoToUsd(forecastMonthEnd({ spentNano: total.costNano, startMs: range.startMs, endMs: range.endMs, nowMs })),
    savedUsd: nanoToUsd(savings.savedNano),
    savings: {
      comparedQueries: savings.comparedQueries,
      uncomparedQueries: savings.uncomparedQueries,
      chunkedUsd: nanoToUsd(savings.chunkedNano),
      fullDocumentUsd: nanoToUsd(savings.fullDocumentNano),
      savedUsd: nanoToUsd(savings.savedNano),
    },
    tokens: totalTokens(inMonth),
    byDay: aggregateByDay({ queries: inMonth, days: range.days, timeZone, nowMs }).map((point) => ({
      day: point.day,
      costUsd: nanoToUsd(point.costNano),
      estimatedCostUsd: nanoToUsd(point.estimatedNano),
      queries: point.queries,
    })),
    byModel: aggregateByModel(inMonth).map(bucketJson),
    byMode: aggregateByMode(inMonth).map(bucketJson),
    byDocument: aggregateByDocument(inMonth).map(bucketJson),
    byTier: aggregateByTier(inMonth).map(bucketJson),
    escalations: summarizeEscalations(inMonth),
  };
}

/** The dashboard for a month ("YYYY-MM", default the current one in the settings' time zone); now defaults to the clock. */
export function getSpendSummary({ now = Date.now(), month }: { now?: number; month?: string } = {}): SpendSummary {
  const timeZone = getAppSettings().timeZone;
  const key = month ?? monthKeyAt({ atMs: now, timeZone });
  const range = monthRange({ month: key, timeZone });
  const queries = listQueryLog({ fromMs: range.startMs, toMs: range.endMs, limit: 10_000 });
  return summarizeSpend({ queries, month: key, timeZone, nowMs: now, budget: getBudgetSettings(), ledger: readLedgerTotals(key) });
}

/** The current month key in the settings' time zone (reads the clock). */
export function currentMonthKey(): string {
  return monthKeyAt({ atMs: Date.now(), timeZone: getAppSettings().timeZone });
}
