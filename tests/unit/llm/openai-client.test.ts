import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOpenAiAnswerer, LlmCallError, type LlmRequest } from "@/lib/llm";
import { countChatTokens } from "@/lib/tokens";
import { startFakeLlm, type FakeLlm } from "../../support/fake-llm-server";

const KEY = "sk-test-client-secret-123456";
let fake: FakeLlm;

beforeAll(async () => {
  fake = await startFakeLlm({ port: 0 });
  // Build the tokenizer now: the stand-in counts prompt tokens in this process.
  countChatTokens(messages);
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.calls.length = 0;
  fake.setBehavior("ok", 0);
});

const messages = [
  { role: "system" as const, content: "Answer from the documents." },
  { role: "user" as const, content: '<<<DOCUMENTS tw-x>>>\n[Document: "a.pdf" | page 7]\nThe warranty lasts 24 months from delivery.\n<<<END DOCUMENTS tw-x>>>' },
  { role: "user" as const, content: "Question: How long is the warranty?" },
];

function request(extra: Partial<LlmRequest> = {}): LlmRequest {
  return { model: "gpt-4o-mini", messages, maxOutputTokens: 256, question: "How long is the warranty?", passages: [], ...extra };
}

function answerer(overrides: { timeoutMs?: number; maxRetries?: number } = {}) {
  return createOpenAiAnswerer({ apiKey: KEY, baseURL: fake.url, timeoutMs: overrides.timeoutMs ?? 2000, maxRetries: overrides.maxRetries ?? 2, retryBaseMs: 5 });
}

async function failure(promise: Promise<unknown>): Promise<LlmCallError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(LlmCallError);
    return err as LlmCallError;
  }
  throw new Error("expected a failure");
}

describe("OpenAI-compatible client", () => {
  it("streams the answer with usage, max_tokens set and usage requested", async () => {
    const pieces: string[] = [];
    const result = await answerer().answer(request({ onToken: (t) => pieces.push(t) }));
    expect(result.text).toContain("[p. 7]");
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join("")).toBe(result.text);
    expect(result.usage).toEqual({ promptTokens: countChatTokens(messages), cachedTokens: 0, completionTokens: expect.any(Number) });
    expect(result.attempts).toBe(1);
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]).toMatchObject({ stream: true, includeUsage: true, maxTokens: 256, authorized: true });
  });

  it("sends max_completion_tokens to reasoning models", async () => {
    await answerer().answer(request({ model: "gpt-5-mini" }));
    expect(fake.calls[0].maxTokens).toBe(256);
  });

  it("retries a 429 and succeeds", async () => {
    fake.setBehavior("429-once");
    const result = await answerer().answer(request());
    expect(result.attempts).toBe(2);
    expect(fake.calls.map((c) => c.status)).toEqual([429, 200]);
  });

  it("gives up on a server that keeps failing with 502-style llm_error naming the status, never the key", async () => {
    fake.setBehavior("500-always");
    const err = await failure(answerer({ maxRetries: 2 }).answer(request()));
    expect(err.code).toBe("llm_error");
    expect(err.status).toBe(502);
    expect(err.providerStatus).toBe(500);
    expect(err.message).toContain("HTTP 500");
    expect(err.message).toContain("3 attempts");
    expect(err.message).not.toContain(KEY);
    expect(fake.calls).toHaveLength(3);
  });

  it("keeps what was generated when the stream is cut mid-answer, without retrying", async () => {
    fake.setBehavior("cut-stream");
    const err = await failure(answerer().answer(request()));
    expect(err.partialText.length).toBeGreaterThan(0);
    expect(err.message).toMatch(/mid-answer/);
    expect(fake.calls).toHaveLength(1);
  });

  it("times out a slow server on every attempt", async () => {
    fake.setBehavior("slow", 1500);
    const started = Date.now();
    const err = await failure(answerer({ timeoutMs: 150, maxRetries: 1 }).answer(request()));
    expect(err.message).toMatch(/timeout/);
    expect(err.providerStatus).toBeNull();
    expect(fake.calls).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("fails over a refused connection as llm_error", async () => {
    const dead = createOpenAiAnswerer({ apiKey: KEY, baseURL: "http://127.0.0.1:9/v1", timeoutMs: 1000, maxRetries: 1, retryBaseMs: 1 });
    const err = await failure(dead.answer(request()));
    expect(err.message).toMatch(/connection/);
    expect(err.message).not.toContain(KEY);
  });

  it("stops on a signal mid-stream and returns what was generated", async () => {
    fake.setBehavior("slow-stream", 30);
    const stop = new AbortController();
    let seen = 0;
    const result = await answerer().answer(request({ signal: stop.signal, onToken: () => (++seen === 2 ? stop.abort() : undefined) }));
    expect(result.aborted).toBe(true);
    expect(result.usage).toBeNull();
    expect(result.text.length).toBeGreaterThan(0);
  });

  it("passes a server without usage as unknown usage", async () => {
    fake.setBehavior("no-usage");
    const result = await answerer().answer(request());
    expect(result.usage).toBeNull();
    expect(result.text.length).toBeGreaterThan(0);
  });
});
