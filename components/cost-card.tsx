import type { AskResponse } from "@/lib/qa/types";
import { formatUsd } from "@/lib/pricing/cost";

function tokens(value: number | null): string {
  return value === null ? "unknown" : value.toLocaleString("en-US");
}

/** What an answer cost beside it: tokens, dollars, the estimate, and what full-document mode would have cost. */
export function CostCard({ result }: { result: AskResponse }) {
  const { usage, cost } = result;
  const saving = cost.usd !== null ? cost.fullContextUsd - cost.usd : null;
  const savingPct = saving !== null && cost.fullContextUsd > 0 ? (saving / cost.fullContextUsd) * 100 : null;
  const approx = result.tokenCountIsEstimate ? "≈ " : "";
  return (
    <aside className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm" data-testid="cost-card">
      <div className="mb-3 flex items-center justify-between">
        <h3 className="font-semibold text-slate-900">Cost</h3>
        <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600" data-testid="cost-mode">
          {result.mode === "full" ? "Full document" : (result.mode as string) === "auto" ? "Auto" : "Chunked"} · {result.model}
        </span>
      </div>
      {result.model === "offline" && (
        <p className="mb-3 rounded bg-emerald-50 px-2 py-1 text-xs text-emerald-800" data-testid="offline-label">
          Offline answerer: no LLM configured, $0
        </p>
      )}
      <dl className="grid grid-cols-2 gap-x-3 gap-y-1">
        <dt className="text-slate-500">Prompt tokens</dt>
        <dd className="text-right tabular-nums" data-testid="cost-prompt-tokens">{tokens(usage.promptTokens)}</dd>
        <dt className="text-slate-500">Estimated prompt</dt>
        <dd className="text-right tabular-nums" data-testid="cost-estimated-tokens">{approx}{tokens(usage.estimatedPromptTokens)}</dd>
        <dt className="text-slate-500">Cached tokens</dt>
        <dd className="text-right tabular-nums" data-testid="cost-cached-tokens">{tokens(usage.cachedTokens)}</dd>
        <dt className="text-slate-500">Completion tokens</dt>
        <dd className="text-right tabular-nums" data-testid="cost-completion-tokens">{tokens(usage.completionTokens)}</dd>
        <dt className="mt-2 font-medium text-slate-900">Cost</dt>
        <dd className="mt-2 text-right font-semibold tabular-nums" data-testid="cost-usd">
          {formatUsd(cost.usd)}
          {cost.usdIsEstimate && <span className="ml-1 text-xs font-normal text-amber-700">(estimated)</span>}
        </dd>
        <dt className="text-slate-500">Reserved estimate</dt>
        <dd className="text-right tabular-nums" data-testid="cost-estimate">{formatUsd(cost.estimatedUsd)}</dd>
        <dt className="text-slate-500">Full document would cost</dt>
        <dd className="text-right tabular-nums" data-testid="cost-full">
          {formatUsd(cost.fullContextUsd)}
          {!cost.fullContextFits && <span className="ml-1 text-xs text-rose-700">(does not fit)</span>}
        </dd>
        <dt className="text-slate-500">Saving</dt>
        <dd className="text-right tabular-nums" data-testid="cost-saving">
          {saving === null ? "unknown" : savingPct === null ? formatUsd(saving) : `${formatUsd(saving)} (${savingPct.toFixed(1)}%)`}
        </dd>
      </dl>
      {result.tokenCountIsEstimate && <p className="mt-2 text-xs text-slate-500">Token counts for this model are estimates (its tokenizer is not tiktoken).</p>}
    </aside>
  );
}
