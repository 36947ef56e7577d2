"use client";

import { useState } from "react";
import { sendJson } from "@/lib/http/send-json";
import { Field, inputClass } from "./form-field";
import { FormFooter } from "./form-footer";
import { useSaveAction } from "./use-save-action";

type Kind = "local" | "deployment" | "custom";

/** Adds a model the catalog does not know: a local one at $0, a deployment on a base model's prices, or own prices. */
export function AddModelForm({ baseModels }: { baseModels: string[] }) {
  const [kind, setKind] = useState<Kind>("local");
  const [model, setModel] = useState("");
  const [baseModel, setBaseModel] = useState(baseModels.includes("gpt-4o") ? "gpt-4o" : (baseModels[0] ?? ""));
  const [provider, setProvider] = useState("");
  const [input, setInput] = useState("");
  const [output, setOutput] = useState("");
  const [contextWindow, setContextWindow] = useState("128000");
  const { message, saving, run } = useSaveAction();

  async function add(event: React.FormEvent) {
    event.preventDefault();
    const body =
      kind === "local"
        ? { kind, model: model.trim(), contextWindow: Number(contextWindow), ...(provider.trim() ? { provider: provider.trim() } : {}) }
        : kind === "deployment"
          ? { kind, model: model.trim(), baseModel, ...(provider.trim() ? { provider: provider.trim() } : {}) }
          : { kind, model: model.trim(), provider: provider.trim() || "Custom", inputPerMTokens: Number(input), outputPerMTokens: Number(output), contextWindow: Number(contextWindow) };
    const added = await run(async () => {
      await sendJson("/api/prices", { method: "POST", body });
      return `Added ${model.trim()}.`;
    });
    if (added) setModel("");
  }

  return (
    <form onSubmit={add} className="mt-4 rounded border border-slate-200 bg-slate-50 p-4" data-testid="add-model-form">
      <h3 className="text-sm font-semibold text-slate-800">Add a model</h3>
      <div className="mt-2 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Field label="Kind">
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} className={inputClass} data-testid="add-kind">
            <option value="local">Local model, free ($0)</option>
            <option value="deployment">Azure deployment of a catalog model</option>
            <option value="custom">Other model with its own prices</option>
          </select>
        </Field>
        <Field label={kind === "deployment" ? "Deployment name" : "Model name"} hint="exactly as sent to the endpoint">
          <input value={model} onChange={(e) => setModel(e.target.value)} required maxLength={200} className={inputClass} data-testid="add-model" placeholder={kind === "local" ? "llama3.1:8b" : kind === "deployment" ? "my-gpt4o-prod" : "vendor-model-1"} />
        </Field>
        {kind === "deployment" && (
          <Field label="Base model" hint="its prices and context window are used">
            <select value={baseModel} onChange={(e) => setBaseModel(e.target.value)} className={inputClass} data-testid="add-base-model">
              {baseModels.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label="Provider" hint="optional label">
          <input value={provider} onChange={(e) => setProvider(e.target.value)} maxLength={100} className={inputClass} data-testid="add-provider" placeholder={kind === "deployment" ? "Azure OpenAI" : kind === "local" ? "Local" : "Custom"} />
        </Field>
        {kind === "custom" && (
          <>
            <Field label="Input $ per 1M tokens">
              <input type="number" min={0} step="any" value={input} onChange={(e) => setInput(e.target.value)} required className={inputClass} data-testid="add-input" />
            </Field>
            <Field label="Output $ per 1M tokens">
              <input type="number" min={0} step="any" value={output} onChange={(e) => setOutput(e.target.value)} required className={inputClass} data-testid="add-output" />
            </Field>
          </>
        )}
        {kind !== "deployment" && (
          <Field label="Context window (tokens)">
            <input type="number" min={1000} step={1} value={contextWindow} onChange={(e) => setContextWindow(e.target.value)} required className={inputClass} data-testid="add-context" />
          </Field>
        )}
      </div>
      <FormFooter saving={saving} message={message} testId="add-model-submit" />
    </form>
  );
}
