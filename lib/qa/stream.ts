/**
 * The answer as server-sent events: `token` events {"text"}, then one `done` event with the answer's JSON,
 * or an `error` event {"error": {...}} when it fails after streaming started. A failure before the first
 * token (refusal, budget, the provider failing every retry) is a plain JSON error with its status.
 */
import { toErrorResponse, isAppError } from "../errors";
import { errorResponse } from "../http/handler";
import { answerQuestion, type AnswerOptions } from "./answer";
import type { AskInput } from "./types";

/** One SSE frame. */
export function sseEvent(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Answers as an event stream; a stop (requestSignal or the reader going away) keeps what was generated.
 * answer: what answers (default answerQuestion; routing and the answer cache pass their own).
 */
export async function answerAsEventStream<I = AskInput>(
  input: I,
  requestSignal?: AbortSignal,
  answer: (input: I, options: AnswerOptions) => Promise<unknown> = answerQuestion as unknown as (input: I, options: AnswerOptions) => Promise<unknown>,
): Promise<Response> {
  const stop = new AbortController();
  if (requestSignal?.aborted) stop.abort();
  requestSignal?.addEventListener("abort", () => stop.abort(), { once: true });
  const encoder = new TextEncoder();
  let sink: ReadableStreamDefaultController<Uint8Array> | null = null;
  let closed = false;
  const pending: string[] = [];
  const write = (frame: string) => {
    if (closed) return;
    if (!sink) return void pending.push(frame);
    try {
      sink.enqueue(encoder.encode(frame));
    } catch {
      closed = true;
    }
  };
  let markFirst: () => void = () => {};
  const firstToken = new Promise<"token">((resolve) => (markFirst = () => resolve("token")));
  const done = answer(input, {
    signal: stop.signal,
    onToken: (text) => {
      write(sseEvent("token", { text }));
      markFirst();
    },
    onEvent: (name, data) => write(sseEvent(name, data)),
  });
  const first = await Promise.race([firstToken, done.then(() => "done" as const, () => "failed" as const)]);
  if (first === "failed") {
    try {
      await done;
    } catch (err) {
      return errorResponse(err);
    }
  }
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      sink = controller;
      for (const frame of pending.splice(0)) controller.enqueue(encoder.encode(frame));
      const finish = () => {
        if (closed) return;
        closed = true;
        try {
          controller.close();
        } catch {
          // The reader is gone.
        }
      };
      done.then(
        (result) => {
          write(sseEvent("done", result));
          finish();
        },
        (err) => {
          if (!isAppError(err)) console.error("[tokenwise] internal error:", err);
          write(sseEvent("error", toErrorResponse(err).body));
          finish();
        },
      );
    },
    cancel() {
      closed = true;
      stop.abort();
    },
  });
  return new Response(stream, {
    status: 200,
    // no-transform keeps compression from buffering the stream until it ends.
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store, no-transform", "x-accel-buffering": "no" },
  });
}
