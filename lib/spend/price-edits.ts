/**
 * Editing the price catalog: add a model (a local one at $0, a deployment mapped to a base model's
 * prices, or one with prices of its own), override a price, remove an override. Stored prices apply
 * from the next question on; past questions keep the cost stored with them.
 */
import { z } from "zod";
import { AppError } from "../errors";
import { BUILTIN_CATALOG, OFFLINE_MODEL, getModelPrice, listModelPrices, type ModelPrice } from "../pricing";
import { deleteStoredPrice, listStoredPrices, saveStoredPrice } from "../storage/prices";

const price = z.number().finite().min(0).max(10_000);
const modelName = z.string().trim().min(1).max(200);
const encoding = z.enum(["o200k_base", "cl100k_base"]);

export const priceTierSchema = z.object({
  aboveTokens: z.number().int().positive(),
  inputPerMTokens: price,
  cachedInputPerMTokens: price,
  outputPerMTokens: price,
});

/** The fields a person may override on any model. */
export const priceOverrideSchema = z
  .object({
    provider: z.string().trim().min(1).max(100),
    inputPerMTokens: price,
    cachedInputPerMTokens: price,
    outputPerMTokens: price,
    tiers: z.array(priceTierSchema).max(10),
    contextWindow: z.number().int().min(1_000).max(100_000_000),
    encoding,
    source: z.string().trim().min(1).max(200),
    priceDate: z.string().trim().regex(/^\d{4}-\d{2}(-\d{2})?$/, "a date as YYYY-MM or YYYY-MM-DD"),
  })
  .partial()
  .strict();

export type PriceOverride = z.infer<typeof priceOverrideSchema>;

/** Adding a model: local (free), deployment (a base model's prices under another name), or custom prices. */
export const addModelSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("local"), model: modelName, provider: z.string().trim().min(1).max(100).optional(), contextWindow: z.number().int().min(1_000).max(100_000_000).optional() }).strict(),
  z.object({ kind: z.literal("deployment"), model: modelName, baseModel: modelName, provider: z.string().trim().min(1).max(100).optional() }).strict(),
  z
    .object({
      kind: z.literal("custom"),
      model: modelName,
      provider: z.string().trim().min(1).max(100),
      inputPerMTokens: price,
      cachedInputPerMTokens: price.optional(),
      outputPerMTokens: price,
      contextWindow: z.number().int().min(1_000).max(100_000_000),
      encoding: encoding.optional(),
      tiers: z.array(priceTierSchema).max(10).optional(),
      source: z.string().trim().min(1).max(200).optional(),
      priceDate: z.string().trim().regex(/^\d{4}-\d{2}(-\d{2})?$/).optional(),
    })
    .strict(),
]);

export type AddModelRequest = z.infer<typeof addModelSchema>;

/** "YYYY-MM-DD" of an instant in UTC (the date stamped on a person's edit). */
function isoDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

function sortTiers(tiers: ModelPrice["tiers"]): ModelPrice["tiers"] {
  return [...tiers].sort((a, b) => a.aboveTokens - b.aboveTokens);
}

/** The entry a model addition stores (pure): the base model's prices for a deployment, $0 for local. */
export function buildAddedModel({ request, base, now }: { request: AddModelRequest; base: ModelPrice | undefined; now: number }): ModelPrice {
  const stamp = { source: "Added in settings", priceDate: isoDay(now), origin: "custom" as const };
  if (request.kind === "local") {
    return {
      model: request.model,
      provider: request.provider ?? "Local",
      inputPerMTokens: 0,
      cachedInputPerMTokens: 0,
      outputPerMTokens: 0,
      tiers: [],
      contextWindow: request.contextWindow ?? 128_000,
      encoding: "o200k_base",
      exactTokenizer: false,
      ...stamp,
    };
  }
  if (request.kind === "deployment") {
    if (!base) throw new AppError("unknown_model", `The base model "${request.baseModel}" is not in the price catalog.`);
    return {
      ...base,
      model: request.model,
      provider: request.provider ?? "Azure OpenAI",
      baseModel: base.baseModel ?? base.model,
      source: `${base.source} (prices of ${base.model})`,
      priceDate: base.priceDate,
      origin: "custom",
    };
  }
  return {
    model: request.model,
    provider: request.provider,
    inputPerMTokens: request.inputPerMTokens,
    cachedInputPerMTokens: request.cachedInputPerMTokens ?? request.inputPerMTokens,
    outputPerMTokens: request.outputPerMTokens,
    tiers: sortTiers(request.tiers ?? []),
    contextWindow: request.contextWindow,
    encoding: request.encoding ?? "o200k_base",
    exactTokenizer: false,
    source: request.source ?? stamp.source,
    priceDate: request.priceDate ?? stamp.priceDate,
    origin: "custom",
  };
}

/** The entry an override stores (pure): the current entry with the changed fields, dated today unless given. */
export function applyPriceOverride({ current, override, now }: { current: ModelPrice; override: PriceOverride; now: number }): ModelPrice {
  const changesPrices = override.inputPerMTokens !== undefined || override.cachedInputPerMTokens !== undefined || override.outputPerMTokens !== undefined || override.tiers !== undefined;
  return {
    ...current,
    ...override,
    tiers: sortTiers(override.tiers ?? current.tiers),
    source: override.source ?? (changesPrices ? "Edited in settings" : current.source),
    priceDate: override.priceDate ?? (changesPrices ? isoDay(now) : current.priceDate),
  };
}

/** Every model with its prices, and which ones a person changed. */
export function listPrices(): ModelPrice[] {
  return listModelPrices();
}

/** Adds a model the catalog does not know; a name the catalog already has must be overridden instead. */
export function addModel({ request, now }: { request: AddModelRequest; now: number }): ModelPrice {
  if (request.model === OFFLINE_MODEL) throw new AppError("invalid_request", `"${OFFLINE_MODEL}" is the built-in offline answerer.`);
  if (getModelPrice(request.model)) {
    throw new AppError("invalid_request", `"${request.model}" is already in the price catalog: edit its price instead.`);
  }
  const base = request.kind === "deployment" ? getModelPrice(request.baseModel) : undefined;
  const entry = buildAddedModel({ request, base, now });
  saveStoredPrice(entry, now);
  return getModelPrice(entry.model) ?? entry;
}

/** Overrides some of a model's fields; applies from the next question on. */
export function overridePrice({ model, override, now }: { model: string; override: PriceOverride; now: number }): ModelPrice {
  if (model === OFFLINE_MODEL) throw new AppError("invalid_request", "The offline answerer is always free.");
  const current = getModelPrice(model);
  if (!current) throw new AppError("not_found", `"${model}" is not in the price catalog. Add it first.`);
  const entry = applyPriceOverride({ current, override, now });
  saveStoredPrice(entry, now);
  return getModelPrice(model) ?? entry;
}

/**
 * Removes a person's override (the built-in price is back) or an added model (gone). Answers the entry
 * now in force, or null when the model is no longer in the catalog.
 */
export function removePriceOverride(model: string): ModelPrice | null {
  const stored = listStoredPrices().some((entry) => entry.model === model);
  if (!stored) {
    throw new AppError("not_found", BUILTIN_CATALOG.has(model) ? `"${model}" has no override to remove.` : `"${model}" is not in the price catalog.`);
  }
  deleteStoredPrice(model);
  return getModelPrice(model) ?? null;
}
