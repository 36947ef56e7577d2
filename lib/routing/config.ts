/**
 * Where each tier goes in mode "auto": the model, the context budget and whether the context is
 * compressed. Stored in the settings table under its own key; defaults below apply until a person changes them.
 */
import { z } from "zod";
import { AppError } from "../errors";
import { getModelPrice, listModelPrices } from "../pricing";
import { getSetting, setSetting } from "../storage/settings";
import type { Tier } from "./classify";

/** The offline answerer's model name (free, no LLM call). */
export const OFFLINE_ROUTE_MODEL = "offline";

export const tierRouteSchema = z.object({
  /** A model the price catalog knows, or "offline". */
  model: z.string().trim().min(1).max(200),
  /** Context token budget for this tier; null means the app's context budget (settings). 200 to 100000. */
  contextTokens: z.number().int().min(200).max(100_000).nullable(),
  /** Compress the retrieved context before the call. */
  compression: z.boolean(),
  /** Share of the usual context's tokens compression keeps (chosen from a 1.5x wider look), 0.1 to 1; default 0.8. */
  compressionRatio: z.number().min(0.1).max(1),
  /**
   * Two-stage compression: skeletonModel (a cheap model) condenses the context into a skeleton (facts,
   * figures, pages; JSON) and this tier's model answers from it with the original text of the pages it points to.
   */
  skeleton: z.boolean(),
  /** The model writing the skeleton: one the price catalog knows. */
  skeletonModel: z.string().trim().min(1).max(200),
});

export type TierRoute = z.infer<typeof tierRouteSchema>;

export const routingSettingsSchema = z.object({
  simple: tierRouteSchema,
  moderate: tierRouteSchema,
  complex: tierRouteSchema,
  /** Escalate once to the next tier when an answer shows low confidence. */
  cascade: z.boolean(),
  /**
   * A cheap model that labels each question simple, moderate or complex (from the question alone, its
   * call paid and shown as a stage); null: the rules label it, with no call.
   */
  classifierModel: z.string().trim().min(1).max(200).nullable(),
});

export type RoutingSettings = z.infer<typeof routingSettingsSchema>;

/**
 * Defaults: each tier a step up in model and context, so an escalation changes both. Simple questions
 * go to the smallest model (gpt-4.1-nano, a twentieth of gpt-4.1's input price) with a smaller context;
 * moderate ones to a small model (gpt-4.1-mini, a fifth) with the full budget compressed to 80%; complex
 * ones to the strong model with the full budget. Chosen on the open evaluation set (docs/routing.md):
 * a 1,000-token simple context or 60% compression for moderate lost more than 5% of the evidence recall.
 */
export const DEFAULT_ROUTING_SETTINGS: RoutingSettings = {
  simple: { model: "gpt-4.1-nano", contextTokens: 1500, compression: false, compressionRatio: 0.8, skeleton: false, skeletonModel: "gpt-4.1-nano" },
  moderate: { model: "gpt-4.1-mini", contextTokens: null, compression: true, compressionRatio: 0.8, skeleton: false, skeletonModel: "gpt-4.1-nano" },
  complex: { model: "gpt-4.1", contextTokens: null, compression: false, compressionRatio: 0.8, skeleton: false, skeletonModel: "gpt-4.1-nano" },
  cascade: true,
  classifierModel: null,
};

const KEY = "routing";

/** Stored routing over the defaults (each tier merged field by field), pure. */
export function mergeRoutingSettings(stored: unknown): RoutingSettings {
  const partial = (stored && typeof stored === "object" ? stored : {}) as Partial<Record<keyof RoutingSettings, unknown>>;
  const tier = (name: Tier): TierRoute => {
    const merged = { ...DEFAULT_ROUTING_SETTINGS[name], ...(partial[name] && typeof partial[name] === "object" ? (partial[name] as object) : {}) };
    const parsed = tierRouteSchema.safeParse(merged);
    return parsed.success ? parsed.data : DEFAULT_ROUTING_SETTINGS[name];
  };
  return {
    simple: tier("simple"),
    moderate: tier("moderate"),
    complex: tier("complex"),
    cascade: typeof partial.cascade === "boolean" ? partial.cascade : DEFAULT_ROUTING_SETTINGS.cascade,
    classifierModel: typeof partial.classifierModel === "string" && partial.classifierModel.trim() !== "" ? partial.classifierModel.trim() : null,
  };
}

/** The routing in force: stored values over the defaults. */
export function getRoutingSettings(): RoutingSettings {
  return mergeRoutingSettings(getSetting<unknown>(KEY));
}

export const routingSettingsPatchSchema = z.object({
  simple: tierRouteSchema.partial().optional(),
  moderate: tierRouteSchema.partial().optional(),
  complex: tierRouteSchema.partial().optional(),
  cascade: z.boolean().optional(),
  classifierModel: z.string().trim().min(1).max(200).nullable().optional(),
});

export type RoutingSettingsPatch = z.infer<typeof routingSettingsPatchSchema>;

/** Applies a partial update (validated); returns the routing in force. Throws a ZodError on invalid input. */
export function updateRoutingSettings(patch: RoutingSettingsPatch): RoutingSettings {
  const current = getRoutingSettings();
  const next = routingSettingsSchema.parse({
    simple: { ...current.simple, ...patch.simple },
    moderate: { ...current.moderate, ...patch.moderate },
    complex: { ...current.complex, ...patch.complex },
    cascade: patch.cascade ?? current.cascade,
    classifierModel: patch.classifierModel === undefined ? current.classifierModel : patch.classifierModel,
  });
  setSetting(KEY, next);
  return next;
}

export interface ResolvedRoute {
  tier: Tier;
  model: string;
  contextTokens: number;
  /** Share of tokens to keep, or null for no compression. */
  compressionRatio: number | null;
  /** Two-stage compression's skeleton writer, or null for one call (always null with no LLM configured). */
  skeletonModel: string | null;
}

/**
 * The concrete path for a tier (pure): with no LLM configured every tier answers offline, so mode "auto"
 * works without a key; a tier's null budget takes the app's context budget.
 */
export function resolveRoute({ settings, tier, llmConfigured, defaultContextTokens }: { settings: RoutingSettings; tier: Tier; llmConfigured: boolean; defaultContextTokens: number }): ResolvedRoute {
  const route = settings[tier];
  return {
    tier,
    model: llmConfigured ? route.model : OFFLINE_ROUTE_MODEL,
    contextTokens: route.contextTokens ?? defaultContextTokens,
    compressionRatio: route.compression ? route.compressionRatio : null,
    skeletonModel: llmConfigured && route.skeleton && route.model !== OFFLINE_ROUTE_MODEL ? route.skeletonModel : null,
  };
}

/** What GET /api/routing answers: the routes in force and the defaults. */
export function routingSettingsView(): { routing: RoutingSettings; defaults: RoutingSettings } {
  return { routing: getRoutingSettings(), defaults: DEFAULT_ROUTING_SETTINGS };
}

/**
 * Validates a routing update (every model named must be in the price catalog, or "offline") and stores
 * it; throws unknown_model with the known models, or invalid_request.
 */
export function saveRoutingSettings(patch: RoutingSettingsPatch): RoutingSettings {
  for (const tier of ["simple", "moderate", "complex"] as const) {
    for (const model of [patch[tier]?.model, patch[tier]?.skeletonModel]) {
      if (model === undefined || model === OFFLINE_ROUTE_MODEL || getModelPrice(model)) continue;
      throw new AppError("unknown_model", `The price catalog does not know the model "${model.slice(0, 200)}" (${tier} route). Pick a listed model, or add its prices first.`, {
        knownModels: listModelPrices().map((m) => m.model),
      });
    }
  }
  const classifier = patch.classifierModel;
  if (typeof classifier === "string" && !getModelPrice(classifier.trim())) {
    throw new AppError("unknown_model", `The price catalog does not know the model "${classifier.slice(0, 200)}" (classifier). Pick a listed model, or add its prices first.`, {
      knownModels: listModelPrices().map((m) => m.model),
    });
  }
  try {
    return updateRoutingSettings(patch);
  } catch (err) {
    if (err instanceof z.ZodError) throw new AppError("invalid_request", `Invalid routing settings: ${err.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}.`);
    throw err;
  }
}
