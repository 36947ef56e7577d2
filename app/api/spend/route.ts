import { z } from "zod";
import { apiRoute, json } from "@/lib/http/handler";
import { parseInput } from "@/lib/http/parse-input";
import { getSpendSummary } from "@/lib/spend/summary";

export const dynamic = "force-dynamic";

const spendQuerySchema = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month as YYYY-MM").optional() });

export const GET = apiRoute((request) => {
  const { month } = parseInput(spendQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  return json(getSpendSummary({ now: Date.now(), month }));
});
