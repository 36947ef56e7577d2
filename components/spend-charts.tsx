"use client";

import { Bar, BarChart, CartesianGrid, Cell, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatUsd } from "@/lib/pricing/cost";
import type { SpendBucketJson, SpendSummary } from "@/lib/spend/summary";

const COLOURS = { cost: "#0f766e", estimated: "#f59e0b", input: "#0369a1", cached: "#7dd3fc", output: "#7c3aed", full: "#94a3b8" };

const tokensFormat = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** Axis ticks: two significant digits are enough to read a scale ($0.00013, $2.5). */
function usdTick(value: number): string {
  if (value === 0) return "$0";
  if (Math.abs(value) >= 1) return `$${value.toFixed(2)}`;
  return `$${Number(value.toPrecision(2))}`;
}

function usdTooltip(value: unknown): string {
  return typeof value === "number" ? formatUsd(value) : "unknown";
}

function tokensTooltip(value: unknown): string {
  return typeof value === "number" ? value.toLocaleString("en-US") : "unknown";
}

/** The dashboard's charts: drawing only; every number comes prepared from /api/spend. */
export function SpendCharts({ summary }: { summary: SpendSummary }) {
  const days = summary.byDay.map((point) => ({
    day: point.day.slice(8),
    date: point.day,
    charged: point.costUsd === null ? null : point.costUsd - point.estimatedCostUsd,
    estimated: point.costUsd === null ? null : point.estimatedCostUsd,
    queries: point.queries,
  }));
  const empty = summary.queries === 0;

  return (
    <div className="grid gap-4 lg:grid-cols-2" data-testid="spend-charts">
      <ChartCard title="Spend per day" subtitle={`${summary.month}; future days are blank`} wide testId="chart-by-day">
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" tick={{ fontSize: 11 }} interval={1} />
            <YAxis tickFormatter={usdTick} tick={{ fontSize: 11 }} width={72} />
            <Tooltip formatter={usdTooltip} labelFormatter={(label, payload) => String(payload?.[0]?.payload?.date ?? label)} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="charged" name="Charged" stackId="cost" fill={COLOURS.cost} isAnimationActive={false} />
            <Bar dataKey="estimated" name="Estimated (usage unknown)" stackId="cost" fill={COLOURS.estimated} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>

      <BucketCostChart title="Spend by model" subtitle="the offline answerer is a model at $0" buckets={summary.byModel} empty={empty} testId="chart-by-model" />
      <BucketTokenChart title="Tokens by model" subtitle="input (not cached), cached input and output" buckets={summary.byModel} empty={empty} testId="chart-tokens-by-model" />
      <BucketCostChart title="Spend by mode" subtitle="chunked retrieval or the full document" buckets={summary.byMode} empty={empty} testId="chart-by-mode" />
      <BucketTokenChart title="Tokens by mode" subtitle="input (not cached), cached input and output" buckets={summary.byMode} empty={empty} testId="chart-tokens-by-mode" />
      {summary.byTier.some((bucket) => bucket.key !== "unrouted") && (
        <BucketCostChart
          title="Spend by route tier"
          subtitle={`auto mode: simple, moderate and complex questions; unrouted: a model picked by hand. ${escalationLine(summary.escalations)}`}
          buckets={summary.byTier}
          empty={empty}
          testId="chart-by-tier"
        />
      )}
      <BucketCostChart title="Spend by document" subtitle="a question over several documents is shared between them" buckets={summary.byDocument} empty={empty} testId="chart-by-document" />

      <ChartCard title="Input vs output vs cached tokens" subtitle={summary.tokens.unknownUsageQueries > 0 ? `${summary.tokens.unknownUsageQueries} question(s) with unknown usage not counted` : "this month, every model"} testId="chart-tokens">
        {empty ? (
          <Empty />
        ) : (
          <ResponsiveContainer width="100%" height={200}>
            <BarChart
              layout="vertical"
              data={[
                { kind: "Input", tokens: summary.tokens.inputTokens },
                { kind: "Cached input", tokens: summary.tokens.cachedTokens },
                { kind: "Output", tokens: summary.tokens.outputTokens },
              ]}
              margin={{ top: 8, right: 48, bottom: 0, left: 8 }}
            >
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" tickFormatter={(v: number) => tokensFormat.format(v)} tick={{ fontSize: 11 }} />
              <YAxis type="category" dataKey="kind" tick={{ fontSize: 12 }} width={96} />
              <Tooltip formatter={tokensTooltip} />
              <Bar dataKey="tokens" name="Tokens" isAnimationActive={false} label={{ position: "right", fontSize: 11, formatter: (v: unknown) => (typeof v === "number" ? tokensFormat.format(v) : "") }}>
                {[COLOURS.input, COLOURS.cached, COLOURS.output].map((fill) => (
                  <Cell key={fill} fill={fill} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        )}
      </ChartCard>

      <ChartCard
        title="Saved by chunked mode"
        subtitle={
          summary.savings.comparedQueries === 0
            ? "no chunked questions to compare yet"
            : `${summary.savings.comparedQueries} chunked question(s) against sending the full document`
        }
        testId="chart-savings"
      >
        {summary.savings.comparedQueries === 0 ? (
          <Empty />
        ) : (
          <>
            <p className="mb-1 text-sm text-slate-700">
              Saved <strong className="text-emerald-700">{formatUsd(summary.savings.savedUsd)}</strong>: paid {formatUsd(summary.savings.chunkedUsd)} instead of{" "}
              {formatUsd(summary.savings.fullDocumentUsd)}.
            </p>
            <ResponsiveContainer width="100%" height={160}>
              <BarChart
                layout="vertical"
                data={[
                  { kind: "Chunked (paid)", usd: summary.savings.chunkedUsd },
                  { kind: "Full document", usd: summary.savings.fullDocumentUsd },
                ]}
                margin={{ top: 4, right: 80, bottom: 0, left: 8 }}
              >
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" tickFormatter={usdTick} tick={{ fontSize: 11 }} />
                <YAxis type="category" dataKey="kind" tick={{ fontSize: 12 }} width={104} />
                <Tooltip formatter={usdTooltip} />
                <Bar dataKey="usd" name="USD" isAnimationActive={false} label={{ position: "right", fontSize: 11, formatter: (v: unknown) => (typeof v === "number" ? formatUsd(v) : "") }}>
                  {[COLOURS.cost, COLOURS.full].map((fill) => (
                    <Cell key={fill} fill={fill} />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </>
        )}
      </ChartCard>
    </div>
  );
}

function BucketCostChart({ title, subtitle, buckets, empty, testId }: { title: string; subtitle: string; buckets: SpendBucketJson[]; empty: boolean; testId: string }) {
  const data = buckets.slice(0, 12).map((bucket) => ({
    name: bucket.label,
    charged: bucket.costUsd - bucket.estimatedCostUsd,
    estimated: bucket.estimatedCostUsd,
    totalLabel: formatUsd(bucket.costUsd),
    queries: bucket.queries,
  }));
  return (
    <ChartCard title={title} subtitle={subtitle} testId={testId}>
      {empty || data.length === 0 ? (
        <Empty />
      ) : (
        <>
          <ResponsiveContainer width="100%" height={Math.max(120, 36 * data.length + 48)}>
            <BarChart layout="vertical" data={data} margin={{ top: 4, right: 80, bottom: 0, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" tickFormatter={usdTick} tick={{ fontSize: 11 }} />
              <YAxis type="category" dataKey="name" tick={{ fontSize: 12 }} width={120} />
              <Tooltip formatter={usdTooltip} />
              <Bar dataKey="charged" name="Charged" stackId="cost" fill={COLOURS.cost} isAnimationActive={false} />
              <Bar dataKey="estimated" name="Estimated (usage unknown)" stackId="cost" fill={COLOURS.estimated} isAnimationActive={false}>
                <LabelList dataKey="totalLabel" position="right" fontSize={11} fill="#334155" />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
          <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-xs text-slate-500" data-testid={`${testId}-list`}>
            {buckets.map((bucket) => (
              <li key={bucket.key} data-key={bucket.key} data-usd={bucket.costUsd}>
                {bucket.label}: {formatUsd(bucket.costUsd)}
                {bucket.estimatedCostUsd > 0 ? ` (${formatUsd(bucket.estimatedCostUsd)} estimated)` : ""} · {bucket.queries} q
              </li>
            ))}
          </ul>
        </>
      )}
    </ChartCard>
  );
}

function BucketTokenChart({ title, subtitle, buckets, empty, testId }: { title: string; subtitle: string; buckets: SpendBucketJson[]; empty: boolean; testId: string }) {
  const data = buckets.slice(0, 12).map((bucket) => ({
    name: bucket.label,
    input: bucket.inputTokens,
    cached: bucket.cachedTokens,
    output: bucket.outputTokens,
    unknown: bucket.unknownUsageQueries,
  }));
  const unknown = buckets.reduce((sum, bucket) => sum + bucket.unknownUsageQueries, 0);
  return (
    <ChartCard title={title} subtitle={unknown > 0 ? `${subtitle}; ${unknown} question(s) with unknown usage not counted` : subtitle} testId={testId}>
      {empty || data.length === 0 ? (
        <Empty />
      ) : (
        <ResponsiveContainer width="100%" height={Math.max(140, 36 * data.length + 64)}>
          <BarChart layout="vertical" data={data} margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" tickFormatter={(v: number) => tokensFormat.format(v)} tick={{ fontSize: 11 }} />
            <YAxis type="category" dataKey="name" tick={{ fontSize: 12 }} width={120} />
            <Tooltip formatter={tokensTooltip} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="input" name="Input" stackId="t" fill={COLOURS.input} isAnimationActive={false} />
            <Bar dataKey="cached" name="Cached input" stackId="t" fill={COLOURS.cached} isAnimationActive={false} />
            <Bar dataKey="output" name="Output" stackId="t" fill={COLOURS.output} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      )}
    </ChartCard>
  );
}

function ChartCard({ title, subtitle, children, wide, testId }: { title: string; subtitle?: string; children: React.ReactNode; wide?: boolean; testId: string }) {
  return (
    <section className={`rounded-lg border border-slate-200 bg-white p-4 shadow-sm ${wide ? "lg:col-span-2" : ""}`} data-testid={testId}>
      <h2 className="text-sm font-semibold text-slate-800">{title}</h2>
      {subtitle && <p className="mb-2 text-xs text-slate-500">{subtitle}</p>}
      {children}
    </section>
  );
}

function Empty() {
  return <p className="py-8 text-center text-sm text-slate-400">No questions this month yet.</p>;
}

function escalationLine({ routedQuestions, escalatedQuestions, escalationRate }: SpendSummary["escalations"]): string {
  if (escalationRate === null) return "No routed questions yet.";
  return `${escalatedQuestions} of ${routedQuestions} routed question(s) escalated (${Math.round(escalationRate * 100)}%).`;
}
