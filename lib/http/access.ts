/**
 * Who may call the app: requests that carry an Origin header must come from the app's own origin, and
 * when ACCESS_TOKEN is set every request must carry it (Authorization: Bearer, x-access-token, or the
 * tw_access cookie that the pages set after `?token=`).
 */
import { timingSafeEqual } from "node:crypto";
import { AppError } from "../errors";

export const ACCESS_COOKIE = "tw_access";

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

/** The token a request presents, from any of the accepted places. */
export function presentedToken(headers: Headers): string | undefined {
  const auth = headers.get("authorization");
  if (auth?.toLowerCase().startsWith("bearer ")) return auth.slice(7).trim();
  return headers.get("x-access-token") ?? readCookie(headers.get("cookie"), ACCESS_COOKIE);
}

/** True when the request's Origin (if any) is the app's own origin. */
export function originAllowed(headers: Headers, requestUrl: string): boolean {
  const origin = headers.get("origin");
  if (origin === null) return true;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  const own = new URL(requestUrl);
  const candidates = new Set<string>([own.origin]);
  if (host) {
    candidates.add(`http://${host}`);
    candidates.add(`https://${host}`);
  }
  return candidates.has(origin);
}

/** Throws AppError unless the request may proceed. */
export function checkAccess({ headers, url, accessToken }: { headers: Headers; url: string; accessToken: string | undefined }): void {
  if (!originAllowed(headers, url)) {
    throw new AppError("forbidden_origin", "Requests from other sites are refused. Use the app from its own address.");
  }
  if (accessToken !== undefined) {
    const token = presentedToken(headers);
    if (token === undefined || !sameSecret(token, accessToken)) {
      throw new AppError("unauthorized", "This server needs an access token. Open the app with ?token=YOUR_TOKEN or send Authorization: Bearer YOUR_TOKEN.");
    }
  }
}
