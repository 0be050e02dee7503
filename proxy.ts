import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/server/env";
import { baseSecurityHeaders, contentSecurityPolicy } from "@/lib/server/ops/security-headers";

// Next 16's proxy (formerly middleware): every page and API response gets the security headers,
// and every page a fresh script nonce. Next reads the nonce from the request's CSP header and puts
// it on the scripts it renders, so pages render per request (the root layout is dynamic).
export function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy({ nonce, origins: env.allowedOrigins, dev: !env.isProduction, https: env.secureCookies });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  for (const [name, value] of Object.entries(baseSecurityHeaders(env.secureCookies))) response.headers.set(name, value);
  return response;
}

export const config = {
  // Static build output carries no page; next.config.mjs gives it nosniff.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
