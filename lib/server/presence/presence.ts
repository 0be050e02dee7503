import { filterMembers, listMemberRoomIds } from "@/lib/server/rooms/members";
import { findUser } from "@/lib/server/users/users";
import { logger } from "@/lib/server/ops/logger";
import type { Author } from "@/lib/shared/protocol";
import { env } from "@/lib/server/env";
import { memoryPresence, type PresenceStore } from "@/lib/server/presence/presence-store";
import { channelOf, subscribedRooms, type ChatServer, type ChatSocket } from "@/lib/server/realtime/types";

// A user is online while at least one of their sockets is connected, on any node: a second tab
// keeps them online. A connection that dies silently is closed by Socket.IO's heartbeat; a node
// that dies stops confirming its sockets, which expire (PRESENCE_TTL_MS, 45 s) and are swept.

let store: PresenceStore = memoryPresence();

function announce(io: ChatServer, user: Author, rooms: string[], online: boolean): void {
  for (const slug of rooms) io.to(channelOf(slug)).emit("presence", { room: slug, user, online });
}

/** Tells a room the user left that they are gone from it, online or not. */
export function announceDeparture(io: ChatServer, user: Author, slug: string): void {
  announce(io, user, [slug], false);
}

/** Tells rooms the user just joined that they are online, if they are. */
export async function announcePresence(io: ChatServer, user: Author, rooms: string[]): Promise<void> {
  if (await store.isOnline(user.id)) announce(io, user, rooms, true);
}

/** Call once the socket is subscribed to its rooms. */
export async function trackConnect(io: ChatServer, socket: ChatSocket): Promise<void> {
  if (await store.add(socket.data.user.id, socket.id)) announce(io, socket.data.user, subscribedRooms(socket), true);
}

/** Call on "disconnecting", while the socket still knows its rooms. */
export async function trackDisconnect(io: ChatServer, socket: ChatSocket): Promise<void> {
  const rooms = subscribedRooms(socket);
  if (await store.remove(socket.data.user.id, socket.id)) announce(io, socket.data.user, rooms, false);
}

/** The room's members who are online now. */
export async function onlineMembers(roomId: number): Promise<Author[]> {
  return filterMembers({ roomId, userIds: await store.onlineUserIds() });
}

/**
 * Switches to a shared store and keeps it true: confirms this node's sockets and announces
 * the users that a dead node left behind. Returns a function that stops the loop.
 */
export function startPresence(io: ChatServer, shared: PresenceStore): () => void {
  store = shared;
  const tick = async () => {
    const sockets = [...io.of("/").sockets.values()];
    await store.refresh(sockets.map((s) => ({ userId: s.data.user.id, socketId: s.id })));
    for (const userId of await store.sweep()) {
      const [user, rooms] = await Promise.all([findUser({ id: userId }), listMemberRoomIds({ userId })]);
      if (user) announce(io, user, Object.keys(rooms), false);
    }
  };
  const timer = setInterval(() => tick().catch((error) => logger.warn({ err: error }, "presence refresh failed")), env.presenceTtlMs / 3);
  timer.unref();
  return () => clearInterval(timer);
}
