/** Browser calls to POST /api/ask: a dry run, a JSON answer, or a streamed answer read event by event. */
import type { AskMode, AskResponse } from "@/lib/qa/types";

export interface AskBody {
  question: string;
  documentIds?: string[];
  mode?: AskMode | "auto";
  model?: string;
  /** Skip the answer cache: ask the model again. */
  noCache?: boolean;
}

export interface ApiErrorBody {
  code: string;
  message: string;
  [key: string]: unknown;
}

export class AskFailure extends Error {
  readonly error: ApiErrorBody;
  constructor(error: ApiErrorBody) {
    super(error.message);
    this.error = error;
  }
}

async function failureFrom(res: Response): Promise<AskFailure> {
  try {
    const body = (await res.json()) as { error?: ApiErrorBody };
    if (body.error) return new AskFailure(body.error);
  } catch {
    // Not JSON: fall through.
  }
  return new AskFailure({ code: "internal_error", message: `The server answered ${res.status}.` });
}

async function post(body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch("/api/ask", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal });
}

/** The dry run: the plan's numbers, nothing sent or spent. */
export async function dryRun(body: AskBody, signal?: AbortSignal): Promise<AskResponse> {
  const res = await post({ ...body, dryRun: true }, signal);
  if (!res.ok) throw await failureFrom(res);
  return (await res.json()) as AskResponse;
}

/** A whole answer as JSON. */
export async function askJson(body: AskBody, signal?: AbortSignal): Promise<AskResponse> {
  const res = await post(body, signal);
  if (!res.ok) throw await failureFrom(res);
  return (await res.json()) as AskResponse;
}

/** A streamed answer: onToken for each piece, resolves with the done event's JSON. */
export async function askStreaming(
  body: AskBody,
  { signal, onToken, onStage }: { signal?: AbortSignal; onToken: (text: string) => void; onStage?: (stage: { index: number; tier: string; model: string }) => void },
): Promise<AskResponse> {
  const res = await post({ ...body, stream: true }, signal);
  if (!res.ok) throw await failureFrom(res);
  if (!res.headers.get("content-type")?.includes("text/event-stream")) return (await res.json()) as AskResponse;
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const frame = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const event = /^event: (.*)$/m.exec(frame)?.[1] ?? "message";
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (data === undefined) continue;
      const parsed = JSON.parse(data);
      if (event === "token") onToken((parsed as { text: string }).text);
      else if (event === "stage") onStage?.(parsed as { index: number; tier: string; model: string });
      else if (event === "done") return parsed as AskResponse;
      else if (event === "error") throw new AskFailure((parsed as { error: ApiErrorBody }).error);
    }
  }
  throw new AskFailure({ code: "internal_error", message: "The answer stream ended early." });
}
