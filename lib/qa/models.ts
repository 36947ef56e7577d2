/** The model picker's list: every priced model, whether an LLM is configured (never the key), defaults. */
import { llmConfigured, readEnv } from "../env";
import { listModelPrices, OFFLINE_MODEL } from "../pricing";

export interface ModelChoices {
  models: {
    model: string;
    provider: string;
    inputPerMTokens: number;
    cachedInputPerMTokens: number;
    outputPerMTokens: number;
    contextWindow: number;
    exactTokenizer: boolean;
    priceDate: string;
    source: string;
  }[];
  llmConfigured: boolean;
  /** What a question goes to when it names no model. */
  defaultModel: string;
  /** OPENAI_MODEL: what previews price questions at when the offline answerer is picked. */
  pricingModel: string;
  offlineModel: string;
  maxOutputTokens: number;
}

export function describeModels(): ModelChoices {
  const env = readEnv();
  const configured = llmConfigured(env);
  return {
    models: listModelPrices().map((m) => ({
      model: m.model,
      provider: m.provider,
      inputPerMTokens: m.inputPerMTokens,
      cachedInputPerMTokens: m.cachedInputPerMTokens,
      outputPerMTokens: m.outputPerMTokens,
      contextWindow: m.contextWindow,
      exactTokenizer: m.exactTokenizer,
      priceDate: m.priceDate,
      source: m.source,
    })),
    llmConfigured: configured,
    defaultModel: configured ? env.openaiModel : OFFLINE_MODEL,
    pricingModel: env.openaiModel,
    offlineModel: OFFLINE_MODEL,
    maxOutputTokens: env.maxOutputTokens,
  };
}
