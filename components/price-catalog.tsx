"use client";

import { useRouter } from "next/navigation";
import { Fragment, useState } from "react";
import { sendJson } from "@/lib/http/send-json";
import type { ModelPrice } from "@/lib/pricing/types";

const usdFormat = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 6 });

function perM(value: number): string {
  return value === 0 ? "$0" : usdFormat.format(value);
}

function tokens(value: number): string {
  return value >= 1_000_000 ? `${(value / 1_000_000).toLocaleString("en-US", { maximumFractionDigits: 2 })}M` : `${Math.round(value / 1000).toLocaleString("en-US")}k`;
}

const ORIGIN_LABEL: Record<ModelPrice["origin"], { text: string; className: string }> = {
  catalog: { text: "catalog", className: "bg-slate-100 text-slate-600" },
  override: { text: "edited", className: "bg-amber-50 text-amber-800" },
  custom: { text: "added", className: "bg-sky-50 text-sky-800" },
};

/** The price catalog with per-row price edits and removal of a person's changes. */
export function PriceCatalog({ prices }: { prices: ModelPrice[] }) {
  const router = useRouter();
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState({ input: "", cached: "", output: "", contextWindow: "" });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  function startEdit(price: ModelPrice) {
    setEditing(price.model);
    setMessage(null);
    setDraft({ input: String(price.inputPerMTokens), cached: String(price.cachedInputPerMTokens), output: String(price.outputPerMTokens), contextWindow: String(price.contextWindow) });
  }

  async function run(action: () => Promise<unknown>, success: string) {
    setBusy(true);
    setMessage(null);
    try {
      await action();
      setMessage({ ok: true, text: success });
      setEditing(null);
      router.refresh();
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  }

  const save = (model: string) =>
    run(
      () =>
        sendJson(`/api/prices/${encodeURIComponent(model)}`, {
          method: "PUT",
          body: { inputPerMTokens: Number(draft.input), cachedInputPerMTokens: Number(draft.cached), outputPerMTokens: Number(draft.output), contextWindow: Number(draft.contextWindow) },
        }),
      `Saved ${model}'s prices. They apply from the next question; past questions keep the cost they were charged.`,
    );

  const remove = (price: ModelPrice) =>
    run(
      () => sendJson(`/api/prices/${encodeURIComponent(price.model)}`, { method: "DELETE" }),
      price.origin === "custom" ? `Removed ${price.model}.` : `${price.model} is back at its catalog price.`,
    );

  return (
    <div>
      {message && (
        <p role={message.ok ? "status" : "alert"} className={`mb-2 text-sm ${message.ok ? "text-emerald-700" : "text-red-700"}`} data-testid="price-message">
          {message.text}
        </p>
      )}
      <div className="overflow-x-auto">
        <table className="w-full min-w-[60rem] text-left text-sm" data-testid="price-table">
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="py-2 pr-3 font-medium">Model</th>
              <th className="py-2 pr-3 font-medium">Provider</th>
              <th className="py-2 pr-3 text-right font-medium">Input / 1M</th>
              <th className="py-2 pr-3 text-right font-medium">Cached / 1M</th>
              <th className="py-2 pr-3 text-right font-medium">Output / 1M</th>
              <th className="py-2 pr-3 font-medium">Long-prompt tiers</th>
              <th className="py-2 pr-3 text-right font-medium">Context</th>
              <th className="py-2 pr-3 font-medium">Source, date</th>
              <th className="py-2 font-medium" />
            </tr>
          </thead>
          <tbody>
            {prices.map((price) => {
              const origin = ORIGIN_LABEL[price.origin];
              const isEditing = editing === price.model;
              return (
                <Fragment key={price.model}>
                  <tr className="border-b border-slate-100 align-top" data-testid="price-row" data-model={price.model}>
                    <td className="py-2 pr-3 font-medium text-slate-900">
                      {price.model}
                      <span className={`ml-2 rounded px-1.5 text-xs font-normal ${origin.className}`}>{origin.text}</span>
                      {price.baseModel && <span className="block text-xs font-normal text-slate-500">prices of {price.baseModel}</span>}
                    </td>
                    <td className="py-2 pr-3 text-slate-600">{price.provider}</td>
                    <td className="py-2 pr-3 text-right tabular-nums" data-testid="price-input">{perM(price.inputPerMTokens)}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{perM(price.cachedInputPerMTokens)}</td>
                    <td className="py-2 pr-3 text-right tabular-nums" data-testid="price-output">{perM(price.outputPerMTokens)}</td>
                    <td className="py-2 pr-3 text-xs text-slate-600">
                      {price.tiers.length === 0
                        ? "—"
                        : price.tiers.map((tier) => (
                            <span key={tier.aboveTokens} className="block">
                              above {tokens(tier.aboveTokens)}: {perM(tier.inputPerMTokens)} / {perM(tier.cachedInputPerMTokens)} / {perM(tier.outputPerMTokens)}
                            </span>
                          ))}
                    </td>
                    <td className="py-2 pr-3 text-right tabular-nums text-slate-600">{tokens(price.contextWindow)}</td>
                    <td className="py-2 pr-3 text-xs text-slate-600">
                      {price.source}
                      <span className="block text-slate-400">{price.priceDate}</span>
                    </td>
                    <td className="whitespace-nowrap py-2 text-right">
                      {price.model !== "offline" && (
                        <button type="button" onClick={() => (isEditing ? setEditing(null) : startEdit(price))} className="text-sky-700 underline" data-testid="price-edit">
                          {isEditing ? "Cancel" : "Edit"}
                        </button>
                      )}
                      {price.origin !== "catalog" && (
                        <button type="button" disabled={busy} onClick={() => remove(price)} className="ml-3 text-red-700 underline" data-testid="price-remove">
                          {price.origin === "custom" ? "Remove" : "Reset"}
                        </button>
                      )}
                    </td>
                  </tr>
                  {isEditing && (
                    <tr className="border-b border-slate-200 bg-slate-50">
                      <td colSpan={9} className="px-2 py-3">
                        <form
                          className="flex flex-wrap items-end gap-3 text-sm"
                          onSubmit={(e) => {
                            e.preventDefault();
                            void save(price.model);
                          }}
                          data-testid="price-edit-form"
                        >
                          <PriceInput label="Input $/1M" value={draft.input} onChange={(v) => setDraft({ ...draft, input: v })} testId="edit-input" />
                          <PriceInput label="Cached input $/1M" value={draft.cached} onChange={(v) => setDraft({ ...draft, cached: v })} testId="edit-cached" />
                          <PriceInput label="Output $/1M" value={draft.output} onChange={(v) => setDraft({ ...draft, output: v })} testId="edit-output" />
                          <PriceInput label="Context window (tokens)" value={draft.contextWindow} onChange={(v) => setDraft({ ...draft, contextWindow: v })} testId="edit-context" step="1" />
                          <button type="submit" disabled={busy} className="rounded bg-slate-900 px-3 py-1.5 font-medium text-white disabled:opacity-50" data-testid="price-save">
                            Save price
                          </button>
                          <span className="text-xs text-slate-500">Applies from the next question; past questions keep their cost.</span>
                        </form>
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function PriceInput({ label, value, onChange, testId, step = "any" }: { label: string; value: string; onChange: (value: string) => void; testId: string; step?: string }) {
  return (
    <label className="flex flex-col gap-0.5 text-xs text-slate-600">
      {label}
      <input type="number" min={0} step={step} value={value} onChange={(e) => onChange(e.target.value)} className="w-32 rounded border border-slate-300 px-2 py-1 text-sm" data-testid={testId} required />
    </label>
  );
}
