"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/lib/http/send-json";
import type { RoutingSettings } from "@/lib/routing/config";
import { Field, inputClass } from "./form-field";
import { FormFooter } from "./form-footer";

const TIERS = [
  { tier: "simple", label: "Simple", hint: "one stated fact or figure" },
  { tier: "moderate", label: "Moderate", hint: "a comparison, a change, a short explanation" },
  { tier: "complex", label: "Complex", hint: "calculations with formulas, several periods or things" },
] as const;

type Tier = (typeof TIERS)[number]["tier"];
interface TierForm {
  model: string;
  contextTokens: string;
  compression: boolean;
  compressionPercent: string;
  skeleton: boolean;
  skeletonModel: string;
}

/** The route per tier for mode auto and the cascade switch (PUT /api/routing). */
export function RoutingSettingsForm({ routing, models }: { routing: RoutingSettings; models: string[] }) {
  const router = useRouter();
  const toForm = (tier: Tier): TierForm => ({
    model: routing[tier].model,
    contextTokens: routing[tier].contextTokens === null ? "" : String(routing[tier].contextTokens),
    compression: routing[tier].compression,
    compressionPercent: String(Math.round(routing[tier].compressionRatio * 100)),
    skeleton: routing[tier].skeleton,
    skeletonModel: routing[tier].skeletonModel,
  });
  const [form, setForm] = useState<Record<Tier, TierForm>>({ simple: toForm("simple"), moderate: toForm("moderate"), complex: toForm("complex") });
  const [cascade, setCascade] = useState(routing.cascade);
  const [classifierModel, setClassifierModel] = useState(routing.classifierModel ?? "");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const update = (tier: Tier, patch: Partial<TierForm>) => setForm((f) => ({ ...f, [tier]: { ...f[tier], ...patch } }));

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setSaving(true);
    setMessage(null);
    const route = (t: TierForm) => ({
      model: t.model,
      contextTokens: t.contextTokens.trim() === "" ? null : Number(t.contextTokens),
      compression: t.compression,
      compressionRatio: Number(t.compressionPercent) / 100,
      skeleton: t.skeleton,
      skeletonModel: t.skeletonModel,
    });
    try {
      await sendJson("/api/routing", { method: "PUT", body: { simple: route(form.simple), moderate: route(form.moderate), complex: route(form.complex), cascade, classifierModel: classifierModel === "" ? null : classifierModel } });
      setMessage({ ok: true, text: "Saved. Questions in auto mode take these routes from now on." });
      router.refresh();
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message });
    } finally {
      setSaving(false);
    }
  }

  const options = [...new Set(["offline", ...models])];
  return (
    <form onSubmit={save} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="routing-settings-form" id="routing">
      <h2 className="text-base font-semibold text-slate-900">Auto mode routes</h2>
      <p className="mt-1 text-sm text-slate-600">
        In auto mode each question is classified (by rules, with no model call, unless a classifier model is chosen below) and answered on its tier&apos;s route. With no LLM configured every route uses the offline answerer. Two-stage: the skeleton model condenses the context into facts, figures and pages, then the route&apos;s model answers from that with the original text of those pages; both calls are charged.
      </p>
      <div className="mt-3 space-y-3">
        {TIERS.map(({ tier, label, hint }) => (
          <fieldset key={tier} className="grid gap-3 rounded border border-slate-200 p-3 sm:grid-cols-4" data-testid={`routing-${tier}`}>
            <legend className="px-1 text-sm font-medium text-slate-800">
              {label} <span className="font-normal text-slate-500">({hint})</span>
            </legend>
            <Field label="Model">
              <select value={form[tier].model} onChange={(e) => update(tier, { model: e.target.value })} className={inputClass} data-testid={`routing-${tier}-model`}>
                {options.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Context (tokens)" hint="blank: the context budget">
              <input type="number" min={200} max={100000} value={form[tier].contextTokens} onChange={(e) => update(tier, { contextTokens: e.target.value })} className={inputClass} data-testid={`routing-${tier}-context`} />
            </Field>
            <Field label="Compress context">
              <input type="checkbox" checked={form[tier].compression} onChange={(e) => update(tier, { compression: e.target.checked })} className="h-4 w-4" data-testid={`routing-${tier}-compression`} />
            </Field>
            <Field label="Keep (% of the context)" hint="10 to 100; chosen from a 1.5x wider look">
              <input type="number" min={10} max={100} value={form[tier].compressionPercent} onChange={(e) => update(tier, { compressionPercent: e.target.value })} className={`${inputClass} disabled:opacity-50`} disabled={!form[tier].compression} data-testid={`routing-${tier}-ratio`} />
            </Field>
            <Field label="Two-stage (skeleton)" hint="a cheap model condenses first">
              <input type="checkbox" checked={form[tier].skeleton} onChange={(e) => update(tier, { skeleton: e.target.checked })} className="h-4 w-4" data-testid={`routing-${tier}-skeleton`} />
            </Field>
            <Field label="Skeleton model">
              <select value={form[tier].skeletonModel} onChange={(e) => update(tier, { skeletonModel: e.target.value })} className={`${inputClass} disabled:opacity-50`} disabled={!form[tier].skeleton} data-testid={`routing-${tier}-skeleton-model`}>
                {models.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            </Field>
          </fieldset>
        ))}
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={cascade} onChange={(e) => setCascade(e.target.checked)} className="h-4 w-4" data-testid="routing-cascade" />
          Cascade: when an answer shows low confidence (says the documents do not say, cites no page, or its figures are not in the context), ask once more one tier up. Both calls are charged.
        </label>
        <label className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          Classifier:
          <select value={classifierModel} onChange={(e) => setClassifierModel(e.target.value)} className="rounded border border-slate-300 bg-white px-2 py-1" data-testid="routing-classifier">
            <option value="">Rules (no model call)</option>
            {models.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
          <span className="text-xs text-slate-500">A chosen model labels each question from its text alone (a few dozen tokens, charged and shown as a stage); used only with an LLM configured.</span>
        </label>
      </div>
      <FormFooter saving={saving} message={message} testId="routing-save" />
    </form>
  );
}
