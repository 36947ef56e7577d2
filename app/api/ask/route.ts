import { apiRoute, json } from "@/lib/http/handler";
import { answerAsEventStream } from "@/lib/qa";
import { answerWithRouting, dryRunWithRouting } from "@/lib/routing/answer-auto";
import { parseAskRequest } from "./schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** POST /api/ask: a dry run (the plan's numbers), a JSON answer, or a stream of server-sent events. */
export const POST = apiRoute(async (request) => {
  const { dryRun, stream, ...input } = await parseAskRequest(request);
  if (dryRun) return json(dryRunWithRouting(input));
  if (stream) return answerAsEventStream(input, request.signal, answerWithRouting);
  return json(await answerWithRouting(input, { signal: request.signal }));
});
