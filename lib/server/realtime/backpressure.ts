import type { Socket as TcpSocket } from "node:net";
import { env } from "@/lib/server/env";
import { backloggedSockets } from "@/lib/server/ops/metrics";
import { cutConnection } from "@/lib/server/realtime/cut-connection";
import { tcpSocketOf, trackUpgrades } from "@/lib/server/realtime/tcp-socket";
import type { ChatServer, ChatSocket } from "@/lib/server/realtime/types";

// What waits to be written to one socket is bounded. Its backlog is what engine.io has queued
// and not yet handed to the transport (counted from its `packetCreate` and `flush` events) plus,
// over WebSocket, what the TCP socket holds for the kernel (`writableLength`). Over the soft
// bound, the socket's requests are held until it drains, since answering them would only add to
// what it does not read; one that stays over it for SOCKET_DRAIN_TIMEOUT_MS, holds too many
// requests, or reaches the hard bound (broadcasts keep coming) is disconnected.
export const SOFT_BOUND_BYTES = 4 * 1024 * 1024;
export const HARD_BOUND_BYTES = 16 * 1024 * 1024;
export const MAX_HELD_REQUESTS = 32;

type Conn = ChatSocket["conn"];

interface Outbox {
  socket: ChatSocket;
  /** Over WebSocket, its TCP socket; null over long-polling. */
  tcp: TcpSocket | null;
  /** Bytes engine.io holds in its write buffer for this socket. */
  queued: number;
  /** When the backlog was first seen over the soft bound; 0 while under it. */
  overSince: number;
  held: (() => void)[];
  cut: boolean;
}

const outboxes = new WeakMap<Conn, Outbox>();
const backlogged = new Set<Outbox>();

const sizeOf = (data: unknown): number =>
  typeof data === "string" ? data.length : data instanceof ArrayBuffer || ArrayBuffer.isView(data) ? data.byteLength : 0;

const backlogOf = (box: Outbox): number => box.queued + (box.tcp?.writableLength ?? 0);

function markBacklogged(box: Outbox): void {
  if (box.overSince !== 0) return;
  box.overSince = Date.now();
  backlogged.add(box);
  backloggedSockets.inc();
}

function forget(box: Outbox): void {
  if (box.overSince === 0) return;
  box.overSince = 0;
  backlogged.delete(box);
  backloggedSockets.dec();
}

function cut(box: Outbox, reason: "backlog_limit" | "drain_timeout" | "held_limit"): void {
  if (box.cut) return;
  box.cut = true;
  box.held = [];
  forget(box);
  cutConnection(box.socket, reason, box.tcp);
}

function onPacketCreate(this: Conn, packet: { data?: unknown }): void {
  const box = outboxes.get(this);
  if (!box) return;
  box.queued += sizeOf(packet.data);
  const backlog = backlogOf(box);
  if (backlog > HARD_BOUND_BYTES) cut(box, "backlog_limit");
  else if (backlog > SOFT_BOUND_BYTES) markBacklogged(box);
}

// engine.io hands its whole write buffer to the transport at once.
function onFlush(this: Conn): void {
  const box = outboxes.get(this);
  if (box) box.queued = 0;
}

function onUpgrade(this: Conn): void {
  const box = outboxes.get(this);
  if (box) box.tcp = tcpSocketOf(this);
}

function onClose(this: Conn): void {
  const box = outboxes.get(this);
  if (box) forget(box);
}

/** Starts measuring what waits to be written to `socket` (from the `connection` listener). */
export function watchBackpressure(socket: ChatSocket): void {
  const conn = socket.conn;
  outboxes.set(conn, { socket, tcp: tcpSocketOf(conn), queued: 0, overSince: 0, held: [], cut: false });
  conn.on("packetCreate", onPacketCreate);
  conn.on("flush", onFlush);
  conn.once("close", onClose);
  if (conn.transport.name !== "websocket") conn.once("upgrade", onUpgrade);
}

/** Runs `answer` now, or once the socket has drained: a request is held while its socket is backlogged. */
export function whenDrained(socket: ChatSocket, answer: () => void): void {
  const box = outboxes.get(socket.conn);
  if (!box || (box.overSince === 0 && backlogOf(box) <= SOFT_BOUND_BYTES)) return answer();
  if (box.cut) return;
  markBacklogged(box);
  if (box.held.length >= MAX_HELD_REQUESTS) return cut(box, "held_limit");
  box.held.push(answer);
}

function release(box: Outbox): void {
  forget(box);
  const held = box.held;
  box.held = [];
  for (const answer of held) answer();
}

function sweep(): void {
  const now = Date.now();
  for (const box of backlogged) {
    if (box.socket.disconnected) forget(box);
    else if (backlogOf(box) <= SOFT_BOUND_BYTES) release(box);
    else if (now - box.overSince > env.socketDrainTimeoutMs) cut(box, "drain_timeout");
  }
}

/** One sweep per server over the backlogged sockets only: releases drained ones, cuts those past the timeout. */
export function startBackpressure(io: ChatServer): () => void {
  trackUpgrades(io);
  const timer = setInterval(sweep, Math.min(1000, env.socketDrainTimeoutMs / 4));
  timer.unref();
  return () => clearInterval(timer);
}
