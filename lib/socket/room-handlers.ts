import { listMessages } from "@/lib/data/messages";
import { findRoom } from "@/lib/data/rooms";
import { AppError } from "@/lib/errors";
import { DEFAULT_PAGE, MAX_CATCH_UP, roomJoinSchema } from "@/lib/protocol";
import { onEvent } from "@/lib/socket/on-event";
import { channelOf, type ChatSocket } from "@/lib/socket/types";

export function registerRoomHandlers(socket: ChatSocket): void {
  onEvent(socket, "room:join", roomJoinSchema, async ({ room: slug, since }) => {
    const room = await findRoom({ slug });
    if (!room) throw new AppError("not_found", "no such room");
    // Join before reading, so a message stored in between arrives live or in the page, never neither.
    await socket.join(channelOf(room.slug));
    socket.data.rooms[room.slug] = room.id;
    const messages =
      since === undefined
        ? await listMessages({ room, limit: DEFAULT_PAGE })
        : await listMessages({ room, since, limit: MAX_CATCH_UP });
    const lastSeq = Math.max(room.lastSeq, messages.at(-1)?.seq ?? 0);
    return { room: { slug: room.slug, name: room.name, lastSeq }, messages };
  });
}
