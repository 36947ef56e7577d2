import { apiRoute, json } from "@/lib/http/handler";
import { llmConfigured } from "@/lib/env";

export const dynamic = "force-dynamic";

export const GET = apiRoute(() => json({ ok: true, llm: llmConfigured() ? "configured" : "offline" }));
