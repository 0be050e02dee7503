import type { IncomingMessage } from "node:http";
import type { Socket as TcpSocket } from "node:net";
import type { ChatServer, ChatSocket } from "@/lib/server/realtime/types";

// The TCP socket under a WebSocket connection, reached through documented objects only: the
// engine.io socket's `request` (its first HTTP request) and the `headers` event engine.io emits
// for each WebSocket upgrade request. Its `writableLength` is what waits in Node for the kernel.
// A connection opened as a WebSocket has the upgrade as its first request; one that began with
// long-polling and upgraded later gets the TCP socket of its upgrade request, found by `sid`.

type Conn = ChatSocket["conn"];

const upgrades = new Map<string, TcpSocket>();
const upgraded = new WeakMap<Conn, TcpSocket>();

function sidOf(req: IncomingMessage): string | null {
  if (req.headers.upgrade?.toLowerCase() !== "websocket") return null;
  return new URL(req.url ?? "/", "http://localhost").searchParams.get("sid");
}

function rememberUpgrade(_headers: unknown, req: IncomingMessage): void {
  const sid = sidOf(req);
  const tcp = req.socket;
  if (!sid) return;
  upgrades.set(sid, tcp);
  tcp.once("close", () => {
    if (upgrades.get(sid) === tcp) upgrades.delete(sid);
  });
}

// A polling connection's transport carries its `sid` until it is replaced by the upgrade.
function watchUpgrade(conn: Conn): void {
  if (conn.transport.name !== "polling") return;
  const sid = conn.transport.sid;
  conn.once("upgrade", () => {
    const tcp = upgrades.get(sid);
    upgrades.delete(sid);
    if (tcp && !tcp.destroyed) upgraded.set(conn, tcp);
  });
}

/** Remembers each upgrade request's TCP socket until its connection has upgraded (or it closes). */
export function trackUpgrades(io: ChatServer): void {
  io.engine.on("headers", rememberUpgrade);
  io.engine.on("connection", watchUpgrade);
}

/** The connection's TCP socket while it runs over WebSocket; null over long-polling. */
export function tcpSocketOf(conn: Conn): TcpSocket | null {
  if (conn.transport.name !== "websocket") return null;
  const tcp = upgraded.get(conn);
  if (tcp) return tcp;
  const first = conn.request;
  return first.headers.upgrade?.toLowerCase() === "websocket" ? first.socket : null;
}
