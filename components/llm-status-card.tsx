import type { LlmStatus } from "@/lib/spend/llm-status";

/** Whether an LLM is configured, and which model answers by default. Never shows the key. */
export function LlmStatusCard({ status }: { status: LlmStatus }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="llm-status">
      <h2 className="text-base font-semibold text-slate-900">Language model</h2>
      {status.configured ? (
        <p className="mt-1 text-sm text-slate-700">
          <span className="mr-2 inline-block rounded bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800" data-testid="llm-configured">
            Configured
          </span>
          Questions go to <strong data-testid="llm-default-model">{status.defaultModel}</strong>
          {status.endpointHost ? (
            <>
              {" "}
              at <code className="rounded bg-slate-100 px-1">{status.endpointHost}</code>
            </>
          ) : null}
          {status.hasApiKey ? " with an API key (kept on the server)." : " without an API key."}
        </p>
      ) : (
        <p className="mt-1 text-sm text-slate-700">
          <span className="mr-2 inline-block rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700" data-testid="llm-offline">
            Offline answerer
          </span>
          No LLM is configured: questions are answered by the built-in offline answerer at $0. Previews are priced at{" "}
          <strong>{status.configuredModel}</strong>. Set <code>OPENAI_API_KEY</code> or <code>OPENAI_BASE_URL</code> on the server to use a model.
        </p>
      )}
      <p className="mt-1 text-xs text-slate-500">Every call asks for at most {status.maxOutputTokens.toLocaleString("en-US")} output tokens (MAX_OUTPUT_TOKENS); that much output is reserved against the budget before each question.</p>
    </section>
  );
}
