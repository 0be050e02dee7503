import type { Socket as TcpSocket } from "node:net";
import { logger } from "@/lib/server/ops/logger";
import { tcpSocketOf } from "@/lib/server/realtime/tcp-socket";

// PATCH (docs/architecture.md, "Patches"). Socket.IO hands a broadcast to every recipient through
// engine.io's packet queue: a packet object, `packetCreate` and `flush` events, a corked
// two-buffer write and a write callback that emits `drain`, per recipient. Writing the frame,
// built once per broadcast, straight to an idle recipient's TCP socket cut the fan-out's
// main-thread CPU by about a quarter (docs/benchmarks.md, "Broadcast frames written directly").
// No extension point reaches that far: whether engine.io has something queued or in flight for
// a connection is private (`writeBuffer`), and so is ws writing synchronously to its socket when
// it does not compress. Written against engine.io 6.6 and ws 8 (package-lock.json pins them).
// Each connection is checked once for the internals read below; one that does not have them as
// expected takes Socket.IO's own path, and the first such connection logs a warning.

/** What this patch reads of an engine.io socket: its own state, and its transport's. */
export interface EngineConn {
  readyState: string;
  upgrading: boolean;
  writeBuffer?: unknown;
  transport: { name: string; writable: boolean; perMessageDeflate?: unknown };
  request: unknown;
}

// Direct writes only while the TCP socket holds less than this (a quarter of backpressure.ts's
// soft bound): a recipient that reads slowly still gets them, one that does not read takes
// engine.io's path, where lib/server/realtime/backpressure.ts counts and bounds what waits for it.
const DIRECT_WRITE_MAX_BYTES = 1024 * 1024;

const verdicts = new WeakMap<object, boolean>();
let warned = false;

/** Whether engine.io's internals are on `conn` as this patch expects them (false: a warning, once). */
export function fitsDirectWrite(conn: EngineConn, warn: (message: string) => void = (m) => logger.warn(m)): boolean {
  const transport = conn.transport as Partial<EngineConn["transport"]> | undefined;
  const fits =
    typeof conn.readyState === "string" &&
    typeof conn.upgrading === "boolean" &&
    Array.isArray(conn.writeBuffer) &&
    typeof transport?.name === "string" &&
    typeof transport.writable === "boolean" &&
    (transport.name !== "websocket" || "perMessageDeflate" in transport);
  if (!fits && !warned) {
    warned = true;
    warn("patches/direct-broadcast: engine.io's socket is not as this patch expects; broadcasts take Socket.IO's own path");
  }
  return fits;
}

function verdictOf(conn: EngineConn): boolean {
  let verdict = verdicts.get(conn);
  if (verdict === undefined) verdicts.set(conn, (verdict = fitsDirectWrite(conn)));
  return verdict;
}

/** The recipient's TCP socket when a frame written to it now goes out next, in order; else null. */
export function idleSocketOf(conn: EngineConn): TcpSocket | null {
  const transport = conn.transport;
  if (conn.readyState !== "open" || conn.upgrading || transport.name !== "websocket") return null;
  // engine.io queues in writeBuffer while a write is in flight (transport not writable).
  if (!transport.writable || transport.perMessageDeflate || !verdictOf(conn)) return null;
  if ((conn.writeBuffer as unknown[]).length > 0) return null;
  const tcp = tcpSocketOf(conn as never);
  return tcp && tcp.writable && !tcp.destroyed && tcp.writableLength < DIRECT_WRITE_MAX_BYTES ? tcp : null;
}

/**
 * The WebSocket frame (RFC 6455 §5.2: final, text, unmasked from a server) of the engine.io
 * message packet ("4", its type, then the Socket.IO packet) that engine.io would write.
 */
export function messageFrame(encoded: string): Buffer {
  const payload = Buffer.from(`4${encoded}`);
  const length = payload.length;
  const header = Buffer.alloc(length < 126 ? 2 : length < 65_536 ? 4 : 10);
  header[0] = 0x81;
  if (length < 126) header[1] = length;
  else if (length < 65_536) {
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}
