import { apiRoute, json } from "@/lib/http/handler";
import { parseInput, readJson } from "@/lib/http/parse-input";
import { saveRoutingSettings, routingSettingsView } from "@/lib/routing/config";
import { routingPatchSchema } from "./schema";

export const dynamic = "force-dynamic";

/** GET /api/routing: the route per tier in force (mode auto), with the defaults. */
export const GET = apiRoute(() => json(routingSettingsView()));

/** PUT /api/routing: changes routes; unknown models answer 400 unknown_model. */
export const PUT = apiRoute(async (request) => {
  const patch = parseInput(routingPatchSchema, await readJson(request));
  saveRoutingSettings(patch);
  return json(routingSettingsView());
});
