import { readMessagePage } from "@/lib/server/messages/bounded-page";
import { findReplyParent } from "@/lib/server/messages/find-reply-parent";
import { sendMessage } from "@/lib/server/messages/send-message";
import { messageHistorySchema, messageSendSchema, parseMentions } from "@/lib/shared/protocol";
import { messagesReceived } from "@/lib/server/ops/metrics";
import { checkedRoom, joinedRoom, refusedSend, roomToSend } from "@/lib/server/rooms/joined-room";
import { withByteLimit } from "@/lib/server/rate-limit/byte-limiter";
import { onEvent, type EventHandler } from "@/lib/server/realtime/on-event";
import { channelOf, type ChatServer } from "@/lib/server/realtime/types";

export function messageHandlers(io: ChatServer): EventHandler[] {
  const send = onEvent("message:send", messageSendSchema, async (socket, { room: slug, text, clientId, replyTo }) => {
    // Membership is checked by the group commit, in its transaction (lib/server/messages/send-message.ts).
    const room = await roomToSend(slug);
    // A reply's parent is looked up (parents are never removed, only tombstoned).
    const parent = replyTo === undefined ? null : await findReplyParent({ room, seq: replyTo });
    const mentions = parseMentions(text);
    const sent = await sendMessage({ room, author: socket.data.user, text, clientId, replyTo, mentions }).catch((error: unknown) => refusedSend(socket, room, error));
    const { created } = sent;
    const message = { ...sent.message, mentions, replyTo: parent };
    // Emitted synchronously after the commit resolves, so broadcasts leave in seq order.
    if (created) {
      io.to(channelOf(slug)).emit("message:new", message);
      messagesReceived.inc();
    }
    // A member whose socket missed the subscription (it raced a join) is subscribed now.
    await checkedRoom(socket, room, true);
    return { message };
  });

  const history = onEvent("message:history", messageHistorySchema, async (socket, { room: slug, before, limit }) => {
    const room = await joinedRoom(socket, slug);
    return withByteLimit(socket.data.user.id, async (charge) => {
      const { messages, hasMore, bytes } = await readMessagePage({ room, before, limit });
      charge(bytes);
      return { messages, hasMore };
    });
  });

  return [send, history];
}
