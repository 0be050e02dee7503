import type * as aroundModule from "@/lib/server/messages/around-page";
import type * as pagesModule from "@/lib/server/messages/bounded-page";
import type * as repliesModule from "@/lib/server/messages/find-reply-parent";
import type * as sendingModule from "@/lib/server/messages/send-message";
import type * as byteLimiterModule from "@/lib/server/rate-limit/byte-limiter";
import { messageHistorySchema, messageSendSchema, parseMentions } from "@/lib/shared/protocol";
import { messagesReceived } from "@/lib/server/ops/metrics";
import type { RoomGate } from "@/lib/server/rooms/joined-room";
import { onEvent, type EventHandler } from "@/lib/server/realtime/on-event";
import { channelOf, type ChatServer } from "@/lib/server/realtime/types";

export interface MessageHandlerDeps {
  io: ChatServer;
  messages: Pick<typeof sendingModule, "sendMessage"> &
    Pick<typeof pagesModule, "readMessagePage"> &
    Pick<typeof aroundModule, "readMessagePageAround"> &
    Pick<typeof repliesModule, "findReplyParent">;
  gate: Pick<RoomGate, "joinedRoom" | "roomToSend" | "checkedRoom" | "refusedSend">;
  limiter: Pick<typeof byteLimiterModule, "withByteLimit">;
}

/** `message:send` (with `replyTo` and mentions) and `message:history` (`before` or `around`). */
export function createMessageHandlers({ io, messages, gate, limiter }: MessageHandlerDeps): EventHandler[] {
  const send = onEvent("message:send", messageSendSchema, async (socket, { room: slug, text, clientId, replyTo }) => {
    // Membership is checked by the group commit, in its transaction (lib/server/messages/send-message.ts).
    const room = await gate.roomToSend(slug);
    // A reply's parent is looked up (parents are never removed, only tombstoned).
    const parent = replyTo === undefined ? null : await messages.findReplyParent({ room, seq: replyTo });
    // Parsed to decide which MessageMention rows to write; the message carries the stored ones.
    const mentions = parseMentions(text);
    const sent = await messages
      .sendMessage({ room, author: socket.data.user, text, clientId, replyTo, mentions })
      .catch((error: unknown) => gate.refusedSend(socket, room, error));
    const { created } = sent;
    const message = { ...sent.message, replyTo: parent };
    // Emitted synchronously after the commit resolves, so broadcasts leave in seq order.
    if (created) {
      io.to(channelOf(slug)).emit("message:new", message);
      messagesReceived.inc();
    }
    // A member whose socket missed the subscription (it raced a join) is subscribed now.
    await gate.checkedRoom(socket, room, true);
    return { message };
  });

  const history = onEvent("message:history", messageHistorySchema, async (socket, { room: slug, before, around, limit }) => {
    const room = await gate.joinedRoom(socket, slug);
    return limiter.withByteLimit(socket.data.user.id, async (charge) => {
      // The schema lets exactly one of `before` and `around` through.
      if (around !== undefined) {
        const { messages: page, hasMore, hasNewer, bytes } = await messages.readMessagePageAround({ room, around, limit });
        charge(bytes);
        return { messages: page, hasMore, hasNewer };
      }
      const { messages: page, hasMore, bytes } = await messages.readMessagePage({ room, before, limit });
      charge(bytes);
      return { messages: page, hasMore };
    });
  });

  return [send, history];
}
