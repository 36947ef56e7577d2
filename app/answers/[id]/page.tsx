import Link from "next/link";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { formatUsd } from "@/lib/pricing/cost";
import { getStoredAnswer, type StoredAnswer } from "@/lib/qa";
import type { BudgetDowngrade } from "@/lib/spend/fit-budget";
import { getQuery } from "@/lib/storage/queries";

export const dynamic = "force-dynamic";

function load(id: string): StoredAnswer | null {
  try {
    return getStoredAnswer(id);
  } catch (err) {
    if (isAppError(err) && err.code === "not_found") return null;
    throw err;
  }
}

/** A stored question: its answer (plain text, never rendered as HTML), citations and cost. */
export default async function AnswerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const answer = load(decodeURIComponent(id));
  if (!answer) notFound();
  const { usage, cost } = answer;
  const downgrade = (getQuery(answer.id ?? "")?.extra.budgetDowngrade ?? null) as BudgetDowngrade | null;

  return (
    <article className="space-y-5" data-testid="stored-answer">
      <Link href="/dashboard" className="text-sm text-sky-700 underline">
        ← Spend dashboard
      </Link>
      <header>
        <p className="text-xs text-slate-500">
          {new Date(answer.createdAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC · {answer.mode} · {answer.model}
        </p>
        <h1 className="mt-1 text-xl font-semibold text-slate-900" data-testid="stored-question">
          {answer.question}
        </h1>
        <p className="text-sm text-slate-600">{answer.documents.map((d) => d.name).join(", ")}</p>
      </header>

      {answer.status !== "ok" && (
        <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="stored-status">
          {answer.errorCode === "budget_exceeded"
            ? "This question was refused: it did not fit in what was left of the monthly budget. Nothing was charged."
            : answer.status === "aborted"
              ? "This answer was stopped before it finished; what was generated is kept below."
              : `This question failed${answer.errorCode ? ` (${answer.errorCode})` : ""}.`}
        </p>
      )}

      {downgrade && (
        <p className="rounded border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="stored-downgrade">
          <strong>Downgraded to fit the budget.</strong> {downgrade.reason} {downgrade.changes.join(" ")}
        </p>
      )}

      {answer.answer && (
        <section className="whitespace-pre-wrap rounded-lg border border-slate-200 bg-white p-4 text-slate-800 shadow-sm" data-testid="stored-answer-text">
          {answer.answer}
        </section>
      )}

      <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm" data-testid="stored-cost">
        <h2 className="mb-2 font-semibold text-slate-800">Cost</h2>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-1 sm:grid-cols-4">
          <Item label="Charged">
            <span data-testid="stored-cost-usd" data-usd={cost.usd ?? ""}>
              {cost.usd === null ? "not charged" : `${cost.usdIsEstimate ? "≈" : ""}${formatUsd(cost.usd)}${cost.usdIsEstimate ? " (estimate: no usage reported)" : ""}`}
            </span>
          </Item>
          <Item label="Estimated before sending">{formatUsd(cost.estimatedUsd)}</Item>
          <Item label="Full document would cost">
            {cost.fullContextUsd === null ? "unknown" : formatUsd(cost.fullContextUsd)}
            {cost.fullContextFits === false ? " (does not fit the context window)" : ""}
          </Item>
          <Item label="Latency">{answer.latencyMs === null ? "unknown" : `${answer.latencyMs.toLocaleString("en-US")} ms`}</Item>
          <Item label="Prompt tokens">{usage.promptTokens === null ? `≈${usage.estimatedPromptTokens.toLocaleString("en-US")} (estimate)` : usage.promptTokens.toLocaleString("en-US")}</Item>
          <Item label="Cached tokens">{usage.cachedTokens === null ? "unknown" : usage.cachedTokens.toLocaleString("en-US")}</Item>
          <Item label="Output tokens">{usage.completionTokens === null ? "unknown" : usage.completionTokens.toLocaleString("en-US")}</Item>
        </dl>
      </section>

      {answer.citations.length > 0 && (
        <section className="space-y-2" data-testid="stored-citations">
          <h2 className="text-sm font-semibold text-slate-800">Passages sent ({answer.citations.length})</h2>
          {answer.citations.map((c, index) => (
            <details key={index} className="rounded border border-slate-200 bg-white px-3 py-2 text-sm">
              <summary className="cursor-pointer text-slate-700">
                {c.documentName}, {c.pageStart === c.pageEnd ? `p. ${c.pageStart}` : `pp. ${c.pageStart}-${c.pageEnd}`}
                {c.score !== null ? <span className="text-xs text-slate-400"> · score {c.score.toFixed(2)}</span> : null}
              </summary>
              <p className="mt-2 whitespace-pre-wrap text-slate-600">{c.text}</p>
            </details>
          ))}
        </section>
      )}
    </article>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="tabular-nums text-slate-900">{children}</dd>
    </div>
  );
}
