import { apiRoute, json } from "@/lib/http/handler";
import { parseInput, readJson } from "@/lib/http/parse-input";
import { AppError } from "@/lib/errors";
import { getModelPrice } from "@/lib/pricing";
import { overridePrice, priceOverrideSchema, removePriceOverride } from "@/lib/spend/price-edits";

export const dynamic = "force-dynamic";

type Params = { model: string };

/** The model name from the path; a slash arrives encoded (azure%2Fgpt-4o) when the router leaves it so. */
function modelName(raw: string): string {
  if (!raw.includes("%")) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export const GET = apiRoute<Params>((_request, params) => {
  const model = modelName(params.model);
  const price = getModelPrice(model);
  if (!price) throw new AppError("not_found", `"${model}" is not in the price catalog.`);
  return json({ price });
});

/** Overrides some of a model's fields (prices, tiers, context window, source, date). */
export const PUT = apiRoute<Params>(async (request, params) => {
  const model = modelName(params.model);
  const override = parseInput(priceOverrideSchema, await readJson(request));
  return json({ price: overridePrice({ model, override, now: Date.now() }) });
});

/** Removes an override (the built-in price is back) or an added model. */
export const DELETE = apiRoute<Params>((_request, params) => json({ price: removePriceOverride(modelName(params.model)) }));
