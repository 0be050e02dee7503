import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { env } from "@/lib/server/env";
import { httpStatus } from "@/lib/shared/errors";
import { setApiSecurityHeaders } from "@/lib/server/ops/security-headers";

// Request targets other than a path (RFC 9112 §3.2), answered before anything else sees them:
// Next and the operator routes parse the target as a path, and Next answered `*` with a 500 and a
// stack trace in the log per request (per upgrade request too), and absolute-form with a 308 to
// the very same URL.

/** Whether the request's target is a path (origin-form), the only form Next and Socket.IO are given. */
export const hasPathTarget = (req: IncomingMessage): boolean => (req.url ?? "").startsWith("/");

/** Every method some route of this server takes: pages and operator routes, NextAuth and Socket.IO's polling. */
export const SERVER_METHODS = "GET, HEAD, POST, OPTIONS";

/**
 * Answers a request whose target is not a path and returns true; returns false for a path.
 * `OPTIONS *` asks about the server as a whole (RFC 9110 §9.3.7): 204 with `Allow`. Any other
 * (`*` with another method, absolute-form, anything else) is refused with 400.
 */
export function answerNonPathTarget(req: IncomingMessage, res: ServerResponse): boolean {
  if (hasPathTarget(req)) return false;
  const target = req.url ?? "";
  setApiSecurityHeaders(res, env.secureCookies);
  if (target === "*" && req.method === "OPTIONS") {
    res.writeHead(204, { allow: SERVER_METHODS, "cache-control": "no-store" });
    res.end();
    return true;
  }
  const body = JSON.stringify({ error: { code: "invalid", message: "the request target must be a path (or * for OPTIONS)" } });
  res.writeHead(httpStatus.invalid, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    connection: "close",
  });
  res.end(body);
  return true;
}

/** An upgrade request (a WebSocket) whose target is not a path: 400 and the connection closed. */
export function refuseNonPathUpgrade(req: IncomingMessage, socket: Duplex): void {
  if (hasPathTarget(req)) return;
  socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
}
