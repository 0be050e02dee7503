import { Adapter } from "socket.io-adapter";
import { messagesDelivered } from "@/lib/server/ops/metrics";

// Every broadcast reaches this node's sockets through Adapter.prototype.broadcast: local ones
// directly, and those from other nodes through the cluster adapter's `super.broadcast`. Counting
// there sees each delivery once, on the node that makes it. A chat message goes to one room.
const shared = globalThis as typeof globalThis & { __chatCountingDeliveries?: boolean };

export function countDeliveries(): void {
  if (shared.__chatCountingDeliveries) return;
  shared.__chatCountingDeliveries = true;
  const broadcast = Adapter.prototype.broadcast;
  Adapter.prototype.broadcast = function (this: Adapter, packet, opts) {
    if (packet.data?.[0] === "message:new") {
      let count = 0;
      for (const room of opts.rooms) count += this.rooms.get(room)?.size ?? 0;
      messagesDelivered.inc(count);
    }
    return broadcast.call(this, packet, opts);
  };
}
