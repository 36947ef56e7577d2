import Link from "next/link";
import { formatUsd } from "@/lib/pricing/cost";
import type { SpendSummary } from "@/lib/spend/summary";

/** This month's spend against the budget: a meter with the reserved part, the alert mark and the forecast. */
export function SpendMeter({ summary }: { summary: SpendSummary }) {
  const { budgetUsd, totalUsd, reservedUsd, forecastUsd, remainingUsd, alertPercent, usedPercent } = summary;
  const hasBudget = budgetUsd !== null;
  const scale = hasBudget ? Math.max(budgetUsd, totalUsd + reservedUsd, 1e-12) : 1;
  const spentWidth = hasBudget ? Math.min(100, (totalUsd / scale) * 100) : 0;
  const reservedWidth = hasBudget ? Math.min(100 - spentWidth, (reservedUsd / scale) * 100) : 0;
  const over = hasBudget && usedPercent >= 100;
  const barColour = over ? "bg-red-600" : summary.alert ? "bg-amber-500" : "bg-emerald-600";
  const forecastOver = hasBudget && forecastUsd > budgetUsd;

  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="spend-meter" aria-label="This month's spend">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">Spent in {monthLabel(summary.month)}{summary.timeZone !== "UTC" ? ` (${summary.timeZone})` : " (UTC)"}</p>
          <p className="text-3xl font-semibold tabular-nums text-slate-900" data-testid="spend-total" data-usd={totalUsd}>
            {formatUsd(totalUsd)}
            {hasBudget && <span className="text-lg font-normal text-slate-500"> of {formatUsd(budgetUsd)}</span>}
          </p>
          {summary.estimatedUsd > 0 && (
            <p className="text-xs text-amber-700" data-testid="spend-estimated">
              includes {formatUsd(summary.estimatedUsd)} estimated (the provider reported no usage for some questions)
            </p>
          )}
        </div>
        <dl className="grid grid-cols-2 gap-x-8 gap-y-1 text-sm sm:grid-cols-4">
          <Stat label="Questions" value={String(summary.queries)} testId="spend-queries" />
          <Stat label="Remaining" value={remainingUsd === null ? "no limit" : formatUsd(remainingUsd)} testId="spend-remaining" />
          <Stat label="Forecast to month end" value={formatUsd(forecastUsd)} testId="spend-forecast" tone={forecastOver ? "text-red-700" : undefined} />
          <Stat label="Saved by chunking" value={formatUsd(summary.savedUsd)} testId="spend-saved" tone={summary.savedUsd > 0 ? "text-emerald-700" : undefined} />
        </dl>
      </div>

      {hasBudget ? (
        <div className="mt-4">
          <div
            className="relative h-4 w-full overflow-hidden rounded-full bg-slate-100"
            role="meter"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(usedPercent)}
            aria-label="Budget used"
            data-testid="budget-meter"
          >
            <div className={`absolute inset-y-0 left-0 ${barColour}`} style={{ width: `${spentWidth}%` }} />
            <div className="absolute inset-y-0 bg-slate-400/70" style={{ left: `${spentWidth}%`, width: `${reservedWidth}%` }} title="Reserved for questions in flight" />
            <div className="absolute inset-y-0 w-0.5 bg-slate-700" style={{ left: `${Math.min(100, (budgetUsd * alertPercent) / 100 / scale * 100)}%` }} title={`Alert at ${alertPercent}%`} />
          </div>
          <div className="mt-1 flex justify-between text-xs text-slate-500">
            <span>
              {usedPercent > 999 ? "over 999%" : `${Math.round(usedPercent)}%`} used{reservedUsd > 0 ? ` (${formatUsd(reservedUsd)} reserved for questions in flight)` : ""}
            </span>
            <span>
              alert at {alertPercent}% · over budget: {summary.onExceed === "block" ? "refuse questions" : "downgrade to a cheaper model"}
            </span>
          </div>
          {forecastOver && (
            <p className="mt-2 text-sm text-red-700" data-testid="forecast-warning">
              At this rate the month ends at {formatUsd(forecastUsd)}, over the {formatUsd(budgetUsd)} budget.
            </p>
          )}
        </div>
      ) : (
        <p className="mt-3 text-sm text-slate-600" data-testid="no-budget">
          No monthly budget is set, so questions are never refused for cost.{" "}
          <Link href="/settings#budget" className="text-sky-700 underline">
            Set a budget
          </Link>
        </p>
      )}
    </section>
  );
}

/** The alert banner shown past the alert threshold (and louder past the budget). */
export function BudgetAlert({ summary }: { summary: SpendSummary }) {
  if (!summary.alert || summary.budgetUsd === null) return null;
  const over = summary.usedPercent >= 100;
  return (
    <div
      role="alert"
      data-testid="budget-alert"
      className={`rounded-lg border px-4 py-3 text-sm ${over ? "border-red-300 bg-red-50 text-red-900" : "border-amber-300 bg-amber-50 text-amber-900"}`}
    >
      <strong className="font-semibold">{over ? "Budget used up." : "Budget alert."}</strong>{" "}
      {summary.usedPercent > 999 ? "Over 999%" : `${Math.round(summary.usedPercent)}%`} of this month&apos;s {formatUsd(summary.budgetUsd)} budget is used (alert at {summary.alertPercent}%).{" "}
      {over
        ? summary.onExceed === "block"
          ? "New questions that cost money are refused until next month; the offline answerer still works at $0."
          : "New questions are downgraded to the cheapest configured model and fewer context tokens while they fit."
        : `${summary.remainingUsd === null ? "" : `${formatUsd(summary.remainingUsd)} is left.`}`}{" "}
      <Link href="/settings#budget" className="underline">
        Change the budget
      </Link>
    </div>
  );
}

function Stat({ label, value, testId, tone }: { label: string; value: string; testId: string; tone?: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={`font-medium tabular-nums ${tone ?? "text-slate-900"}`} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function monthLabel(month: string): string {
  const [year, monthNumber] = month.split("-").map(Number);
  return new Date(Date.UTC(year, monthNumber - 1, 1)).toLocaleString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
}
