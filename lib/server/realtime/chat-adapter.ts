import { Adapter, type BroadcastOptions } from "socket.io-adapter";
import type { Socket } from "socket.io";
import { idleSocketOf, messageFrame, type EngineConn } from "@/patches/direct-broadcast";

type Packet = Parameters<Adapter["broadcast"]>[0];
interface Encoder {
  encode(packet: Packet): unknown[];
}

/**
 * Socket.IO's in-memory adapter (given to `io.adapter()`, one node) whose broadcasts are
 * written straight to the WebSockets with nothing queued ahead (patches/direct-broadcast.ts):
 * the packet is encoded and framed once. Every other recipient (long-polling, upgrading, busy,
 * compressed), and every binary packet, takes the adapter's own path, which writes through
 * engine.io's queue. Each recipient gets one path, so the order of its packets is engine.io's.
 */
export class ChatAdapter extends Adapter {
  /** The sockets `opts` names, each once, read from the adapter's public `rooms` and `sids`. */
  private recipients(opts: BroadcastOptions): Socket[] {
    const excluded = new Set<string>();
    for (const room of opts.except ?? []) for (const id of this.rooms.get(room) ?? []) excluded.add(id);
    const ids = new Set<string>();
    const rooms = opts.rooms.size > 0 ? [...opts.rooms].map((room) => this.rooms.get(room) ?? []) : [this.sids.keys()];
    for (const members of rooms) for (const id of members) if (!excluded.has(id)) ids.add(id);
    const sockets: Socket[] = [];
    for (const id of ids) {
      const socket = (this.nsp.sockets as Map<string, Socket>).get(id);
      if (socket) sockets.push(socket);
    }
    return sockets;
  }

  override broadcast(packet: Packet, opts: BroadcastOptions): void {
    packet.nsp = this.nsp.name;
    const encoded = (this.nsp.server.encoder as Encoder).encode(packet);
    const only = encoded.length === 1 ? encoded[0] : undefined;
    if (typeof only !== "string" || opts.flags?.compress) return super.broadcast(packet, opts);
    let frame: Buffer | null = null;
    const others = new Set<string>();
    for (const socket of this.recipients(opts)) {
      const tcp = idleSocketOf(socket.conn as unknown as EngineConn);
      if (!tcp) {
        others.add(socket.id);
        continue;
      }
      // As the adapter does for every recipient: `onAnyOutgoing` listeners see the packet.
      for (const listener of socket.listenersAnyOutgoing()) listener.apply(socket, packet.data ?? []);
      tcp.write((frame ??= messageFrame(only)));
    }
    // A socket is alone in the room named by its id: these reach exactly the others.
    if (others.size > 0) super.broadcast(packet, { ...opts, rooms: others });
  }
}
