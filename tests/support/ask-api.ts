/**
 * Calls POST /api/ask in-process and prices a stand-in call, for the API tests of asking. Import it after
 * the test has set its environment (DATA_DIR, OPENAI_*): the route loads the store.
 */
import { POST as ask } from "@/app/api/ask/route";
import { costOf, getModelPrice, type ModelPrice } from "@/lib/pricing";
import type { RoutedAskResponse } from "@/lib/routing/answer-auto";
import type { FakeCall } from "./fake-llm-server";

/** POST /api/ask with a JSON body: the status and the parsed answer (or error). */
export async function postAsk(body: Record<string, unknown>): Promise<{ status: number; body: RoutedAskResponse & { error?: { code: string } } }> {
  const res = await ask(new Request("http://127.0.0.1:3000/api/ask", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }), { params: Promise.resolve({}) });
  return { status: res.status, body: await res.json() };
}

/** What a stand-in call cost: its reported usage priced by the catalog, nano-dollars. */
export function pricedCall(call: FakeCall): number {
  const u = call.usage!;
  return costOf({ promptTokens: u.prompt_tokens, completionTokens: u.completion_tokens, cachedTokens: u.prompt_tokens_details.cached_tokens }, getModelPrice(call.model) as ModelPrice) as number;
}
