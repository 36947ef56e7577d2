import { apiRoute, json } from "@/lib/http/handler";
import { parseInput } from "@/lib/http/parse-input";
import { queriesToCsv } from "@/lib/spend/csv";
import { listQueries } from "@/lib/spend/query-log";
import { queriesQuerySchema } from "./schema";

export const dynamic = "force-dynamic";

export const GET = apiRoute((request) => {
  const { format, ...filters } = parseInput(queriesQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const queries = listQueries(filters);
  if (format === "csv") {
    return new Response(queriesToCsv(queries), {
      status: 200,
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="tokenwise-queries.csv"`,
        "cache-control": "no-store",
      },
    });
  }
  return json({ queries });
});
