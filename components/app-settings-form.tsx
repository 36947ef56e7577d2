"use client";

import { useMemo, useState } from "react";
import { sendJson } from "@/lib/http/send-json";
import type { AppSettings } from "@/lib/settings";
import { Field, inputClass } from "./form-field";
import { FormFooter } from "./form-footer";
import { useSaveAction } from "./use-save-action";

function toNumberOrNull(text: string): number | null {
  return text.trim() === "" ? null : Number(text);
}

/** Chunking defaults, context budget, time zone and prompt ceilings per mode (PUT /api/settings). */
export function AppSettingsForm({ settings }: { settings: AppSettings }) {
  const [form, setForm] = useState({
    chunkStrategy: settings.chunkStrategy,
    windowTokens: String(settings.windowTokens),
    overlapTokens: String(settings.overlapTokens),
    contextTokens: String(settings.contextTokens),
    timeZone: settings.timeZone,
    chunkedLimit: settings.promptTokenLimits.chunked === null ? "" : String(settings.promptTokenLimits.chunked),
    fullLimit: settings.promptTokenLimits.full === null ? "" : String(settings.promptTokenLimits.full),
  });
  const { message, saving, run } = useSaveAction();
  const zones = useMemo(() => (typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["UTC"]), []);
  const set = (key: keyof typeof form) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm({ ...form, [key]: event.target.value });

  async function save(event: React.FormEvent) {
    event.preventDefault();
    await run(async () => {
      await sendJson("/api/settings", {
        method: "PUT",
        body: {
          chunkStrategy: form.chunkStrategy,
          windowTokens: Number(form.windowTokens),
          overlapTokens: Number(form.overlapTokens),
          contextTokens: Number(form.contextTokens),
          timeZone: form.timeZone.trim(),
          promptTokenLimits: { chunked: toNumberOrNull(form.chunkedLimit), full: toNumberOrNull(form.fullLimit) },
        },
      });
      return "Saved. New uploads and questions use these settings.";
    });
  }

  return (
    <form onSubmit={save} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="app-settings-form" id="settings">
      <h2 className="text-base font-semibold text-slate-900">Questions and documents</h2>
      <div className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field label="Chunking strategy" hint="for new uploads">
          <select value={form.chunkStrategy} onChange={set("chunkStrategy")} className={inputClass} data-testid="setting-chunk-strategy">
            <option value="window">Token windows</option>
            <option value="page">Pages</option>
            <option value="paragraph">Paragraphs</option>
          </select>
        </Field>
        <Field label="Window (tokens)" hint="64 to 8,192">
          <input type="number" min={64} max={8192} value={form.windowTokens} onChange={set("windowTokens")} className={inputClass} data-testid="setting-window" />
        </Field>
        <Field label="Overlap (tokens)" hint="at most half the window">
          <input type="number" min={0} max={4096} value={form.overlapTokens} onChange={set("overlapTokens")} className={inputClass} data-testid="setting-overlap" />
        </Field>
        <Field label="Context budget (tokens)" hint="passages sent per chunked question, 200 to 100,000">
          <input type="number" min={200} max={100000} value={form.contextTokens} onChange={set("contextTokens")} className={inputClass} data-testid="setting-context" />
        </Field>
        <Field label="Time zone" hint="months and days on the dashboard">
          <input list="time-zones" value={form.timeZone} onChange={set("timeZone")} className={inputClass} data-testid="setting-time-zone" />
          <datalist id="time-zones">
            {zones.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </Field>
        <Field label="Prompt ceiling, chunked (tokens)" hint="blank: no ceiling">
          <input type="number" min={1} value={form.chunkedLimit} onChange={set("chunkedLimit")} placeholder="no ceiling" className={inputClass} data-testid="setting-limit-chunked" />
        </Field>
        <Field label="Prompt ceiling, full document (tokens)" hint="blank: no ceiling">
          <input type="number" min={1} value={form.fullLimit} onChange={set("fullLimit")} placeholder="no ceiling" className={inputClass} data-testid="setting-limit-full" />
        </Field>
      </div>
      <p className="mt-2 text-xs text-slate-500">A question whose prompt is over its mode&apos;s ceiling is refused before any call, with the count and the ceiling.</p>
      <FormFooter saving={saving} message={message} testId="settings-save" />
    </form>
  );
}
