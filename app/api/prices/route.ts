import { apiRoute, json } from "@/lib/http/handler";
import { parseInput, readJson } from "@/lib/http/parse-input";
import { addModel, addModelSchema, listPrices } from "@/lib/spend/price-edits";

export const dynamic = "force-dynamic";

export const GET = apiRoute(() => json({ prices: listPrices() }));

/** Adds a model: {kind: "local", model} at $0, {kind: "deployment", model, baseModel}, or {kind: "custom", ...prices}. */
export const POST = apiRoute(async (request) => {
  const body = parseInput(addModelSchema, await readJson(request));
  return json({ price: addModel({ request: body, now: Date.now() }) }, 201);
});
