import type { IncomingMessage } from "node:http";
import type { Socket as TcpSocket } from "node:net";
import type { ChatServer, ChatSocket } from "@/lib/socket/types";

// The TCP socket under a WebSocket connection, reached through documented objects only: the
// engine.io socket's `request` (its first HTTP request) and the `headers` event engine.io emits
// for each WebSocket upgrade request. Its `writableLength` is what waits in Node for the kernel.
// A connection opened as a WebSocket has the upgrade as its first request; one that began with
// long-polling and upgraded later gets its TCP socket from the upgrade request, found by `sid`.

const upgrades = new Map<string, TcpSocket>();

function sidOf(req: IncomingMessage): string | null {
  if (req.headers.upgrade?.toLowerCase() !== "websocket") return null;
  return new URL(req.url ?? "/", "http://localhost").searchParams.get("sid");
}

/** Remembers the TCP socket of each upgrade of a polling connection until the upgrade completes. */
export function trackUpgrades(io: ChatServer): void {
  io.engine.on("headers", (_headers: unknown, req: IncomingMessage) => {
    const sid = sidOf(req);
    const tcp = req.socket;
    if (!sid || upgrades.has(sid)) return;
    upgrades.set(sid, tcp);
    tcp.once("close", () => {
      if (upgrades.get(sid) === tcp) upgrades.delete(sid);
    });
  });
}

/**
 * The TCP socket of the WebSocket a polling connection upgraded to; called once, from the
 * connection's `upgrade` event, with the `sid` its polling transport had.
 */
export function takeUpgradeSocket(sid: string): TcpSocket | null {
  const tcp = upgrades.get(sid);
  upgrades.delete(sid);
  return tcp && !tcp.destroyed ? tcp : null;
}

/** The TCP socket of a connection opened as a WebSocket (its first request was the upgrade); else null. */
export function firstTcpSocketOf(conn: ChatSocket["conn"]): TcpSocket | null {
  if (conn.transport.name !== "websocket") return null;
  const first = conn.request;
  return first.headers.upgrade?.toLowerCase() === "websocket" ? first.socket : null;
}
