import type { AskResponse } from "@/lib/qa/types";
import type { ApiErrorBody } from "./ask-client";
import { CitationList } from "./citation-list";
import { CostCard } from "./cost-card";
import { Markdown } from "./markdown";
import { RouteView } from "./route-view";

export interface AnswerState {
  status: "waiting" | "streaming" | "done" | "stopped" | "error";
  question: string;
  text: string;
  result: AskResponse | null;
  error: ApiErrorBody | null;
}

/** One answer: the streamed text (rendered inert), the cost card beside it and the passages sent below. */
export function AnswerView({ state, onRefresh }: { state: AnswerState; onRefresh?: () => void }) {
  const { status, text, result, error } = state;
  return (
    <section className="grid gap-4 md:grid-cols-[minmax(0,1fr)_18rem]" data-testid="answer-view" data-status={status}>
      <div className="min-w-0 space-y-4">
        <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <p className="mb-2 text-xs uppercase tracking-wide text-slate-500">Answer</p>
          {status === "waiting" && <p className="text-slate-500">Waiting for the model…</p>}
          {text && <Markdown text={text} testId="answer-text" />}
          {status === "streaming" && <span className="ml-1 inline-block h-4 w-2 animate-pulse bg-slate-400 align-middle" aria-hidden />}
          {status === "stopped" && (
            <p className="mt-3 text-sm text-amber-700" data-testid="answer-stopped">
              Stopped. What was generated is kept and recorded with its estimated cost.
            </p>
          )}
          {result?.budgetDowngrade && (
            <p className="mt-3 rounded bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="answer-downgrade">
              <strong>Changed to fit the budget.</strong> {result.budgetDowngrade.reason} {result.budgetDowngrade.changes.join(" ")}
            </p>
          )}
          {error && (
            <p className="mt-3 rounded bg-rose-50 px-3 py-2 text-sm text-rose-800" data-testid="answer-error" role="alert">
              <span className="font-mono text-xs">{error.code}</span>: {error.message}
            </p>
          )}
        </div>
        {result && (
          <div>
            <h3 className="mb-2 text-sm font-semibold text-slate-700">Sent to the model, in order</h3>
            <CitationList citations={result.citations} queryId={result.id} />
          </div>
        )}
      </div>
      <div>
        {result ? <RouteView result={result} onRefresh={onRefresh} /> : null}
        {result ? <CostCard result={result} /> : null}
      </div>
    </section>
  );
}
