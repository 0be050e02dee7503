import type * as membersModule from "@/lib/server/rooms/members";
import type * as roomIdsModule from "@/lib/server/rooms/room-ids";
import type * as membershipModule from "@/lib/server/realtime/membership";
import { AppError, isAppError } from "@/lib/shared/errors";
import type { ChatSocket } from "@/lib/server/realtime/types";

type RoomRef = { id: number; slug: string };

/** What the room gate reads and changes: membership in the database, room ids, the socket's channels. */
export interface RoomGateDeps {
  members: Pick<typeof membersModule, "isMember">;
  roomIds: Pick<typeof roomIdsModule, "roomIdOf">;
  channels: Pick<typeof membershipModule, "isSubscribed" | "subscribe" | "unsubscribe">;
}

export type RoomGate = ReturnType<typeof createRoomGate>;

const notMember = () => new AppError("forbidden", "join the room first");

/** The checks every room action passes: is this socket's user a member of the room now? */
export function createRoomGate({ members, roomIds, channels }: RoomGateDeps) {
  /**
   * The room `slug` if this socket's user is a member now, by a primary-key read of the database;
   * forbidden otherwise. A subscription proves nothing: a leave committed on another node reaches
   * this one's channels through the adapter, which drops it while Redis is away. The channels are
   * corrected on the way: a stale one is left, a missing one joined.
   */
  async function joinedRoom(socket: ChatSocket, slug: string): Promise<RoomRef> {
    const id = await roomIds.roomIdOf(slug);
    if (id === null) throw notMember();
    return checkedRoom(socket, { id, slug }, await members.isMember({ roomId: id, userId: socket.data.user.id }));
  }

  /**
   * For sends, which the group commit authorizes inside its own transaction (lib/server/messages/send-message.ts):
   * the room's id, with no read of its own. Pass the send's outcome to `checkedRoom` afterwards.
   */
  async function roomToSend(slug: string): Promise<RoomRef> {
    const id = await roomIds.roomIdOf(slug);
    if (id === null) throw notMember();
    return { id, slug };
  }

  /** Brings the socket's channel in line with the database's answer; throws forbidden for a non-member. */
  async function checkedRoom(socket: ChatSocket, room: RoomRef, member: boolean): Promise<RoomRef> {
    if (member) {
      if (!channels.isSubscribed(socket, room.slug)) await channels.subscribe(socket, room);
      return room;
    }
    if (channels.isSubscribed(socket, room.slug)) await channels.unsubscribe(socket, room.slug);
    throw notMember();
  }

  /** A send the group commit refused as not a member's: the socket's channel is left too. */
  async function refusedSend(socket: ChatSocket, room: RoomRef, error: unknown): Promise<never> {
    if (isAppError(error) && error.code === "forbidden") await checkedRoom(socket, room, false);
    throw error;
  }

  return { joinedRoom, roomToSend, checkedRoom, refusedSend };
}
