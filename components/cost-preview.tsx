"use client";

import { useEffect, useState } from "react";
import type { AskMode, AskResponse } from "@/lib/qa/types";
import { formatUsd } from "@/lib/pricing/cost";
import { AskFailure, dryRun, type ApiErrorBody } from "./ask-client";

type ModePreview = { result: AskResponse | null; error: ApiErrorBody | null };

/** Debounce before pricing what is typed; ms. */
const PREVIEW_DELAY_MS = 350;

/** Live preview while typing: tokens and estimated cost of sending now, in both modes (dry runs). */
export function CostPreview({ question, documentIds, model, pricingModel }: { question: string; documentIds: string[]; model: string; pricingModel: string }) {
  const [previews, setPreviews] = useState<Record<AskMode, ModePreview> | null>(null);
  const [loading, setLoading] = useState(false);
  // The offline answerer is free: show what the configured model would charge instead.
  const pricedAt = model === "offline" ? pricingModel : model;
  const trimmed = question.trim();
  const key = JSON.stringify([trimmed, documentIds, pricedAt]);

  useEffect(() => {
    if (!trimmed) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setLoading(true);
      const run = async (mode: AskMode): Promise<ModePreview> => {
        try {
          return { result: await dryRun({ question: trimmed, documentIds, mode, model: pricedAt }, controller.signal), error: null };
        } catch (err) {
          if (err instanceof AskFailure) return { result: null, error: err.error };
          throw err;
        }
      };
      try {
        const [chunked, full] = await Promise.all([run("chunked"), run("full")]);
        setPreviews({ chunked, full });
      } catch {
        // Aborted by newer typing.
      } finally {
        if (!controller.signal.aborted) setLoading(false);
      }
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // key captures every input.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  if (!trimmed) return <p className="text-sm text-slate-500" data-testid="cost-preview">Type a question to see what it would cost in each mode.</p>;

  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="cost-preview" aria-busy={loading}>
      <p className="mb-2 text-xs text-slate-500">
        Sending now{model === "offline" ? <> with the offline answerer costs $0; at <b>{pricedAt}</b> it would cost:</> : <> to <b>{pricedAt}</b>:</>}
        {loading && <span className="ml-2 text-slate-400">updating…</span>}
      </p>
      <div className="grid grid-cols-2 gap-3">
        {(["chunked", "full"] as const).map((mode) => {
          const preview = previews?.[mode];
          return (
            <div key={mode} className="rounded bg-slate-50 p-2" data-testid={`preview-${mode}`}>
              <p className="font-medium text-slate-700">{mode === "chunked" ? "Chunked" : "Full document"}</p>
              {!preview && <p className="text-slate-400">…</p>}
              {preview?.result && (
                <p className="tabular-nums text-slate-800">
                  <span data-testid={`preview-${mode}-tokens`}>{preview.result.usage.estimatedPromptTokens.toLocaleString("en-US")}</span> prompt tokens ·{" "}
                  <span data-testid={`preview-${mode}-usd`}>{formatUsd(preview.result.cost.estimatedUsd)}</span>
                  <span className="block text-xs text-slate-500">incl. room for the longest answer (max_tokens)</span>
                </p>
              )}
              {preview?.error && (
                <p className="text-rose-700" data-testid={`preview-${mode}-error`}>
                  {preview.error.code === "context_too_large" ? `Does not fit: ${Number(preview.error.promptTokens).toLocaleString("en-US")} tokens > window ${Number(preview.error.contextWindow).toLocaleString("en-US")}` : preview.error.message}
                </p>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
