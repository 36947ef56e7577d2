import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
process.env.DATA_DIR = mkdtempSync(join(tmpdir(), "tokenwise-ask-offline-"));
process.env.OPENAI_API_KEY = "";
process.env.OPENAI_BASE_URL = "";
process.env.ACCESS_TOKEN = "";

import { afterAll, describe, expect, it } from "vitest";
import { POST as ask } from "@/app/api/ask/route";
import { GET as getModels } from "@/app/api/models/route";
import { closeAllDbs } from "@/lib/storage";
import { getQuery } from "@/lib/storage/queries";
import { HANDBOOK_PAGES, seedDocument } from "../support/seed-documents";

afterAll(() => closeAllDbs());

function post(body: unknown): Promise<Response> {
  return ask(new Request("http://127.0.0.1:3000/api/ask", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }), { params: Promise.resolve({}) });
}

describe("asking with no LLM configured", () => {
  it("refuses with no_documents before anything is uploaded", async () => {
    const res = await post({ question: "Anything?" });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("no_documents");
  });

  it("answers with the offline answerer at $0, with citations, and records it", async () => {
    seedDocument({ name: "handbook.pdf", pages: HANDBOOK_PAGES, windowTokens: 48, overlapTokens: 8 });
    const res = await post({ question: "How long must passwords be?" });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.model).toBe("offline");
    expect(body.cost).toMatchObject({ usd: 0, estimatedUsd: 0, fullContextUsd: 0 });
    expect(body.answer).toContain("14 characters");
    // Passages spanning pages are cut to single pages, so the sentence cites its own page.
    expect(body.answer).toContain("at least 14 characters long and changed every 12 months. [p. 5]");
    expect(getQuery(body.id)).toMatchObject({ status: "ok", model: "offline", costNanoUsd: 0 });
  });

  it("refuses a priced model (llm_not_configured) but prices it in a dry run", async () => {
    const refused = await post({ question: "vacation", model: "gpt-4o-mini" });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.code).toBe("llm_not_configured");
    const preview = await (await post({ question: "vacation", model: "gpt-4o-mini", dryRun: true })).json();
    expect(preview.cost.estimatedUsd).toBeGreaterThan(0);
  });

  it("lists models with the LLM off and the offline answerer as default", async () => {
    const body = await (await getModels(new Request("http://127.0.0.1:3000/api/models"), { params: Promise.resolve({}) })).json();
    expect(body).toMatchObject({ llmConfigured: false, defaultModel: "offline", pricingModel: "gpt-4o-mini" });
  });
});
