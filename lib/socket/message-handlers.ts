import { listMessages } from "@/lib/data/messages";
import { sendMessage } from "@/lib/data/send-message";
import { messageHistorySchema, messageSendSchema } from "@/lib/protocol";
import { messagesReceived } from "@/lib/ops/metrics";
import { joinedRoom } from "@/lib/socket/joined-room";
import { onEvent } from "@/lib/socket/on-event";
import { channelOf, type ChatServer, type ChatSocket } from "@/lib/socket/types";

export function registerMessageHandlers(io: ChatServer, socket: ChatSocket): void {
  onEvent(socket, "message:send", messageSendSchema, async ({ room: slug, text, clientId }) => {
    const room = await joinedRoom(socket, slug);
    const { message, created } = await sendMessage({ room, author: socket.data.user, text, clientId });
    // Emitted synchronously after the commit resolves, so broadcasts leave in seq order.
    if (created) {
      io.to(channelOf(slug)).emit("message:new", message);
      messagesReceived.inc();
    }
    return { message };
  });

  onEvent(socket, "message:history", messageHistorySchema, async ({ room: slug, before, limit }) => {
    const room = await joinedRoom(socket, slug);
    // One extra row tells whether an older page exists without a count query.
    const page = await listMessages({ room, before, limit: limit + 1 });
    const hasMore = page.length > limit;
    return { messages: hasMore ? page.slice(1) : page, hasMore };
  });
}
