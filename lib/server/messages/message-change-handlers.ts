import type * as deletingModule from "@/lib/server/messages/delete-message";
import type * as editingModule from "@/lib/server/messages/edit-message";
import type * as reactingModule from "@/lib/server/messages/react-to-message";
import { messageDeleteSchema, messageEditSchema, messageReactSchema, parseMentions } from "@/lib/shared/protocol";
import type { RoomGate } from "@/lib/server/rooms/joined-room";
import { onEvent, type EventHandler } from "@/lib/server/realtime/on-event";
import { channelOf, type ChatServer } from "@/lib/server/realtime/types";

export interface MessageChangeHandlerDeps {
  io: ChatServer;
  messages: Pick<typeof editingModule, "editMessage"> & Pick<typeof deletingModule, "deleteMessage"> & Pick<typeof reactingModule, "reactToMessage">;
  gate: Pick<RoomGate, "joinedRoom">;
}

type ChangeResult = Awaited<ReturnType<MessageChangeHandlerDeps["messages"]["editMessage"]>>;

/** Edits, deletes and reactions: each change commits with a new room revision, then is broadcast whole. */
export function createMessageChangeHandlers({ io, messages, gate }: MessageChangeHandlerDeps): EventHandler[] {
  // A no-op (same text, deleted twice, reaction already so) answers the message and broadcasts nothing.
  const publish = ({ message, changed }: ChangeResult) => {
    if (changed) io.to(channelOf(message.room)).emit("message:updated", message);
    return { message };
  };

  const edit = onEvent("message:edit", messageEditSchema, async (socket, { room: slug, seq, text }) => {
    const room = await gate.joinedRoom(socket, slug);
    return publish(await messages.editMessage({ room, seq, userId: socket.data.user.id, text, mentions: parseMentions(text) }));
  });

  const remove = onEvent("message:delete", messageDeleteSchema, async (socket, { room: slug, seq }) => {
    const room = await gate.joinedRoom(socket, slug);
    return publish(await messages.deleteMessage({ room, seq, userId: socket.data.user.id }));
  });

  const react = onEvent("message:react", messageReactSchema, async (socket, { room: slug, seq, emoji, on }) => {
    const room = await gate.joinedRoom(socket, slug);
    return publish(await messages.reactToMessage({ room, seq, userId: socket.data.user.id, emoji, on }));
  });

  return [edit, remove, react];
}
