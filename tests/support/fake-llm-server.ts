/**
 * A local OpenAI-compatible stand-in for tests (node:http only). Streams SSE chunks and then a usage chunk
 * (prompt_tokens counted exactly as the app counts them, cached tokens emulating OpenAI's prefix cache),
 * or answers without streaming. Behaviour is set from tests:
 *   POST /control {"behavior": "ok" | "429-once" | "500-always" | "cut-stream" | "slow" | "slow-stream"
 *     | "no-usage" | "usage-off:<n>" | "not-in-context-for:<model>" | "echo-html" | "skeleton-malformed"
 *     | "classify-as:<tier>" | "classify-malformed", "delayMs"?, "reset"?}
 *   GET /calls -> {count, calls: the last requests}; DELETE /calls clears them; GET /health.
 * Run: npx tsx tests/support/fake-llm-server.ts --port 3199; or startFakeLlm({ port }) in-process.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { countChatTokens, countTokens, encodeTokens, type ChatMessage, type Encoding } from "../../lib/tokens";
import { BUILTIN_CATALOG } from "../../lib/pricing/catalog";

export interface FakeCall {
  model: string;
  stream: boolean;
  maxTokens: number | null;
  includeUsage: boolean;
  messages: ChatMessage[];
  /** Whether an Authorization header came (its value is never kept). */
  authorized: boolean;
  status: number;
  at: number;
  /** The usage this stand-in reported for the call (absent when it reported none). */
  usage?: { prompt_tokens: number; completion_tokens: number; prompt_tokens_details: { cached_tokens: number } };
}

export interface FakeLlm {
  /** Base URL for the SDK (ends in /v1). */
  url: string;
  port: number;
  calls: FakeCall[];
  setBehavior(behavior: string, delayMs?: number): void;
  close(): Promise<void>;
}

/** Text of an answer containing a remote image and a script, to prove answers render inert. */
export const HOSTILE_ANSWER =
  'Here is the answer [p. 1].\n\n![tracking pixel](http://remote-images.tokenwise.invalid/pixel.png)\n\n<img src="http://remote-images.tokenwise.invalid/raw.png" onerror="window.__pwned=1">\n\n<script>window.__pwned=1</script>\n\n[a link](javascript:window.__pwned=1)';

function encodingFor(model: string): Encoding {
  return BUILTIN_CATALOG.get(model)?.encoding ?? "o200k_base";
}

/** The first page marker in the prompt and the text after it: what the stand-in "answers" from. */
function firstPassage(messages: ChatMessage[]): { page: number; excerpt: string } | null {
  for (const message of messages) {
    if (message.role !== "user") continue;
    const match = /\[Document: .*? \| pages? (\d+)(?:-\d+)?\]\n([\s\S]*?)(?=\n\n\[Document: |\n<<<END DOCUMENTS |$)/.exec(message.content);
    if (match) {
      const words = match[2].replace(/\s+/g, " ").trim().split(" ").slice(0, 25).join(" ");
      return { page: Number(match[1]), excerpt: words };
    }
  }
  return null;
}

function answerFor(behavior: string, model: string, messages: ChatMessage[]): string {
  if (behavior === "echo-html") return HOSTILE_ANSWER;
  if (behavior.startsWith("not-in-context-for:") && behavior.slice("not-in-context-for:".length) === model) {
    return "The documents do not say.";
  }
  // Mode auto's classifier model: a one-word label ("classify-as:<tier>"; prose when told "classify-malformed").
  if (messages[0]?.content.startsWith("You label questions about documents")) {
    if (behavior === "classify-malformed") return "It depends on what the documents say.";
    return behavior.startsWith("classify-as:") ? `${behavior.slice("classify-as:".length)}.` : "Complex.";
  }
  const passage = firstPassage(messages);
  // A two-stage route's skeleton request: JSON pointing at the first passage's page (prose when told "skeleton-malformed").
  if (messages[0]?.content.startsWith("You condense document text into a skeleton")) {
    if (behavior === "skeleton-malformed") return "Here are the key facts: the documents cover several topics.";
    return JSON.stringify({ facts: passage ? [{ text: passage.excerpt, page: passage.page }] : [], figures: [], pages: passage ? [passage.page] : [] });
  }
  if (!passage) return "The documents do not say.";
  return `According to the documents: "${passage.excerpt}" [p. ${passage.page}].`;
}

function pieces(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the stand-in; port 0 picks a free one. */
export function startFakeLlm({ port = 0, host = "127.0.0.1" }: { port?: number; host?: string } = {}): Promise<FakeLlm> {
  let behavior = "ok";
  let delayMs = 0;
  let failedOnce = false;
  const calls: FakeCall[] = [];
  const seenPrompts: number[][] = [];

  function cachedTokensFor(tokens: number[]): number {
    let best = 0;
    for (const previous of seenPrompts) {
      let i = 0;
      while (i < previous.length && i < tokens.length && previous[i] === tokens[i]) i++;
      best = Math.max(best, i);
    }
    seenPrompts.push(tokens);
    if (seenPrompts.length > 20) seenPrompts.shift();
    // OpenAI caches prompts of 1,024 tokens or more, in steps of 128.
    return tokens.length >= 1024 && best >= 1024 ? Math.floor(best / 128) * 128 : 0;
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void handle(req, res, Buffer.concat(chunks).toString("utf8")).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
  });

  function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string) {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "GET" && url.pathname === "/health") return sendJson(res, 200, { ok: true });
    if (req.method === "GET" && url.pathname === "/calls") return sendJson(res, 200, { count: calls.length, behavior, calls: calls.slice(-10) });
    if (req.method === "DELETE" && url.pathname === "/calls") {
      calls.length = 0;
      seenPrompts.length = 0;
      return sendJson(res, 200, { ok: true });
    }
    if (req.method === "POST" && url.pathname === "/control") {
      const body = raw ? (JSON.parse(raw) as { behavior?: string; delayMs?: number; reset?: boolean }) : {};
      if (body.behavior !== undefined) {
        behavior = body.behavior;
        failedOnce = false;
      }
      if (body.delayMs !== undefined) delayMs = body.delayMs;
      if (body.reset) {
        calls.length = 0;
        seenPrompts.length = 0;
      }
      return sendJson(res, 200, { behavior, delayMs });
    }
    if (req.method === "GET" && url.pathname === "/v1/models") {
      return sendJson(res, 200, { object: "list", data: [...BUILTIN_CATALOG.keys()].map((id) => ({ id, object: "model" })) });
    }
    if (req.method !== "POST" || url.pathname !== "/v1/chat/completions") return sendJson(res, 404, { error: { message: "not found" } });

    const body = JSON.parse(raw) as {
      model: string;
      messages: ChatMessage[];
      stream?: boolean;
      stream_options?: { include_usage?: boolean };
      max_tokens?: number;
      max_completion_tokens?: number;
    };
    const call: FakeCall = {
      model: body.model,
      stream: body.stream === true,
      maxTokens: body.max_tokens ?? body.max_completion_tokens ?? null,
      includeUsage: body.stream_options?.include_usage === true,
      messages: body.messages,
      authorized: typeof req.headers.authorization === "string",
      status: 200,
      at: Date.now(),
    };
    calls.push(call);

    if (behavior === "429-once" && !failedOnce) {
      failedOnce = true;
      call.status = 429;
      return sendJson(res, 429, { error: { message: "Rate limit reached for requests", type: "rate_limit_error" } }, { "retry-after-ms": "20" });
    }
    if (behavior === "500-always") {
      call.status = 500;
      return sendJson(res, 500, { error: { message: "The server had an error while processing your request.", type: "server_error" } });
    }
    if (behavior === "slow") await sleep(delayMs || 3000);

    const encoding = encodingFor(body.model);
    const promptTokens = countChatTokens(body.messages, encoding);
    const flat = body.messages.flatMap((m) => encodeTokens(`${m.role}\n${m.content}`, encoding));
    const cachedTokens = cachedTokensFor(flat);
    const offBy = behavior.startsWith("usage-off:") ? Number(behavior.slice("usage-off:".length)) || 0 : 0;
    let text = answerFor(behavior, body.model, body.messages);
    if (call.maxTokens !== null) text = pieces(text).slice(0, Math.max(1, call.maxTokens)).join("");
    const usage = {
      prompt_tokens: promptTokens + offBy,
      completion_tokens: countTokens(text, encoding),
      total_tokens: promptTokens + offBy + countTokens(text, encoding),
      prompt_tokens_details: { cached_tokens: cachedTokens },
    };
    if (behavior !== "no-usage" && (!call.stream || call.includeUsage)) call.usage = usage;
    const id = `chatcmpl-fake-${calls.length}`;
    const created = Math.floor(Date.now() / 1000);

    if (!call.stream) {
      return sendJson(res, 200, {
        id,
        object: "chat.completion",
        created,
        model: body.model,
        choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
        ...(behavior === "no-usage" ? {} : { usage }),
      });
    }

    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
    const chunk = (delta: Record<string, unknown>, finish: string | null) => ({ id, object: "chat.completion.chunk", created, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] });
    const parts = pieces(text);
    send(chunk({ role: "assistant", content: "" }, null));
    for (let i = 0; i < parts.length; i++) {
      if (res.destroyed) return;
      if (behavior === "cut-stream" && i === 3) {
        // The connection drops mid-answer (after what was sent has reached the client).
        await sleep(50);
        res.socket?.destroy();
        return;
      }
      send(chunk({ content: parts[i] }, null));
      if (behavior === "slow-stream") await sleep(delayMs || 200);
    }
    send(chunk({}, "stop"));
    if (call.includeUsage && behavior !== "no-usage") send({ id, object: "chat.completion.chunk", created, model: body.model, choices: [], usage });
    res.write("data: [DONE]\n\n");
    res.end();
  }

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const actual = (server.address() as AddressInfo).port;
      resolve({
        url: `http://${host}:${actual}/v1`,
        port: actual,
        calls,
        setBehavior(next, nextDelayMs) {
          behavior = next;
          failedOnce = false;
          if (nextDelayMs !== undefined) delayMs = nextDelayMs;
        },
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

// Run as a program: npx tsx tests/support/fake-llm-server.ts --port N
if (process.argv[1] && /fake-llm-server\.ts$/.test(process.argv[1])) {
  const at = process.argv.indexOf("--port");
  const port = at >= 0 ? Number(process.argv[at + 1]) : 3199;
  void startFakeLlm({ port }).then((fake) => {
    console.log(`fake LLM listening on ${fake.url}`);
    const stop = () => void fake.close().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
