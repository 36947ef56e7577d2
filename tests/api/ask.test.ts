import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
process.env.DATA_DIR = mkdtempSync(join(tmpdir(), "tokenwise-ask-api-"));
const KEY = "sk-test-api-secret-abcdef123456";
process.env.OPENAI_API_KEY = KEY;
process.env.LLM_TIMEOUT_MS = "1500";
process.env.LLM_MAX_RETRIES = "2";
process.env.LLM_RETRY_BASE_MS = "5";
process.env.ACCESS_TOKEN = "";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as ask } from "@/app/api/ask/route";
import { GET as getModels } from "@/app/api/models/route";
import { GET as getStored } from "@/app/api/queries/[id]/route";
import { closeAllDbs, type DocumentRecord } from "@/lib/storage";
import { countQueries, getQuery } from "@/lib/storage/queries";
import { getBudgetStatus } from "@/lib/spend/budget";
import { countChatTokens } from "@/lib/tokens";
import { startFakeLlm, type FakeLlm } from "../support/fake-llm-server";
import { HANDBOOK_PAGES, seedDocument } from "../support/seed-documents";

let fake: FakeLlm;
let handbook: DocumentRecord;

beforeAll(async () => {
  fake = await startFakeLlm({ port: 0 });
  process.env.OPENAI_BASE_URL = fake.url;
  countChatTokens([{ role: "user", content: "warm the tokenizer" }]);
  handbook = seedDocument({ name: "handbook.pdf", pages: HANDBOOK_PAGES, windowTokens: 48, overlapTokens: 8 });
});
afterAll(async () => {
  await fake.close();
  closeAllDbs();
});
beforeEach(() => {
  fake.calls.length = 0;
  fake.setBehavior("ok", 0);
});

// These tests are about the model call: noCache keeps the answer cache from answering a repeated question.
function post(body: unknown): Promise<Response> {
  const json = typeof body === "string" ? body : JSON.stringify(body && typeof body === "object" ? { noCache: true, ...body } : body);
  return ask(new Request("http://127.0.0.1:3000/api/ask", { method: "POST", headers: { "content-type": "application/json" }, body: json }), { params: Promise.resolve({}) });
}

async function readEvents(response: Response): Promise<{ event: string; data: unknown }[]> {
  const text = await response.text();
  return text
    .split("\n\n")
    .filter((frame) => frame.trim())
    .map((frame) => {
      const event = /^event: (.*)$/m.exec(frame)?.[1] ?? "message";
      const data = JSON.parse(/^data: (.*)$/m.exec(frame)?.[1] ?? "null");
      return { event, data };
    });
}

const QUESTION = "How many days of paid vacation do employees accrue per year?";

describe("POST /api/ask", () => {
  it("dry run: the plan's numbers, every real field null, no call, nothing recorded or spent", async () => {
    const before = countQueries();
    const res = await post({ question: QUESTION, dryRun: true, model: "gpt-4o-mini" });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ id: null, answer: null, mode: "chunked", model: "gpt-4o-mini", usage: { promptTokens: null, completionTokens: null, cachedTokens: null }, cost: { usd: null } });
    expect(body.usage.estimatedPromptTokens).toBeGreaterThan(100);
    expect(body.cost.estimatedUsd).toBeGreaterThan(0);
    expect(body.cost.fullContextUsd).toBeGreaterThan(body.cost.estimatedUsd);
    expect(body.cost.fullContextFits).toBe(true);
    expect(body.citations[0]).toEqual({ documentId: handbook.id, documentName: "handbook.pdf", pageStart: expect.any(Number), pageEnd: expect.any(Number), text: expect.stringContaining("25 days"), score: expect.any(Number) });
    expect(fake.calls).toHaveLength(0);
    expect(countQueries()).toBe(before);
    expect(getBudgetStatus(Date.now()).spentUsd).toBe(0);
  });

  it("JSON answer: reported usage recorded and charged, estimate matching the reported prompt", async () => {
    const spentBefore = getBudgetStatus(Date.now()).spentUsd;
    const res = await post({ question: QUESTION, model: "gpt-4o-mini" });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.answer).toMatch(/\[p\. \d+\]/);
    expect(body.usage.promptTokens).toBe(body.usage.estimatedPromptTokens);
    expect(body.usage.cachedTokens).toBe(0);
    expect(body.usage.completionTokens).toBeGreaterThan(0);
    const expectedNano = Math.round(body.usage.promptTokens * 150 + body.usage.completionTokens * 600);
    expect(Math.round(body.cost.usd * 1e9)).toBe(expectedNano);
    expect(body.cost.usdIsEstimate).toBe(false);
    expect(body.cost.estimatedUsd).toBeCloseTo((body.usage.estimatedPromptTokens * 150 + 1024 * 600) / 1e9, 12);
    const stored = getQuery(body.id);
    expect(stored).toMatchObject({ status: "ok", model: "gpt-4o-mini", mode: "chunked", promptTokens: body.usage.promptTokens, costNanoUsd: expectedNano, answer: body.answer, documentNames: ["handbook.pdf"] });
    expect(stored?.citations).toEqual(body.citations);
    expect(getBudgetStatus(Date.now()).spentUsd).toBeCloseTo(spentBefore + body.cost.usd, 12);
    expect(getBudgetStatus(Date.now()).reservedUsd).toBe(0);
    expect(fake.calls[0].messages[2].content).toBe(`Question: ${QUESTION}`);

    const again = await getStored(new Request(`http://127.0.0.1:3000/api/queries/${body.id}`), { params: Promise.resolve({ id: body.id }) });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: body.id, question: QUESTION, answer: body.answer, status: "ok", documents: [{ id: handbook.id, name: "handbook.pdf" }] });
    const missing = await getStored(new Request("http://127.0.0.1:3000/api/queries/nope"), { params: Promise.resolve({ id: "nope" }) });
    expect(missing.status).toBe(404);
  });

  it("streams token events then one done event carrying the same JSON", async () => {
    const res = await post({ question: QUESTION, model: "gpt-4o-mini", stream: true, mode: "full" });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const events = await readEvents(res);
    const tokens = events.filter((e) => e.event === "token");
    const done = events.filter((e) => e.event === "done");
    expect(tokens.length).toBeGreaterThan(3);
    expect(done).toHaveLength(1);
    expect(events[events.length - 1].event).toBe("done");
    const body = done[0].data as { id: string; answer: string; mode: string; citations: { score: null }[]; cost: { fullContextUsd: number; usd: number } };
    expect(tokens.map((t) => (t.data as { text: string }).text).join("")).toBe(body.answer);
    expect(body.mode).toBe("full");
    expect(body.citations).toHaveLength(6);
    expect(body.citations.every((c) => c.score === null)).toBe(true);
    expect(getQuery(body.id)?.status).toBe("ok");
  });

  it("reports cached tokens when the same documents are asked again in full mode (stable prefix)", async () => {
    const long = seedDocument({ name: "long.pdf", pages: Array.from({ length: 12 }, (_, i) => `Section ${i + 1}. ` + "The maintenance interval for the pump is described here in detail. ".repeat(20)) });
    const first = await (await post({ question: "What is the maintenance interval?", documentIds: [long.id], mode: "full", model: "gpt-4o-mini" })).json();
    const second = await (await post({ question: "Who services the pump?", documentIds: [long.id], mode: "full", model: "gpt-4o-mini" })).json();
    expect(first.usage.cachedTokens).toBe(0);
    expect(second.usage.cachedTokens).toBeGreaterThanOrEqual(1024);
    // Cached tokens are billed at half price for gpt-4o-mini.
    const expected = (second.usage.promptTokens - second.usage.cachedTokens) * 150 + second.usage.cachedTokens * 75 + second.usage.completionTokens * 600;
    expect(Math.round(second.cost.usd * 1e9)).toBe(expected);
  });

  it("retries a 429 and answers", async () => {
    fake.setBehavior("429-once");
    const res = await post({ question: QUESTION, model: "gpt-4o-mini" });
    expect(res.status).toBe(200);
    expect(fake.calls.map((c) => c.status)).toEqual([429, 200]);
  });

  it("answers 502 llm_error after a server keeps failing, records the error and charges nothing", async () => {
    fake.setBehavior("500-always");
    const spentBefore = getBudgetStatus(Date.now()).spentUsd;
    const before = countQueries();
    const res = await post({ question: QUESTION, model: "gpt-4o-mini", stream: true });
    expect(res.status).toBe(502);
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body.error.code).toBe("llm_error");
    expect(body.error.message).toContain("500");
    expect(text).not.toContain(KEY);
    expect(fake.calls).toHaveLength(3);
    expect(countQueries()).toBe(before + 1);
    expect(getBudgetStatus(Date.now())).toMatchObject({ spentUsd: spentBefore, reservedUsd: 0 });
  });

  it("a stream cut mid-answer ends in an error event; the partial answer and its estimate are recorded", async () => {
    fake.setBehavior("cut-stream");
    const spentBefore = getBudgetStatus(Date.now()).spentUsd;
    const res = await post({ question: QUESTION, model: "gpt-4o-mini", stream: true });
    expect(res.status).toBe(200);
    const events = await readEvents(res);
    expect(events.some((e) => e.event === "token")).toBe(true);
    const last = events[events.length - 1];
    expect(last.event).toBe("error");
    expect((last.data as { error: { code: string } }).error.code).toBe("llm_error");
    expect(JSON.stringify(events)).not.toContain(KEY);
    expect(getBudgetStatus(Date.now()).spentUsd).toBeGreaterThan(spentBefore);
    expect(getBudgetStatus(Date.now()).reservedUsd).toBe(0);
  });

  it("a slow server hits the timeout: 502 llm_error", async () => {
    fake.setBehavior("slow", 5000);
    process.env.LLM_TIMEOUT_MS = "200";
    process.env.LLM_MAX_RETRIES = "1";
    try {
      const res = await post({ question: QUESTION, model: "gpt-4o-mini" });
      expect(res.status).toBe(502);
      const body = await res.json();
      expect(body.error).toMatchObject({ code: "llm_error" });
      expect(body.error.message).toMatch(/timeout/);
    } finally {
      process.env.LLM_TIMEOUT_MS = "1500";
      process.env.LLM_MAX_RETRIES = "2";
    }
  });

  it("records a stop as aborted with what was generated", async () => {
    fake.setBehavior("slow-stream", 40);
    const stop = new AbortController();
    const request = new Request("http://127.0.0.1:3000/api/ask", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: QUESTION, model: "gpt-4o-mini", stream: true, noCache: true }), signal: stop.signal });
    const res = await ask(request, { params: Promise.resolve({}) });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await reader.cancel();
    // Give the server side a moment to settle and record.
    let stored;
    for (let i = 0; i < 50 && !stored; i++) {
      await new Promise((r) => setTimeout(r, 40));
      stored = (await import("@/lib/storage/spend")).listQueryLog({}).find((q) => q.status === "aborted");
    }
    expect(stored).toBeDefined();
    const record = getQuery((stored as { id: string }).id);
    expect(record?.answer?.length).toBeGreaterThan(0);
    expect(record?.costIsEstimate).toBe(true);
    expect(record?.costNanoUsd).toBeGreaterThan(0);
  });

  it("refuses bad requests with stable codes", async () => {
    expect((await post("not json")).status).toBe(400);
    expect((await (await post({ question: 42 })).json()).error.code).toBe("invalid_request");
    expect((await (await post({ question: "x".repeat(4001) })).json()).error.code).toBe("invalid_request");
    expect((await (await post({ question: "q", mode: "sideways" })).json()).error.code).toBe("invalid_request");
    const notFound = await post({ question: "q", documentIds: ["missing"] });
    expect(notFound.status).toBe(404);
    const unknown = await post({ question: "q", model: "no-such-model" });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.knownModels).toContain("gpt-4o-mini");
  });

  it("the models list says whether an LLM is configured, never the key", async () => {
    const res = await getModels(new Request("http://127.0.0.1:3000/api/models"), { params: Promise.resolve({}) });
    const text = await res.text();
    expect(text).not.toContain(KEY);
    const body = JSON.parse(text);
    expect(body).toMatchObject({ llmConfigured: true, defaultModel: "gpt-4o-mini", offlineModel: "offline" });
    expect(body.models.map((m: { model: string }) => m.model)).toEqual(expect.arrayContaining(["gpt-4o", "claude-sonnet-4.5", "gemini-2.5-pro", "offline"]));
  });
});
