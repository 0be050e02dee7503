import type { Socket } from "socket.io";
import { messagesDelivered } from "@/lib/server/ops/metrics";

// Socket.IO calls a socket's `onAnyOutgoing` listeners for every packet handed to it: its own
// emits and broadcasts alike, local ones and those from other nodes, whichever adapter (and
// chat-adapter.ts's direct path) delivers them. Counting there sees each delivery once, on the
// node that makes it.
const countMessage = (event: string) => {
  if (event === "message:new") messagesDelivered.inc();
};

/** Socket.IO middleware: counts the `message:new` packets handed to the socket. */
export function countDeliveries(socket: Socket, next: (error?: Error) => void): void {
  socket.onAnyOutgoing(countMessage);
  next();
}
