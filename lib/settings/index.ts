/**
 * Settings a person can change in the app (stored), with their defaults. Environment settings live in
 * lib/env.ts; these are the product's own knobs.
 */
import { z } from "zod";
import { getSetting, setSetting } from "../storage/settings";
import { DEFAULT_CHUNK_OPTIONS } from "../chunking/types";

export const appSettingsSchema = z.object({
  /** Chunking strategy for new uploads. */
  chunkStrategy: z.enum(["window", "page", "paragraph"]),
  /** Window size in tokens; 64 to 8192. */
  windowTokens: z.number().int().min(64).max(8192),
  /** Overlap in tokens; 0 to half the window. */
  overlapTokens: z.number().int().min(0).max(4096),
  /** Context token budget per question in chunked mode; 200 to 100000. */
  contextTokens: z.number().int().min(200).max(100_000),
  /** IANA time zone for months and days on the dashboard; default UTC. */
  timeZone: z.string().min(1).max(64),
  /** Ceiling on prompt tokens per question, per mode; null means no ceiling. */
  promptTokenLimits: z.object({
    chunked: z.number().int().positive().nullable(),
    full: z.number().int().positive().nullable(),
  }),
});

export type AppSettings = z.infer<typeof appSettingsSchema>;

export const DEFAULT_APP_SETTINGS: AppSettings = {
  chunkStrategy: DEFAULT_CHUNK_OPTIONS.strategy,
  windowTokens: DEFAULT_CHUNK_OPTIONS.windowTokens,
  overlapTokens: DEFAULT_CHUNK_OPTIONS.overlapTokens,
  // Chosen on the evaluation frontier with the chunking above (docs/RETRIEVAL.md).
  contextTokens: 2000,
  timeZone: "UTC",
  promptTokenLimits: { chunked: null, full: null },
};

const KEY = "app";

/** The settings in force: stored values over the defaults. */
export function getAppSettings(): AppSettings {
  const stored = getSetting<Partial<AppSettings>>(KEY) ?? {};
  return { ...DEFAULT_APP_SETTINGS, ...stored, promptTokenLimits: { ...DEFAULT_APP_SETTINGS.promptTokenLimits, ...stored.promptTokenLimits } };
}

/** Applies a partial update after validating the result; returns the settings in force. */
export function updateAppSettings(patch: Partial<AppSettings>): AppSettings {
  const next = appSettingsSchema.parse({ ...getAppSettings(), ...patch });
  setSetting(KEY, next);
  return next;
}
