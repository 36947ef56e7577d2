import { apiRoute, json } from "@/lib/http/handler";
import { parseInput, readJson } from "@/lib/http/parse-input";
import { AppError } from "@/lib/errors";
import { getAppSettings, updateAppSettings, type AppSettings } from "@/lib/settings";
import { describeLlm } from "@/lib/spend/llm-status";
import { settingsPatchSchema } from "./schema";

export const dynamic = "force-dynamic";

function body(settings: AppSettings) {
  return { settings, llm: describeLlm() };
}

export const GET = apiRoute(() => json(body(getAppSettings())));

export const PUT = apiRoute(async (request) => {
  const patch = parseInput(settingsPatchSchema, await readJson(request));
  const current = getAppSettings();
  const next = { ...current, ...patch, promptTokenLimits: { ...current.promptTokenLimits, ...patch.promptTokenLimits } };
  if (next.overlapTokens > next.windowTokens / 2) {
    throw new AppError("invalid_request", `Overlap (${next.overlapTokens} tokens) can be at most half the window (${next.windowTokens} tokens).`);
  }
  return json(body(updateAppSettings(next)));
});
