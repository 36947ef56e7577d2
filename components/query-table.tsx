"use client";

import Link from "next/link";
import { useMemo, useRef, useState } from "react";
import { sendJson } from "@/lib/http/send-json";
import { formatUsd } from "@/lib/pricing/cost";
import type { QueryLogJson } from "@/lib/spend/query-log";

export interface QueryFilters {
  from: string;
  to: string;
  documentId: string;
  model: string;
  mode: string;
}

const NO_FILTERS: QueryFilters = { from: "", to: "", documentId: "", model: "", mode: "" };

function toSearch(filters: QueryFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  return params.toString();
}

/** The question log, newest first, with filters, a CSV export of the same rows and a link to each answer. */
export function QueryTable({
  initialQueries,
  models,
  modes,
  documents,
  timeZone,
}: {
  initialQueries: QueryLogJson[];
  models: string[];
  modes: string[];
  documents: { id: string; name: string }[];
  timeZone: string;
}) {
  const [filters, setFilters] = useState<QueryFilters>(NO_FILTERS);
  const [filtered, setFiltered] = useState<QueryLogJson[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);
  const search = toSearch(filters);
  // No filter: the rows the page was rendered with (fresh after every navigation or refresh).
  const queries = search === "" ? initialQueries : (filtered ?? []);

  function applyFilters(next: QueryFilters) {
    setFilters(next);
    setError(null);
    const nextSearch = toSearch(next);
    if (nextSearch === "") return;
    const request = ++latest.current;
    setLoading(true);
    sendJson<{ queries: QueryLogJson[] }>(`/api/queries?${nextSearch}`)
      .then((body) => request === latest.current && setFiltered(body.queries))
      .catch((err: Error) => request === latest.current && setError(err.message))
      .finally(() => request === latest.current && setLoading(false));
  }

  const time = useMemo(() => new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "medium", timeStyle: "short" }), [timeZone]);
  const totalUsd = queries.reduce((sum, q) => sum + q.chargedUsd, 0);
  const update = (key: keyof QueryFilters, value: string) => applyFilters({ ...filters, [key]: value });

  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="query-table">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 className="text-sm font-semibold text-slate-800">Questions</h2>
        <a href={`/api/queries?${search ? `${search}&` : ""}format=csv`} className="rounded border border-slate-300 px-3 py-1 text-sm text-slate-700 hover:bg-slate-50" data-testid="csv-link" download>
          Download CSV
        </a>
      </div>
      <form className="mt-3 flex flex-wrap items-end gap-3 text-sm" onSubmit={(e) => e.preventDefault()} aria-label="Filter questions">
        <Field label="From">
          <input type="date" value={filters.from} onChange={(e) => update("from", e.target.value)} className="rounded border border-slate-300 px-2 py-1" data-testid="filter-from" />
        </Field>
        <Field label="To">
          <input type="date" value={filters.to} onChange={(e) => update("to", e.target.value)} className="rounded border border-slate-300 px-2 py-1" data-testid="filter-to" />
        </Field>
        <FilterSelect label="Document" allLabel="All documents" value={filters.documentId} onChange={(v) => update("documentId", v)} options={documents.map((doc) => ({ value: doc.id, label: doc.name }))} testId="filter-document" className="max-w-52" />
        <FilterSelect label="Model" allLabel="All models" value={filters.model} onChange={(v) => update("model", v)} options={models.map((model) => ({ value: model, label: model }))} testId="filter-model" />
        <FilterSelect label="Mode" allLabel="All modes" value={filters.mode} onChange={(v) => update("mode", v)} options={modes.map((mode) => ({ value: mode, label: mode }))} testId="filter-mode" />
        {search !== "" && (
          <button type="button" onClick={() => applyFilters(NO_FILTERS)} className="px-2 py-1 text-sky-700 underline">
            Clear filters
          </button>
        )}
      </form>

      {error && (
        <p className="mt-3 text-sm text-red-700" role="alert">
          {error}
        </p>
      )}
      <p className="mt-3 text-xs text-slate-500" aria-live="polite">
        {loading ? "Loading…" : `${queries.length} question(s), `}
        {!loading && (
          <span data-testid="query-table-total" data-usd={totalUsd}>
            {formatUsd(totalUsd)} in all
          </span>
        )}
      </p>

      <div className="mt-2 overflow-x-auto">
        <table className="w-full min-w-[56rem] text-left text-sm">
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="py-2 pr-3 font-medium">When</th>
              <th className="py-2 pr-3 font-medium">Question</th>
              <th className="py-2 pr-3 font-medium">Documents</th>
              <th className="py-2 pr-3 font-medium">Mode</th>
              <th className="py-2 pr-3 font-medium">Model</th>
              <th className="py-2 pr-3 text-right font-medium">In / cached / out</th>
              <th className="py-2 pr-3 text-right font-medium">Cost</th>
              <th className="py-2 font-medium" />
            </tr>
          </thead>
          <tbody>
            {queries.length === 0 && (
              <tr>
                <td colSpan={8} className="py-6 text-center text-slate-400">
                  No questions match.
                </td>
              </tr>
            )}
            {queries.map((q) => (
              <tr key={q.id} className="border-b border-slate-100 align-top" data-testid="query-row" data-id={q.id} data-usd={q.chargedUsd}>
                <td className="whitespace-nowrap py-2 pr-3 text-slate-500">{time.format(new Date(q.createdAt))}</td>
                <td className="max-w-72 py-2 pr-3">
                  <span className="line-clamp-2" title={q.question}>
                    {q.question}
                  </span>
                  {q.status !== "ok" && <StatusBadge status={q.status} errorCode={q.errorCode} />}
                </td>
                <td className="max-w-44 truncate py-2 pr-3 text-slate-600" title={q.documentNames.join(", ")}>
                  {q.documentNames.join(", ")}
                </td>
                <td className="py-2 pr-3 text-slate-600">{q.mode}</td>
                <td className="py-2 pr-3 text-slate-600">{q.model}</td>
                <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums text-slate-600">
                  {q.promptTokens === null ? (
                    <span title="The provider reported no usage">
                      ≈{q.estimatedPromptTokens?.toLocaleString("en-US") ?? "?"} / ? / ?
                    </span>
                  ) : (
                    `${(q.promptTokens - (q.cachedTokens ?? 0)).toLocaleString("en-US")} / ${(q.cachedTokens ?? 0).toLocaleString("en-US")} / ${q.completionTokens?.toLocaleString("en-US") ?? "?"}`
                  )}
                </td>
                <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums" data-testid="query-cost">
                  {q.costIsEstimate ? (
                    <span className="text-amber-700" title="Estimated: the provider reported no usage">
                      ≈{formatUsd(q.chargedUsd)} <span className="text-xs">(estimate)</span>
                    </span>
                  ) : q.costUsd === null ? (
                    <span className="text-slate-400">not charged</span>
                  ) : (
                    formatUsd(q.costUsd)
                  )}
                </td>
                <td className="py-2 text-right">
                  <Link href={`/answers/${encodeURIComponent(q.id)}`} className="text-sky-700 underline" data-testid="answer-link">
                    Answer
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function StatusBadge({ status, errorCode }: { status: string; errorCode: string | null }) {
  const refused = errorCode === "budget_exceeded" || errorCode === "prompt_over_limit";
  const label = refused ? (errorCode === "budget_exceeded" ? "refused: over budget" : "refused: prompt over limit") : status === "aborted" ? "stopped" : `failed${errorCode ? `: ${errorCode}` : ""}`;
  return <span className={`ml-0 mt-0.5 inline-block rounded px-1.5 text-xs ${refused ? "bg-red-50 text-red-700" : "bg-slate-100 text-slate-600"}`}>{label}</span>;
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="flex flex-col gap-0.5 text-xs text-slate-500">
      {label}
      {children}
    </label>
  );
}

function FilterSelect({
  label,
  allLabel,
  value,
  onChange,
  options,
  testId,
  className = "",
}: {
  label: string;
  allLabel: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  testId: string;
  className?: string;
}) {
  return (
    <Field label={label}>
      <select value={value} onChange={(e) => onChange(e.target.value)} className={`${className} rounded border border-slate-300 px-2 py-1`.trim()} data-testid={testId}>
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
