import { apiRoute, json } from "@/lib/http/handler";
import { describeModels } from "@/lib/qa";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/models: the model picker's list and whether an LLM is configured (never the key). */
export const GET = apiRoute(() => json(describeModels()));
