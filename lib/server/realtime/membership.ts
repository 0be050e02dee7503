import { summarizeRoom } from "@/lib/server/rooms/room-summaries";
import type { Room } from "@/lib/server/rooms/rooms";
import type { Author } from "@/lib/shared/protocol";
import { announceDeparture, announcePresence } from "@/lib/server/presence/presence";
import { rememberRoomId } from "@/lib/server/rooms/room-ids";
import { channelOf, userChannelOf, type ChatServer, type ChatSocket } from "@/lib/server/realtime/types";

// A socket is subscribed to the channel of every room its user is a member of: that is what
// lets it send there and receive messages, presence and typing. Membership changes reach all
// of the user's sockets through their user channel.

let added = 0;
let changes = 0;
// user id → the `changes` count of this process's last change to their channels.
const lastChanged = new Map<number, number>();

function touch(userId: number): void {
  if (lastChanged.size >= 100_000) lastChanged.clear();
  lastChanged.set(userId, ++changes);
}

/** A mark to pass to `changedSince`: the sweep's reconciliation skips users this node changed meanwhile. */
export const membershipChanges = () => changes;

/** Whether this process changed the user's channels after `mark` (its database read may predate that change). */
export const changedSince = (userId: number, mark: number) => (lastChanged.get(userId) ?? 0) > mark;

/**
 * How many memberships this process has added so far. A socket whose handshake read its rooms
 * before the count moved may have missed one (see connection.ts); otherwise it cannot have, when
 * this process is the only one (every membership is added through welcomeMember).
 */
export const membershipsAdded = () => added;

export async function subscribe(socket: ChatSocket, room: Pick<Room, "id" | "slug">): Promise<void> {
  touch(socket.data.user.id);
  rememberRoomId(room.slug, room.id);
  await socket.join(channelOf(room.slug));
}

/** This socket alone drops a room its user no longer has (a leave whose adapter message it missed). */
export async function unsubscribe(socket: ChatSocket, slug: string): Promise<void> {
  touch(socket.data.user.id);
  await socket.leave(channelOf(slug));
  socket.emit("room:removed", { room: slug });
}

export function isSubscribed(socket: ChatSocket, slug: string): boolean {
  return socket.rooms.has(channelOf(slug));
}

/** A user just became a member: all their sockets subscribe and their sidebars show the room. */
export async function welcomeMember(io: ChatServer, user: Author, room: Room, lastReadSeq: number): Promise<void> {
  added++;
  touch(user.id);
  rememberRoomId(room.slug, room.id);
  const summary = await summarizeRoom({ room, userId: user.id, lastReadSeq });
  const sockets = io.in(userChannelOf(user.id));
  sockets.socketsJoin(channelOf(room.slug));
  sockets.emit("room:added", summary);
  await announcePresence(io, user, [room.slug]);
}

/** The user left: none of their sockets receives the room or may send to it; the others see them go. */
export function farewellMember(io: ChatServer, user: Author, slug: string): void {
  touch(user.id);
  const sockets = io.in(userChannelOf(user.id));
  sockets.socketsLeave(channelOf(slug));
  sockets.emit("room:removed", { room: slug });
  announceDeparture(io, user, slug);
}
