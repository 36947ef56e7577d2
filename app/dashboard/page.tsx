import Link from "next/link";
import { BudgetAlert, SpendMeter } from "@/components/spend-meter";
import { SpendCharts } from "@/components/spend-charts";
import { QueryTable } from "@/components/query-table";
import { getQueryLogFacets, listQueries } from "@/lib/spend/query-log";
import { currentMonthKey, getSpendSummary } from "@/lib/spend/summary";
import { isMonthKey, shiftMonth } from "@/lib/spend/month";

export const dynamic = "force-dynamic";

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const requested = typeof params.month === "string" && isMonthKey(params.month) ? params.month : undefined;
  const summary = getSpendSummary({ month: requested });
  const current = currentMonthKey();
  const queries = listQueries({ limit: 500 });
  const facets = getQueryLogFacets();

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold text-slate-900">Spend</h1>
        <nav className="flex items-center gap-3 text-sm" aria-label="Month">
          <Link href={`/dashboard?month=${shiftMonth(summary.month, -1)}`} className="text-sky-700 underline" data-testid="month-previous">
            ← {shiftMonth(summary.month, -1)}
          </Link>
          <span className="font-medium text-slate-800" data-testid="dashboard-month">
            {summary.month}
          </span>
          {summary.month < current && (
            <Link href={summary.month === shiftMonth(current, -1) ? "/dashboard" : `/dashboard?month=${shiftMonth(summary.month, 1)}`} className="text-sky-700 underline">
              {shiftMonth(summary.month, 1)} →
            </Link>
          )}
        </nav>
      </div>
      <BudgetAlert summary={summary} />
      <SpendMeter summary={summary} />
      <SpendCharts summary={summary} />
      <QueryTable initialQueries={queries} models={facets.models} modes={facets.modes} documents={facets.documents} timeZone={summary.timeZone} />
    </div>
  );
}
