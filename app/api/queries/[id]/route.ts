import { apiRoute, json } from "@/lib/http/handler";
import { getStoredAnswer } from "@/lib/qa";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/queries/{id}: one stored question with its answer, citations and cost. */
export const GET = apiRoute<{ id: string }>((_request, { id }) => json(getStoredAnswer(id)));
