/**
 * The answerer for a model: the built-in offline answerer for "offline", otherwise the OpenAI-compatible
 * endpoint configured in the environment.
 */
import { readEnv, type Env } from "../env";
import { OFFLINE_MODEL } from "../pricing/catalog";
import { createOfflineAnswerer } from "./offline";
import { createOpenAiAnswerer } from "./openai-client";
import type { Answerer } from "./types";

export * from "./types";
export { LlmCallError, scrubSecrets } from "./errors";
export { createOpenAiAnswerer } from "./openai-client";
export { createOfflineAnswerer, composeOfflineAnswer, rankSentences, splitSentences, pageCitation } from "./offline";
export { retryDelayMs, isRetryableStatus, parseRetryAfterMs } from "./backoff";

let cached: { key: string; answerer: Answerer } | undefined;

/** The answerer for model (the environment is read on each call, so a changed setting applies). */
export function getAnswerer(model: string, env: Env = readEnv()): Answerer {
  if (model === OFFLINE_MODEL) return createOfflineAnswerer();
  const key = JSON.stringify([env.openaiApiKey, env.openaiBaseUrl, env.llmTimeoutMs, env.llmMaxRetries, env.llmRetryBaseMs]);
  if (cached?.key !== key) {
    cached = {
      key,
      answerer: createOpenAiAnswerer({ apiKey: env.openaiApiKey, baseURL: env.openaiBaseUrl, timeoutMs: env.llmTimeoutMs, maxRetries: env.llmMaxRetries, retryBaseMs: env.llmRetryBaseMs }),
    };
  }
  return cached.answerer;
}
