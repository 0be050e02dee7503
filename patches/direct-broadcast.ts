import type { Socket as TcpSocket } from "node:net";
import { Adapter } from "socket.io-adapter";

// Socket.IO hands a broadcast to every recipient through engine.io's packet queue: a packet
// object, `packetCreate` and `flush` events, a corked two-buffer write, and a write callback that
// emits `drain` and `ready` again, per recipient. Skipping that cut the chat server's main-thread
// CPU in the fan-out by about a quarter (docs/benchmarks.md, "Broadcast frames written directly").
// When nothing is queued ahead on a recipient's WebSocket, the frame, built once per broadcast,
// is written to its TCP socket directly: the same bytes, in the same order. Anything else (a
// polling client, an upgrade under way, packets queued or a write in flight, compression) takes
// Socket.IO's own path. Written against socket.io-adapter 2.5, engine.io 6.6 and ws 8, which
// package-lock.json pins; test/integration/direct-broadcast.test.ts covers both paths and their order.

interface EngineTransport {
  name: string;
  writable: boolean;
  perMessageDeflate?: unknown;
  socket?: { readyState: number; _socket?: TcpSocket };
}

interface EngineSocket {
  readyState: string;
  upgrading: boolean;
  writeBuffer: unknown[];
  transport: EngineTransport;
}

interface Recipient {
  conn: EngineSocket;
  client: { writeToEngine(packets: unknown[], opts: object): void };
  notifyOutgoingListeners?: (packet: unknown) => void;
}

interface PacketOpts {
  preEncoded: true;
  volatile?: boolean;
  compress?: boolean;
  wsPreEncodedFrame?: Buffer[];
}

type BroadcastOpts = Parameters<Adapter["broadcast"]>[1];
type Packet = Parameters<Adapter["broadcast"]>[0];

interface AdapterInternals {
  nsp: { name: string };
  _encode(packet: Packet, opts: PacketOpts): unknown[];
  apply(opts: BroadcastOpts, callback: (socket: Recipient) => void): void;
}

const WS_OPEN = 1;
// Direct writes only while the TCP socket holds less than this (a quarter of backpressure.ts's
// soft bound): a recipient that reads slowly still gets them, one that does not read takes
// engine.io's path, where lib/server/realtime/backpressure.ts counts and bounds what waits for it.
const DIRECT_WRITE_MAX_BYTES = 1024 * 1024;

/** The recipient's TCP socket when a frame written to it now goes out next, in order; else null. */
function idleWebSocketOf(conn: EngineSocket): TcpSocket | null {
  const transport = conn.transport;
  if (conn.readyState !== "open" || conn.upgrading || conn.writeBuffer.length > 0) return null;
  if (transport.name !== "websocket" || !transport.writable || transport.perMessageDeflate) return null;
  const tcp = transport.socket?.readyState === WS_OPEN ? transport.socket._socket : undefined;
  return tcp && !tcp.destroyed && tcp.writableLength < DIRECT_WRITE_MAX_BYTES ? tcp : null;
}

function directBroadcast(this: AdapterInternals, packet: Packet, opts: BroadcastOpts): void {
  const flags = opts.flags ?? {};
  const packetOpts: PacketOpts = { preEncoded: true, volatile: flags.volatile, compress: flags.compress };
  packet.nsp = this.nsp.name;
  const encoded = this._encode(packet, packetOpts);
  const parts = packetOpts.wsPreEncodedFrame;
  const frame = parts ? Buffer.concat(parts) : null;
  this.apply(opts, (socket) => {
    socket.notifyOutgoingListeners?.(packet);
    const tcp = frame && idleWebSocketOf(socket.conn);
    if (tcp) tcp.write(frame);
    else socket.client.writeToEngine(encoded, packetOpts);
  });
}

const shared = globalThis as typeof globalThis & { __chatDirectBroadcast?: boolean };

/** Installs the direct path for this process's in-memory adapter and the adapters built on it. */
export function writeBroadcastsDirectly(): void {
  if (shared.__chatDirectBroadcast) return;
  shared.__chatDirectBroadcast = true;
  Adapter.prototype.broadcast = directBroadcast as unknown as Adapter["broadcast"];
}
