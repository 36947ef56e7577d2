import os from "node:os";
import path from "node:path";
import fs from "node:fs";
process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "tokenwise-routing-config-"));
import { describe, expect, it } from "vitest";
import { DEFAULT_ROUTING_SETTINGS, getRoutingSettings, mergeRoutingSettings, resolveRoute, updateRoutingSettings } from "@/lib/routing/config";
import { BUILTIN_CATALOG } from "@/lib/pricing/catalog";

describe("routing settings", () => {
  it("defaults: a step up in model per tier, a small context for simple, the full budget for complex", () => {
    const s = getRoutingSettings();
    expect(s).toEqual(DEFAULT_ROUTING_SETTINGS);
    expect(s.simple.contextTokens).toBeLessThan(2000);
    expect(s.moderate.compression).toBe(true);
    expect(s.complex.contextTokens).toBeNull();
    for (const tier of [s.simple, s.moderate, s.complex]) expect(BUILTIN_CATALOG.has(tier.model)).toBe(true);
    const inputPrice = (model: string) => BUILTIN_CATALOG.get(model)!.inputPerMTokens;
    expect(inputPrice(s.simple.model)).toBeLessThan(inputPrice(s.moderate.model));
    expect(inputPrice(s.moderate.model)).toBeLessThan(inputPrice(s.complex.model));
  });

  it("stores a partial update and keeps the rest", () => {
    const next = updateRoutingSettings({ simple: { model: "offline" }, cascade: false });
    expect(next.simple).toEqual({ ...DEFAULT_ROUTING_SETTINGS.simple, model: "offline" });
    expect(getRoutingSettings().cascade).toBe(false);
    expect(getRoutingSettings().complex).toEqual(DEFAULT_ROUTING_SETTINGS.complex);
  });

  it("refuses an invalid update and keeps what was stored", () => {
    expect(() => updateRoutingSettings({ moderate: { compressionRatio: 0 } })).toThrow();
    expect(getRoutingSettings().moderate.compressionRatio).toBe(DEFAULT_ROUTING_SETTINGS.moderate.compressionRatio);
  });

  it("falls back to defaults for a damaged stored value", () => {
    expect(mergeRoutingSettings("garbage")).toEqual(DEFAULT_ROUTING_SETTINGS);
    expect(mergeRoutingSettings({ simple: { contextTokens: -5 }, cascade: "yes" })).toEqual(DEFAULT_ROUTING_SETTINGS);
  });
});

describe("resolveRoute", () => {
  it("answers offline on every tier when no LLM is configured", () => {
    for (const tier of ["simple", "moderate", "complex"] as const) {
      expect(resolveRoute({ settings: DEFAULT_ROUTING_SETTINGS, tier, llmConfigured: false, defaultContextTokens: 2000 }).model).toBe("offline");
    }
  });

  it("takes the app budget for a null budget and no ratio without compression", () => {
    expect(resolveRoute({ settings: DEFAULT_ROUTING_SETTINGS, tier: "complex", llmConfigured: true, defaultContextTokens: 3000 })).toEqual({
      tier: "complex",
      model: "gpt-4.1",
      contextTokens: 3000,
      compressionRatio: null,
      skeletonModel: null,
    });
    expect(resolveRoute({ settings: DEFAULT_ROUTING_SETTINGS, tier: "moderate", llmConfigured: true, defaultContextTokens: 3000 }).compressionRatio).toBe(0.8);
  });
});
