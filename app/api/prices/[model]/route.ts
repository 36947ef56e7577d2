import { apiRoute, json } from "@/lib/http/handler";
import { parseInput, readJson } from "@/lib/http/parse-input";
import { AppError } from "@/lib/errors";
import { getModelPrice } from "@/lib/pricing";
import { overridePrice, priceOverrideSchema, removePriceOverride } from "@/lib/spend/price-edits";

export const dynamic = "force-dynamic";

type Params = { model: string };

export const GET = apiRoute<Params>((_request, { model }) => {
  const price = getModelPrice(model);
  if (!price) throw new AppError("not_found", `"${model}" is not in the price catalog.`);
  return json({ price });
});

/** Overrides some of a model's fields (prices, tiers, context window, source, date). */
export const PUT = apiRoute<Params>(async (request, { model }) => {
  const override = parseInput(priceOverrideSchema, await readJson(request));
  return json({ price: overridePrice({ model, override, now: Date.now() }) });
});

/** Removes an override (the built-in price is back) or an added model. */
export const DELETE = apiRoute<Params>((_request, { model }) => json({ price: removePriceOverride(model) }));
