/**
 * Browser-side JSON calls to the app's own API: the parsed body on success, or an Error whose message is
 * the API's message (a sentence a person can act on) and whose `code` and `details` carry the rest.
 */
export class ApiRequestError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown>;

  constructor({ code, message, status, details }: { code: string; message: string; status: number; details: Record<string, unknown> }) {
    super(message);
    this.name = "ApiRequestError";
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

/** Sends body as JSON with method to url (same origin); resolves to the JSON answer. */
export async function sendJson<T>(url: string, { method = "GET", body }: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? { accept: "application/json" } : { "content-type": "application/json", accept: "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: "no-store",
  });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string } & Record<string, unknown> } | null)?.error;
    throw new ApiRequestError({
      code: error?.code ?? "http_error",
      message: error?.message ?? `The server answered ${response.status}.`,
      status: response.status,
      details: error ?? {},
    });
  }
  return parsed as T;
}
