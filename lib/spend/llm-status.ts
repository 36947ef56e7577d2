/** What the settings page may show about the LLM connection: never the key, at most the endpoint's host. */
import { llmConfigured, readEnv, type Env } from "../env";
import { OFFLINE_MODEL } from "../pricing";

export interface LlmStatus {
  /** True when a key or base URL is set; false: the offline answerer answers. */
  configured: boolean;
  /** The model questions go to by default ("offline" when no LLM is configured). */
  defaultModel: string;
  /** OPENAI_MODEL, the model cost previews are priced at even offline. */
  configuredModel: string;
  /** Host of OPENAI_BASE_URL, or "api.openai.com" with a key and no base URL; null offline. */
  endpointHost: string | null;
  /** True when a key is set (its value is never reported). */
  hasApiKey: boolean;
  maxOutputTokens: number;
}

/** The LLM status for display (pure over env). */
export function describeLlm(env: Env = readEnv()): LlmStatus {
  const configured = llmConfigured(env);
  let endpointHost: string | null = null;
  if (env.openaiBaseUrl) {
    try {
      endpointHost = new URL(env.openaiBaseUrl).host;
    } catch {
      endpointHost = "(unreadable base URL)";
    }
  } else if (configured) {
    endpointHost = "api.openai.com";
  }
  return {
    configured,
    defaultModel: configured ? env.openaiModel : OFFLINE_MODEL,
    configuredModel: env.openaiModel,
    endpointHost,
    hasApiKey: env.openaiApiKey !== undefined,
    maxOutputTokens: env.maxOutputTokens,
  };
}
