import { markRead, removeMember } from "@/lib/server/rooms/members";
import { readChangePage, readMessagePage } from "@/lib/server/messages/bounded-page";
import { memberRoom, openRoom } from "@/lib/server/rooms/room-access";
import { listRoomSummaries, summarizeRoom } from "@/lib/server/rooms/room-summaries";
import { listPublicRooms } from "@/lib/server/rooms/rooms";
import { AppError } from "@/lib/shared/errors";
import { DEFAULT_PAGE, MAX_CATCH_UP, MAX_CHANGES, MAX_PAGE_BYTES, emptySchema, roomJoinSchema, roomReadSchema, roomRefSchema } from "@/lib/shared/protocol";
import type { RoomJoinInput, RoomJoinResult } from "@/lib/shared/protocol";
import { farewellMember, subscribe, welcomeMember } from "@/lib/server/realtime/membership";
import { catchUps } from "@/lib/server/ops/metrics";
import { onEvent, type EventHandler } from "@/lib/server/realtime/on-event";
import { onlineMembers } from "@/lib/server/presence/presence";
import { withByteLimit } from "@/lib/server/rate-limit/byte-limiter";
import { channelOf, userChannelOf, type ChatServer, type ChatSocket } from "@/lib/server/realtime/types";

export function roomHandlers(io: ChatServer): EventHandler[] {
  // Under the byte limit: the answer's pages are what a catch-up costs.
  const join = onEvent("room:join", roomJoinSchema, (socket, input) => withByteLimit(socket.data.user.id, (charge) => joinRoom(socket, input, charge)));

  async function joinRoom(socket: ChatSocket, { room: slug, since, sinceRev }: RoomJoinInput, charge: (bytes: number) => void): Promise<RoomJoinResult> {
    const { user } = socket.data;
    const { room, lastReadSeq, joined } = await openRoom({ slug, userId: user.id });
    // Subscribe before reading, so a message stored in between arrives live or in the page, never
    // neither. This socket directly: through Redis, welcomeMember's joins land a moment later.
    await subscribe(socket, room);
    if (joined) await welcomeMember(io, user, room, lastReadSeq);
    const page = await readMessagePage(since === undefined ? { room, limit: DEFAULT_PAGE } : { room, since, limit: MAX_CATCH_UP });
    const { messages } = page;
    if (since !== undefined) catchUps.observe(messages.length);
    const current = { ...room, lastSeq: Math.max(room.lastSeq, messages.at(-1)?.seq ?? 0) };
    const summary = await summarizeRoom({ room: current, userId: user.id, lastReadSeq });
    // Changes after sinceRev, in what the page left of the byte budget; room.lastRev was read before them (see protocol §8.2).
    const changed =
      sinceRev === undefined ? null : await readChangePage({ room, sinceRev, limit: MAX_CHANGES, maxBytes: MAX_PAGE_BYTES - page.bytes });
    charge(page.bytes + (changed?.bytes ?? 0));
    const more = since === undefined ? {} : { hasMore: page.hasMore };
    const changes = changed && { changes: changed.messages, hasMoreChanges: changed.hasMore };
    return { room: summary, messages, online: await onlineMembers(room.id), ...more, ...changes };
  }

  const list = onEvent("room:list", emptySchema, async (socket) => ({ rooms: await listRoomSummaries({ userId: socket.data.user.id }) }));

  const browse = onEvent("room:browse", emptySchema, async (socket) => ({ rooms: await listPublicRooms({ userId: socket.data.user.id }) }));

  const read = onEvent("room:read", roomReadSchema, async (socket, { room: slug, seq }) => {
    const { user } = socket.data;
    const { room } = await memberRoom({ slug, userId: user.id });
    const lastReadSeq = await markRead({ roomId: room.id, userId: user.id, seq });
    // Every device of the user updates its unread count.
    io.to(userChannelOf(user.id)).emit("room:read", { room: slug, lastReadSeq });
    return { room: slug, lastReadSeq };
  });

  const leave = onEvent("room:leave", roomRefSchema, async (socket, { room: slug }) => {
    const { user } = socket.data;
    const { room } = await memberRoom({ slug, userId: user.id });
    if (room.visibility === "direct") throw new AppError("invalid", "a direct conversation cannot be left");
    await removeMember({ roomId: room.id, userId: user.id });
    // This socket at once (with Redis the adapter's leave lands after the answer); the rest through the adapter.
    await socket.leave(channelOf(slug));
    farewellMember(io, user, slug);
    return {};
  });

  return [join, list, browse, read, leave];
}
