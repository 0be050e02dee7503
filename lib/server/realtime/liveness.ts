import { env } from "@/lib/server/env";
import { cutConnection } from "@/lib/server/realtime/cut-connection";
import { tcpSocketOf } from "@/lib/server/realtime/tcp-socket";
import type { ChatSocket } from "@/lib/server/realtime/types";

// engine.io 6.6 takes any pong as an answer: a pong clears the ping timeout, and one that comes
// with no ping outstanding postpones the next ping (it refreshes the ping interval timer). A
// client that sends pongs on its own schedule, faster than pingInterval, is never pinged and so
// never timed out, however long it has stopped reading. Here only a pong that follows a ping the
// server sent counts, at most one per ping; a socket that sent one it was not asked for is
// watched by one sweep per server and closed once no ping of the server's has been answered for
// pingInterval + pingTimeout, or a ping stays unanswered past pingTimeout. A client that only
// answers pings never enters the sweep: engine.io's own timers judge it, as before.

type Conn = ChatSocket["conn"];

interface Heartbeat {
  socket: ChatSocket;
  /** When the server's outstanding ping was created; 0 when none is outstanding. */
  pingSentAt: number;
  /** When a ping was last answered (or the connection opened). */
  answeredAt: number;
}

const heartbeats = new WeakMap<Conn, Heartbeat>();
/** Sockets that sent a pong the server did not ask for. */
const suspects = new Set<Heartbeat>();

function onPacketCreate(this: Conn, packet: { type: string }): void {
  if (packet.type !== "ping") return;
  const beat = heartbeats.get(this);
  if (beat && beat.pingSentAt === 0) beat.pingSentAt = Date.now();
}

function onPacket(this: Conn, packet: { type: string }): void {
  if (packet.type !== "pong") return;
  const beat = heartbeats.get(this);
  if (!beat) return;
  if (beat.pingSentAt === 0) return void suspects.add(beat);
  beat.pingSentAt = 0;
  beat.answeredAt = Date.now();
}

function onClose(this: Conn): void {
  const beat = heartbeats.get(this);
  if (beat) suspects.delete(beat);
}

/** Starts judging `socket`'s liveness by the server's own pings (from the `connection` listener). */
export function watchLiveness(socket: ChatSocket): void {
  const conn = socket.conn;
  heartbeats.set(conn, { socket, pingSentAt: 0, answeredAt: Date.now() });
  conn.on("packetCreate", onPacketCreate);
  conn.on("packet", onPacket);
  conn.once("close", onClose);
}

function sweep(): void {
  const now = Date.now();
  for (const beat of suspects) {
    const due = beat.pingSentAt ? beat.pingSentAt + env.pingTimeoutMs : beat.answeredAt + env.pingIntervalMs + env.pingTimeoutMs;
    if (now <= due) continue;
    suspects.delete(beat);
    cutConnection(beat.socket, "ping_timeout", tcpSocketOf(beat.socket.conn));
  }
}

/** One timer per server; it visits only the sockets that sent unsolicited pongs. */
export function startLiveness(): () => void {
  const timer = setInterval(sweep, Math.max(50, Math.min(env.pingIntervalMs, env.pingTimeoutMs) / 8));
  timer.unref();
  return () => clearInterval(timer);
}
