import { filterMembers } from "@/lib/data/members";
import type { Author } from "@/lib/protocol";
import { channelOf, subscribedRooms, type ChatServer, type ChatSocket } from "@/lib/socket/types";

// A user is online while at least one of their sockets is connected: a second tab keeps them
// online. A connection that dies silently is closed by Socket.IO's heartbeat (pingInterval +
// pingTimeout, 45 s), which ends the user's presence with it.
const socketCounts = new Map<number, number>();

/** Tells rooms the user just joined that they are online, if they are. */
export function announcePresence(io: ChatServer, user: Author, rooms: string[]): void {
  if (socketCounts.has(user.id)) announce(io, user, rooms, true);
}

function announce(io: ChatServer, user: Author, rooms: string[], online: boolean): void {
  for (const slug of rooms) io.to(channelOf(slug)).emit("presence", { room: slug, user, online });
}

/** Call once the socket is subscribed to its rooms. */
export function trackConnect(io: ChatServer, socket: ChatSocket): void {
  const { user } = socket.data;
  const count = (socketCounts.get(user.id) ?? 0) + 1;
  socketCounts.set(user.id, count);
  if (count === 1) announce(io, user, subscribedRooms(socket), true);
}

/** Call on "disconnecting", while the socket still knows its rooms. */
export function trackDisconnect(io: ChatServer, socket: ChatSocket): void {
  const { user } = socket.data;
  const count = (socketCounts.get(user.id) ?? 0) - 1;
  if (count > 0) return void socketCounts.set(user.id, count);
  socketCounts.delete(user.id);
  announce(io, user, subscribedRooms(socket), false);
}

/** The room's members who are online now. */
export function onlineMembers(roomId: number): Promise<Author[]> {
  return filterMembers({ roomId, userIds: [...socketCounts.keys()] });
}
