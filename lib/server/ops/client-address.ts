import type { IncomingMessage } from "node:http";
import { env } from "@/lib/server/env";

/**
 * The header through which server.ts hands route handlers the client's address (Next gives them
 * no socket). Set on every request, overwriting whatever the client sent under that name.
 */
export const CLIENT_ADDRESS_HEADER = "x-chat-client-address";

/**
 * The address a request came from: the connection's peer, or, with TRUST_PROXY, the last
 * X-Forwarded-For entry, which the reverse proxy appended itself (earlier entries are whatever
 * the client claimed). Never trust X-Forwarded-For without a proxy that sets it.
 */
export function clientAddress(request: IncomingMessage): string {
  if (env.trustProxy) {
    const header = request.headers["x-forwarded-for"];
    const last = (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",").at(-1)?.trim();
    if (last) return last.slice(0, 64);
  }
  return request.socket.remoteAddress ?? "unknown";
}

export function stampClientAddress(request: IncomingMessage): void {
  request.headers[CLIENT_ADDRESS_HEADER] = clientAddress(request);
}
