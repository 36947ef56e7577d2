/**
 * The OpenAI-compatible client (the `openai` SDK): streams with usage, always sets max_tokens, retries
 * 408/409/429/5xx, timeouts and connection failures with backoff until the first token, and stops on a
 * signal keeping what was generated. Errors carry the provider's status, never the key.
 */
import OpenAI from "openai";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import { LlmCallError, scrubSecrets } from "./errors";
import { isRetryableStatus, parseRetryAfterMs, retryDelayMs } from "./backoff";
import type { Answerer, LlmRequest, LlmResult } from "./types";
import type { TokenUsage } from "../pricing/types";

export interface OpenAiAnswererOptions {
  /** Omitted with a base URL: a placeholder is sent (local servers need none). */
  apiKey?: string;
  baseURL?: string;
  /** Longest wait for the response and then between two streamed chunks, per attempt; ms. */
  timeoutMs: number;
  /** Retries after the first attempt; 0 to 10. */
  maxRetries: number;
  /** First retry delay (doubled per retry); ms. */
  retryBaseMs: number;
}

/** Models that take max_completion_tokens instead of max_tokens (OpenAI's reasoning models). */
function usesMaxCompletionTokens(model: string): boolean {
  return /^(o\d|gpt-5)/.test(model.replace(/^azure\//, ""));
}

function describeStatus(status: number): string {
  if (status === 429) return "rate limited";
  if (status === 401 || status === 403) return "the key was refused";
  if (status === 404) return "model or endpoint not found";
  if (status === 408) return "request timeout";
  if (status >= 500) return "server error";
  return "request refused";
}

interface Failure {
  retryable: boolean;
  status: number | null;
  message: string;
  retryAfterMs: number | null;
}

function classify(err: unknown, timedOut: boolean, timeoutMs: number, secret: string | undefined): Failure {
  if (timedOut || err instanceof OpenAI.APIConnectionTimeoutError) {
    return { retryable: true, status: null, message: `no response within ${timeoutMs} ms (timeout)`, retryAfterMs: null };
  }
  if (err instanceof OpenAI.APIError && typeof err.status === "number") {
    const headers = err.headers;
    const retryAfterMs = parseRetryAfterMs({ retryAfter: headers?.get("retry-after") ?? null, retryAfterMs: headers?.get("retry-after-ms") ?? null, now: Date.now() });
    const detail = scrubSecrets(String((err.error as { message?: unknown } | undefined)?.message ?? err.message ?? ""), secret).slice(0, 300);
    return { retryable: isRetryableStatus(err.status), status: err.status, message: `HTTP ${err.status} (${describeStatus(err.status)})${detail ? `: ${detail}` : ""}`, retryAfterMs };
  }
  const detail = scrubSecrets(err instanceof Error ? err.message : String(err), secret).slice(0, 200);
  return { retryable: true, status: null, message: `connection failed${detail ? ` (${detail})` : ""}`, retryAfterMs: null };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

function readUsage(chunk: ChatCompletionChunk): TokenUsage | null {
  const usage = chunk.usage;
  if (!usage) return null;
  const num = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : null);
  return {
    promptTokens: num(usage.prompt_tokens),
    cachedTokens: num(usage.prompt_tokens_details?.cached_tokens),
    completionTokens: num(usage.completion_tokens),
  };
}

/** An answerer for any OpenAI-compatible endpoint. */
export function createOpenAiAnswerer(options: OpenAiAnswererOptions): Answerer {
  const client = new OpenAI({
    apiKey: options.apiKey ?? "no-key-needed",
    baseURL: options.baseURL,
    maxRetries: 0,
    // Our own per-attempt timer covers both the wait for headers and the gaps between chunks.
    timeout: options.timeoutMs + 1000,
  });

  async function attempt(request: LlmRequest, emitted: { text: string }): Promise<{ result?: LlmResult; failure?: Failure }> {
    const controller = new AbortController();
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, options.timeoutMs);
    };
    const onAbort = () => controller.abort();
    request.signal?.addEventListener("abort", onAbort, { once: true });
    let usage: TokenUsage | null = null;
    let finishReason: string | null = null;
    try {
      arm();
      const limit = usesMaxCompletionTokens(request.model) ? { max_completion_tokens: request.maxOutputTokens } : { max_tokens: request.maxOutputTokens };
      const stream = await client.chat.completions.create(
        { model: request.model, messages: request.messages, stream: true, stream_options: { include_usage: true }, ...limit },
        { signal: controller.signal },
      );
      arm();
      for await (const chunk of stream) {
        arm();
        const choice = chunk.choices?.[0];
        const delta = choice?.delta?.content;
        if (delta) {
          emitted.text += delta;
          request.onToken?.(delta);
        }
        if (choice?.finish_reason) finishReason = choice.finish_reason;
        usage = readUsage(chunk) ?? usage;
      }
      // The SDK ends the iteration quietly when its signal aborts: a timeout or a stop, not a finished answer.
      if (timedOut) return { failure: classify(null, true, options.timeoutMs, options.apiKey) };
      if (request.signal?.aborted) return { result: { text: emitted.text, usage, finishReason, aborted: true, attempts: 0 } };
      return { result: { text: emitted.text, usage, finishReason, aborted: false, attempts: 0 } };
    } catch (err) {
      if (request.signal?.aborted && !timedOut) {
        return { result: { text: emitted.text, usage, finishReason, aborted: true, attempts: 0 } };
      }
      return { failure: classify(err, timedOut, options.timeoutMs, options.apiKey) };
    } finally {
      if (timer) clearTimeout(timer);
      request.signal?.removeEventListener("abort", onAbort);
    }
  }

  return {
    async answer(request) {
      const emitted = { text: "" };
      for (let attempts = 1; ; attempts++) {
        if (request.signal?.aborted) return { text: emitted.text, usage: null, finishReason: null, aborted: true, attempts: attempts - 1 };
        const { result, failure } = await attempt(request, emitted);
        if (result) return { ...result, attempts };
        const fail = failure as Failure;
        // Once text has reached the person a retry would repeat it: fail with what was generated.
        if (emitted.text.length > 0) {
          throw new LlmCallError({ message: `The model stopped mid-answer: ${fail.message}.`, partialText: emitted.text, providerStatus: fail.status, attempts });
        }
        if (!fail.retryable || attempts > options.maxRetries) {
          const tries = attempts === 1 ? "1 attempt" : `${attempts} attempts`;
          throw new LlmCallError({ message: `The model provider failed after ${tries}: ${fail.message}.`, partialText: "", providerStatus: fail.status, attempts });
        }
        await sleep(retryDelayMs({ attempt: attempts, baseMs: options.retryBaseMs, retryAfterMs: fail.retryAfterMs, jitter: Math.random() }), request.signal);
      }
    },
  };
}
