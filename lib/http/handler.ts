/**
 * Wraps every API route: access checks, then the handler, then errors mapped to
 * `{"error": {"code", "message", ...}}` with their status. Internal errors are logged, never shown.
 */
import { readEnv } from "../env";
import { toErrorResponse, isAppError } from "../errors";
import { checkAccess } from "./access";

type RouteContext<P> = { params: Promise<P> };

/** JSON response with the given status. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/** The error response for any thrown value. */
export function errorResponse(err: unknown): Response {
  if (!isAppError(err)) console.error("[tokenwise] internal error:", err);
  const { status, body } = toErrorResponse(err);
  return json(body, status);
}

/** Route handler with access checks and error mapping. */
export function apiRoute<P = Record<string, never>>(
  fn: (request: Request, params: P) => Promise<Response> | Response,
): (request: Request, context: RouteContext<P>) => Promise<Response> {
  return async (request, context) => {
    try {
      checkAccess({ headers: request.headers, url: request.url, accessToken: readEnv().accessToken });
      const params = context?.params ? await context.params : ({} as P);
      return await fn(request, params);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
