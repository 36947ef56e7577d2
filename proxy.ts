import { NextResponse, type NextRequest } from "next/server";
import { ACCESS_COOKIE, presentedToken } from "@/lib/http/access";
import { readEnv } from "@/lib/env";

// Pages only: API routes check access themselves (apiRoute), which keeps large uploads out of the
// proxy's body buffer.
export function proxy(request: NextRequest) {
  const { accessToken } = readEnv();
  if (!accessToken) return NextResponse.next();
  const fromQuery = request.nextUrl.searchParams.get("token");
  if (fromQuery === accessToken) {
    const url = request.nextUrl.clone();
    url.searchParams.delete("token");
    const response = NextResponse.redirect(url);
    response.cookies.set(ACCESS_COOKIE, accessToken, { httpOnly: true, sameSite: "strict", path: "/" });
    return response;
  }
  if (presentedToken(request.headers) === accessToken) return NextResponse.next();
  return new NextResponse(
    "This Tokenwise server needs an access token. Open it as /?token=YOUR_TOKEN (the ACCESS_TOKEN the server was started with).",
    { status: 401, headers: { "content-type": "text/plain; charset=utf-8" } },
  );
}

export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};
