import { apiRoute, json } from "@/lib/http/handler";
import { answerAsEventStream, answerQuestion, dryRunResponse, planQuestion } from "@/lib/qa";
import { parseAskRequest } from "./schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** POST /api/ask: a dry run (the plan's numbers), a JSON answer, or a stream of server-sent events. */
export const POST = apiRoute(async (request) => {
  const { dryRun, stream, ...input } = await parseAskRequest(request);
  if (dryRun) return json(dryRunResponse(planQuestion(input, { dryRun: true })));
  if (stream) return answerAsEventStream(input, request.signal);
  return json(await answerQuestion(input, { signal: request.signal }));
});
