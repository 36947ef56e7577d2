import type { AskResponse } from "@/lib/qa/types";
import { formatUsd } from "@/lib/pricing/cost";
import type { ApiErrorBody } from "./ask-client";
import { Markdown } from "./markdown";

export interface CompareState {
  question: string;
  running: boolean;
  chunked: { result: AskResponse | null; error: ApiErrorBody | null };
  full: { result: AskResponse | null; error: ApiErrorBody | null };
}

function ratio(a: number | null | undefined, b: number | null | undefined): string | null {
  if (a === null || a === undefined || b === null || b === undefined || b === 0) return null;
  return `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}×`;
}

/** Both modes on the same question, side by side, with tokens, cost and the ratio between them. */
export function CompareView({ state }: { state: CompareState }) {
  const c = state.chunked.result;
  const f = state.full.result;
  const costRatio = ratio(f?.cost.usd, c?.cost.usd);
  const tokenRatio = ratio(f?.usage.promptTokens ?? f?.usage.estimatedPromptTokens, c?.usage.promptTokens ?? c?.usage.estimatedPromptTokens);
  return (
    <section className="space-y-3" data-testid="compare-view">
      <div className="rounded-lg border border-sky-200 bg-sky-50 px-4 py-2 text-sm text-sky-900" data-testid="compare-ratio">
        {state.running
          ? "Asking in both modes…"
          : c && f
            ? <>Full document used <b>{tokenRatio ?? "n/a"}</b> the prompt tokens{costRatio ? <> and cost <b>{costRatio}</b></> : null} of chunked mode ({formatUsd(f.cost.usd)} vs {formatUsd(c.cost.usd)}).</>
            : "One of the modes could not answer; see below."}
      </div>
      <div className="grid gap-4 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        {(["chunked", "full"] as const).map((mode) => {
          const side = state[mode];
          const r = side.result;
          return (
            <div key={mode} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={`compare-${mode}`}>
              <h3 className="mb-2 font-semibold text-slate-900">{mode === "chunked" ? "Chunked" : "Full document"}</h3>
              {!r && !side.error && <p className="text-slate-500">Waiting…</p>}
              {side.error && (
                <p className="rounded bg-rose-50 px-2 py-1 text-sm text-rose-800" data-testid={`compare-${mode}-error`}>
                  {side.error.code}: {side.error.message}
                </p>
              )}
              {r && (
                <>
                  <dl className="mb-3 grid grid-cols-3 gap-2 text-xs">
                    <div>
                      <dt className="text-slate-500">Prompt</dt>
                      <dd className="tabular-nums" data-testid={`compare-${mode}-tokens`}>{(r.usage.promptTokens ?? r.usage.estimatedPromptTokens).toLocaleString("en-US")}</dd>
                    </div>
                    <div>
                      <dt className="text-slate-500">Completion</dt>
                      <dd className="tabular-nums">{r.usage.completionTokens?.toLocaleString("en-US") ?? "unknown"}</dd>
                    </div>
                    <div>
                      <dt className="text-slate-500">Cost</dt>
                      <dd className="tabular-nums" data-testid={`compare-${mode}-usd`}>{formatUsd(r.cost.usd)}</dd>
                    </div>
                  </dl>
                  <Markdown text={r.answer ?? ""} />
                </>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}
