import type { ServerResponse } from "node:http";

// The response headers of every page and API response: proxy.ts sets them on what Next serves,
// server.ts on the operator endpoints it answers itself.

export interface PolicyOptions {
  /** Per-request nonce of the scripts Next renders into the page. */
  nonce: string;
  /** The app's origins (http(s)://host): their ws(s):// twins are where the socket connects. */
  origins: string[];
  /** Development: React needs eval for its debugging aids, and the HMR socket. */
  dev: boolean;
  https: boolean;
}

/** The page policy: no script without this request's nonce, no plugins, no framing, no foreign posts. */
export function contentSecurityPolicy({ nonce, origins, dev, https }: PolicyOptions): string {
  const sockets = origins.map((origin) => origin.replace(/^http/, "ws"));
  return [
    "default-src 'self'",
    // strict-dynamic: chunks loaded by Next's nonced scripts run; nothing injected into the page does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${sockets.join(" ")}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** For responses that are never rendered as a page (JSON, metrics): nothing may load or run. */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Headers other than the CSP, the same for every response. */
export function baseSecurityHeaders(https: boolean): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    // Room slugs are in URLs; no other site needs them.
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}

/** Sets the headers of a non-page response answered outside Next (the operator endpoints). */
export function setApiSecurityHeaders(res: ServerResponse, https: boolean): void {
  for (const [name, value] of Object.entries(baseSecurityHeaders(https))) res.setHeader(name, value);
  res.setHeader("Content-Security-Policy", API_POLICY);
}
