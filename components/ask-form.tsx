"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import type { AskMode } from "@/lib/qa/types";
import type { ModelChoices } from "@/lib/qa/models";
import { AskFailure, askJson, askStreaming, type ApiErrorBody } from "./ask-client";
import { AnswerView, type AnswerState } from "./answer-view";
import { CompareView, type CompareState } from "./compare-view";
import { CostPreview } from "./cost-preview";

export interface DocumentChoice {
  id: string;
  name: string;
  pages: number;
  tokens: number;
}

const MAX_QUESTION_CHARS = 4000;

function asError(err: unknown): ApiErrorBody {
  if (err instanceof AskFailure) return err.error;
  return { code: "internal_error", message: err instanceof Error ? err.message : "Something went wrong." };
}

/** The Ask page: documents, model, mode, the question with its live cost, the streamed answer or a comparison. */
export function AskForm({ documents, models }: { documents: DocumentChoice[]; models: ModelChoices }) {
  const [selected, setSelected] = useState<string[]>([]);
  const [model, setModel] = useState(models.defaultModel);
  const [mode, setMode] = useState<AskMode | "auto">("chunked");
  const [question, setQuestion] = useState("");
  const [answer, setAnswer] = useState<AnswerState | null>(null);
  const [compare, setCompare] = useState<CompareState | null>(null);
  const stopRef = useRef<AbortController | null>(null);
  const busy = answer?.status === "waiting" || answer?.status === "streaming" || compare?.running === true;
  const tooLong = question.trim().length > MAX_QUESTION_CHARS;
  const canAsk = question.trim().length > 0 && !tooLong && !busy && documents.length > 0;

  const toggle = (id: string) => setSelected((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current, id]));

  async function onAsk(noCache = false) {
    if (!canAsk) return;
    const controller = new AbortController();
    stopRef.current = controller;
    setCompare(null);
    const q = question.trim();
    setAnswer({ status: "waiting", question: q, text: "", result: null, error: null });
    try {
      const result = await askStreaming(
        { question: q, documentIds: selected, mode, model, ...(noCache ? { noCache: true } : {}) },
        {
          signal: controller.signal,
          onToken: (text) => setAnswer((s) => (s ? { ...s, status: "streaming", text: s.text + text } : s)),
          // A routed answer asked again one tier up starts its text afresh.
          onStage: (stage) => setAnswer((s) => (s && stage.index > 0 ? { ...s, status: "waiting", text: "" } : s)),
        },
      );
      setAnswer((s) => ({ status: result.status === "aborted" ? "stopped" : "done", question: q, text: result.answer ?? s?.text ?? "", result, error: null }));
    } catch (err) {
      if (controller.signal.aborted) setAnswer((s) => (s ? { ...s, status: "stopped" } : s));
      else setAnswer((s) => ({ status: "error", question: q, text: s?.text ?? "", result: null, error: asError(err) }));
    } finally {
      stopRef.current = null;
    }
  }

  async function onCompare() {
    if (!canAsk) return;
    const q = question.trim();
    setAnswer(null);
    const state: CompareState = { question: q, running: true, chunked: { result: null, error: null }, full: { result: null, error: null } };
    setCompare(state);
    const run = async (m: AskMode) => {
      try {
        return { result: await askJson({ question: q, documentIds: selected, mode: m, model }), error: null };
      } catch (err) {
        return { result: null, error: asError(err) };
      }
    };
    const [chunked, full] = await Promise.all([run("chunked"), run("full")]);
    setCompare({ question: q, running: false, chunked, full });
  }

  const byProvider = new Map<string, ModelChoices["models"]>();
  for (const m of models.models) {
    if (m.model === models.offlineModel) continue;
    byProvider.set(m.provider, [...(byProvider.get(m.provider) ?? []), m]);
  }

  return (
    <div className="space-y-6">
      <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-slate-700">Documents</legend>
          {documents.length === 0 ? (
            <p className="text-sm text-slate-500" data-testid="no-documents">
              No documents yet. <Link href="/documents" className="text-sky-700 underline">Upload a PDF in the Library</Link> first.
            </p>
          ) : (
            <div className="flex flex-wrap gap-2">
              <button
                type="button"
                onClick={() => setSelected([])}
                aria-pressed={selected.length === 0}
                className={`rounded-full border px-3 py-1 text-sm ${selected.length === 0 ? "border-sky-600 bg-sky-600 text-white" : "border-slate-300 text-slate-700"}`}
                data-testid="doc-all"
              >
                All documents
              </button>
              {documents.map((d) => (
                <button
                  key={d.id}
                  type="button"
                  onClick={() => toggle(d.id)}
                  aria-pressed={selected.includes(d.id)}
                  className={`rounded-full border px-3 py-1 text-sm ${selected.includes(d.id) ? "border-sky-600 bg-sky-50 text-sky-800" : "border-slate-300 text-slate-700"}`}
                  data-testid="doc-option"
                  data-document-id={d.id}
                  title={`${d.pages} pages, ${d.tokens.toLocaleString("en-US")} tokens`}
                >
                  {d.name}
                </button>
              ))}
            </div>
          )}
        </fieldset>

        <div className="flex flex-wrap items-end gap-4">
          <label className="text-sm">
            <span className="mb-1 block font-medium text-slate-700">Model</span>
            <select value={model} onChange={(e) => setModel(e.target.value)} className="rounded border border-slate-300 bg-white px-2 py-1.5" data-testid="model-select">
              <option value={models.offlineModel}>Offline answerer ($0)</option>
              {[...byProvider.entries()].map(([provider, list]) => (
                <optgroup key={provider} label={provider}>
                  {list.map((m) => (
                    <option key={m.model} value={m.model} disabled={!models.llmConfigured}>
                      {m.model} (${m.inputPerMTokens} / ${m.outputPerMTokens} per M){models.llmConfigured ? "" : " needs an LLM"}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </label>
          <div className="text-sm">
            <span className="mb-1 block font-medium text-slate-700">Mode</span>
            <div className="inline-flex overflow-hidden rounded border border-slate-300" role="group">
              {(["chunked", "full", "auto"] as const).map((m) => (
                <button
                  key={m}
                  type="button"
                  onClick={() => setMode(m)}
                  aria-pressed={mode === m}
                  className={`px-3 py-1.5 ${mode === m ? "bg-slate-800 text-white" : "bg-white text-slate-700"}`}
                  data-testid={`mode-${m}`}
                >
                  {m === "chunked" ? "Chunked" : m === "full" ? "Full document" : "Auto (routed)"}
                </button>
              ))}
            </div>
          </div>
          {!models.llmConfigured && (
            <p className="text-xs text-emerald-800" data-testid="offline-notice">
              Offline answerer: no LLM configured, $0. Set OPENAI_API_KEY on the server to use a model.
            </p>
          )}
        </div>

        <label className="block text-sm">
          <span className="mb-1 block font-medium text-slate-700">Question</span>
          <textarea
            value={question}
            onChange={(e) => setQuestion(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) void onAsk();
            }}
            rows={3}
            className="w-full rounded border border-slate-300 px-3 py-2"
            placeholder="What does the document say about…"
            data-testid="question-input"
          />
          <span className={`text-xs ${tooLong ? "text-rose-700" : "text-slate-400"}`}>
            {question.trim().length.toLocaleString("en-US")} / {MAX_QUESTION_CHARS.toLocaleString("en-US")} characters
          </span>
        </label>

        {documents.length > 0 && <CostPreview question={question} documentIds={selected} model={model} pricingModel={models.pricingModel} />}

        <div className="flex gap-2">
          <button type="button" onClick={() => void onAsk()} disabled={!canAsk} className="rounded bg-sky-600 px-4 py-2 text-sm font-medium text-white disabled:opacity-40" data-testid="ask-button">
            Ask
          </button>
          <button type="button" onClick={() => void onCompare()} disabled={!canAsk} className="rounded border border-slate-300 px-4 py-2 text-sm font-medium text-slate-700 disabled:opacity-40" data-testid="compare-button">
            Compare both modes
          </button>
          {(answer?.status === "waiting" || answer?.status === "streaming") && (
            <button type="button" onClick={() => stopRef.current?.abort()} className="rounded border border-rose-300 px-4 py-2 text-sm font-medium text-rose-700" data-testid="stop-button">
              Stop
            </button>
          )}
        </div>
      </div>

      {answer && <AnswerView state={answer} onRefresh={() => void onAsk(true)} />}
      {compare && <CompareView state={compare} />}
    </div>
  );
}
