import { isMember } from "@/lib/server/rooms/members";
import { AppError, isAppError } from "@/lib/shared/errors";
import { isSubscribed, subscribe, unsubscribe } from "@/lib/server/realtime/membership";
import { roomIdOf } from "@/lib/server/rooms/room-ids";
import type { ChatSocket } from "@/lib/server/realtime/types";

type RoomRef = { id: number; slug: string };

const notMember = () => new AppError("forbidden", "join the room first");

/**
 * The room `slug` if this socket's user is a member now, by a primary-key read of the database;
 * forbidden otherwise. A subscription proves nothing: a leave committed on another node reaches
 * this one's channels through the adapter, which drops it while Redis is away. The channels are
 * corrected on the way: a stale one is left, a missing one joined.
 */
export async function joinedRoom(socket: ChatSocket, slug: string): Promise<RoomRef> {
  const id = await roomIdOf(slug);
  if (id === null) throw notMember();
  return checkedRoom(socket, { id, slug }, await isMember({ roomId: id, userId: socket.data.user.id }));
}

/**
 * For sends, which the group commit authorizes inside its own transaction (lib/server/messages/send-message.ts):
 * the room's id, with no read of its own. Pass the send's outcome to `checkedRoom` afterwards.
 */
export async function roomToSend(slug: string): Promise<RoomRef> {
  const id = await roomIdOf(slug);
  if (id === null) throw notMember();
  return { id, slug };
}

/** Brings the socket's channel in line with the database's answer; throws forbidden for a non-member. */
export async function checkedRoom(socket: ChatSocket, room: RoomRef, member: boolean): Promise<RoomRef> {
  if (member) {
    if (!isSubscribed(socket, room.slug)) await subscribe(socket, room);
    return room;
  }
  if (isSubscribed(socket, room.slug)) await unsubscribe(socket, room.slug);
  throw notMember();
}

/** A send the group commit refused as not a member's: the socket's channel is left too. */
export async function refusedSend(socket: ChatSocket, room: RoomRef, error: unknown): Promise<never> {
  if (isAppError(error) && error.code === "forbidden") await checkedRoom(socket, room, false);
  throw error;
}
