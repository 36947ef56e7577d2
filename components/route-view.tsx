import type { AskResponse } from "@/lib/qa/types";
import type { RoutedAskResponse, RouteStage } from "@/lib/routing/answer-auto";
import { formatUsd } from "@/lib/pricing/cost";

const TIER_STYLE: Record<string, string> = {
  simple: "bg-emerald-100 text-emerald-800",
  moderate: "bg-amber-100 text-amber-800",
  complex: "bg-violet-100 text-violet-800",
};

function tokens(value: number | null): string {
  return value === null ? "unknown" : value.toLocaleString("en-US");
}

function StageRow({ stage, index }: { stage: RouteStage; index: number }) {
  return (
    <li className="rounded border border-slate-200 p-2" data-testid="route-stage" data-tier={stage.tier} data-escalated={stage.escalated ? "true" : "false"}>
      <div className="flex items-center justify-between gap-2">
        <span className="font-medium text-slate-800">
          {index + 1}. <span className={`rounded px-1.5 py-0.5 text-xs ${TIER_STYLE[stage.tier] ?? ""}`}>{stage.tier}</span>{" "}
          <span data-testid="route-stage-model">{stage.model}</span>
        </span>
        <span className="font-semibold tabular-nums" data-testid="route-stage-cost">
          {formatUsd(stage.costUsd)}
        </span>
      </div>
      <p className="mt-1 text-xs text-slate-500">
        {tokens(stage.promptTokens)} prompt · {tokens(stage.completionTokens)} completion · {tokens(stage.cachedTokens)} cached
      </p>
      {stage.classifier ? (
        <p className="text-xs text-slate-500" data-testid="route-stage-classifier">
          {stage.classifier.label ? `Classified the question as ${stage.classifier.label}` : stage.classifier.fallback}
        </p>
      ) : (
      <p className="text-xs text-slate-500" data-testid="route-stage-context">
        Context {stage.contextTokens.toLocaleString("en-US")} tokens
        {stage.compression
          ? ` (compressed to ${Math.round(stage.compression.ratio * 100)}% of the usual context from ${stage.compression.tokensBefore.toLocaleString("en-US")} tokens retrieved)`
          : ` of a ${stage.contextBudgetTokens.toLocaleString("en-US")} budget`}
      </p>
      )}
      {stage.skeleton && (
        <p className="text-xs text-slate-500" data-testid="route-stage-skeleton" data-step={stage.skeleton.step}>
          {stage.skeleton.step === "skeleton" ? "Two-stage: condensed the context into a skeleton" : "Two-stage: answered from the skeleton"}
          {stage.skeleton.pages.length > 0 ? ` (pages ${stage.skeleton.pages.join(", ")})` : ""}
        </p>
      )}
      {stage.skeleton?.fallback && stage.skeleton.step === "answer" && (
        <p className="mt-1 text-xs text-amber-700" data-testid="route-stage-skeleton-fallback">
          {stage.skeleton.fallback}
        </p>
      )}
      {stage.escalated && <p className="mt-1 text-xs text-amber-700">Low confidence: asked again one tier up.</p>}
    </li>
  );
}

/**
 * Beside an answer: whether it came from the answer cache (with a one-click refresh), and for mode auto
 * the route it took, why, and what each stage cost.
 */
export function RouteView({ result, onRefresh }: { result: AskResponse; onRefresh?: () => void }) {
  const routed = result as Partial<RoutedAskResponse>;
  const route = routed.route ?? null;
  const hit = routed.answerCache === "hit";
  if (!route && !hit) return null;
  return (
    <aside className="mb-4 space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm" data-testid="route-view">
      {hit && (
        <div className="rounded bg-sky-50 px-2 py-2 text-xs text-sky-900" data-testid="cache-hit">
          <p>
            <span className="font-semibold">From the answer cache: $0</span>, no model call.
            {routed.cachedFrom && (
              <>
                {" "}First answered {new Date(routed.cachedFrom.createdAt).toLocaleString()} for {formatUsd(routed.cachedFrom.costUsd)}.
              </>
            )}
          </p>
          {onRefresh && (
            <button type="button" onClick={onRefresh} className="mt-2 rounded border border-sky-300 bg-white px-2 py-1 font-medium text-sky-800 hover:bg-sky-100" data-testid="cache-refresh">
              Refresh: ask the model again
            </button>
          )}
        </div>
      )}
      {route && (
        <div>
          <div className="mb-2 flex items-center justify-between">
            <h3 className="font-semibold text-slate-900">Route{hit ? " (when first answered)" : ""}</h3>
            <span className={`rounded px-2 py-0.5 text-xs font-medium ${TIER_STYLE[route.finalTier] ?? ""}`} data-testid="route-tier">
              {route.escalated ? `${route.tier} → ${route.finalTier}` : route.tier}
            </span>
          </div>
          <p className="text-xs text-slate-600" data-testid="route-why">
            {route.why}
          </p>
          {route.escalationWhy && (
            <p className="mt-1 text-xs text-amber-800" data-testid="route-escalation">
              {route.escalationWhy}
            </p>
          )}
          {route.escalationError && <p className="mt-1 text-xs text-rose-700">The escalation failed ({route.escalationError}); this is the first answer.</p>}
          <ol className="mt-2 space-y-2">
            {route.stages.map((stage, i) => (
              <StageRow key={`${stage.tier}-${i}`} stage={stage} index={i} />
            ))}
          </ol>
        </div>
      )}
    </aside>
  );
}
