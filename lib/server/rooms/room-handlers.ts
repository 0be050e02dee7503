import type * as pagesModule from "@/lib/server/messages/bounded-page";
import type * as presenceModule from "@/lib/server/presence/presence";
import type * as byteLimiterModule from "@/lib/server/rate-limit/byte-limiter";
import type * as membershipModule from "@/lib/server/realtime/membership";
import type * as membersModule from "@/lib/server/rooms/members";
import type * as accessModule from "@/lib/server/rooms/room-access";
import type * as summariesModule from "@/lib/server/rooms/room-summaries";
import type * as roomsModule from "@/lib/server/rooms/rooms";
import { AppError } from "@/lib/shared/errors";
import { DEFAULT_PAGE, MAX_CATCH_UP, MAX_CHANGES, MAX_PAGE_BYTES, emptySchema, roomJoinSchema, roomReadSchema, roomRefSchema } from "@/lib/shared/protocol";
import type { RoomJoinInput, RoomJoinResult } from "@/lib/shared/protocol";
import { catchUps } from "@/lib/server/ops/metrics";
import { onEvent, type EventHandler } from "@/lib/server/realtime/on-event";
import { channelOf, userChannelOf, type ChatServer, type ChatSocket } from "@/lib/server/realtime/types";

export interface RoomHandlerDeps {
  io: ChatServer;
  rooms: Pick<typeof accessModule, "openRoom" | "memberRoom"> &
    Pick<typeof summariesModule, "summarizeRoom" | "listRoomSummaries"> &
    Pick<typeof roomsModule, "listPublicRooms">;
  members: Pick<typeof membersModule, "markRead" | "removeMember">;
  messages: Pick<typeof pagesModule, "readMessagePage" | "readChangePage">;
  membership: Pick<typeof membershipModule, "subscribe" | "welcomeMember" | "farewellMember">;
  presence: Pick<typeof presenceModule, "onlineMembers">;
  limiter: Pick<typeof byteLimiterModule, "withByteLimit">;
}

/** `room:join`, `room:list`, `room:browse`, `room:read`, `room:leave`. */
export function createRoomHandlers(deps: RoomHandlerDeps): EventHandler[] {
  const { io, rooms, members, membership, limiter } = deps;
  const joinRoom = roomJoiner(deps);
  // Under the byte limit: the answer's pages are what a catch-up costs.
  const join = onEvent("room:join", roomJoinSchema, (socket, input) => limiter.withByteLimit(socket.data.user.id, (charge) => joinRoom(socket, input, charge)));

  const list = onEvent("room:list", emptySchema, async (socket) => ({ rooms: await rooms.listRoomSummaries({ userId: socket.data.user.id }) }));

  const browse = onEvent("room:browse", emptySchema, async (socket) => ({ rooms: await rooms.listPublicRooms({ userId: socket.data.user.id }) }));

  const read = onEvent("room:read", roomReadSchema, async (socket, { room: slug, seq }) => {
    const { user } = socket.data;
    const { room } = await rooms.memberRoom({ slug, userId: user.id });
    const lastReadSeq = await members.markRead({ roomId: room.id, userId: user.id, seq });
    // Every device of the user updates its unread count.
    io.to(userChannelOf(user.id)).emit("room:read", { room: slug, lastReadSeq });
    return { room: slug, lastReadSeq };
  });

  const leave = onEvent("room:leave", roomRefSchema, async (socket, { room: slug }) => {
    const { user } = socket.data;
    const { room } = await rooms.memberRoom({ slug, userId: user.id });
    if (room.visibility === "direct") throw new AppError("invalid", "a direct conversation cannot be left");
    await members.removeMember({ roomId: room.id, userId: user.id });
    // This socket at once (with Redis the adapter's leave lands after the answer); the rest through the adapter.
    await socket.leave(channelOf(slug));
    membership.farewellMember(io, user, slug);
    return {};
  });

  return [join, list, browse, read, leave];
}

/** `room:join`'s answer: the room, its newest page or a catch-up since `since`, changes since `sinceRev`, who is online. */
function roomJoiner({ io, rooms, messages, membership, presence }: RoomHandlerDeps) {
  return async function joinRoom(socket: ChatSocket, { room: slug, since, sinceRev }: RoomJoinInput, charge: (bytes: number) => void): Promise<RoomJoinResult> {
    const { user } = socket.data;
    const { room, lastReadSeq, joined } = await rooms.openRoom({ slug, userId: user.id });
    // Subscribe before reading, so a message stored in between arrives live or in the page, never
    // neither. This socket directly: through Redis, welcomeMember's joins land a moment later.
    await membership.subscribe(socket, room);
    if (joined) await membership.welcomeMember(io, user, room, lastReadSeq);
    const page = await messages.readMessagePage(since === undefined ? { room, limit: DEFAULT_PAGE } : { room, since, limit: MAX_CATCH_UP });
    const { messages: sent } = page;
    if (since !== undefined) catchUps.observe(sent.length);
    const current = { ...room, lastSeq: Math.max(room.lastSeq, sent.at(-1)?.seq ?? 0) };
    const summary = await rooms.summarizeRoom({ room: current, userId: user.id, lastReadSeq });
    // Changes after sinceRev, in what the page left of the byte budget; room.lastRev was read before them (see protocol §8.2).
    const changed =
      sinceRev === undefined ? null : await messages.readChangePage({ room, sinceRev, limit: MAX_CHANGES, maxBytes: MAX_PAGE_BYTES - page.bytes });
    charge(page.bytes + (changed?.bytes ?? 0));
    const more = since === undefined ? {} : { hasMore: page.hasMore };
    const changes = changed && { changes: changed.messages, hasMoreChanges: changed.hasMore };
    return { room: summary, messages: sent, online: await presence.onlineMembers(room.id), ...more, ...changes };
  };
}
