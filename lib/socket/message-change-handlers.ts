import { deleteMessage } from "@/lib/data/delete-message";
import { editMessage, type ChangeResult } from "@/lib/data/edit-message";
import { reactToMessage } from "@/lib/data/react-to-message";
import { messageDeleteSchema, messageEditSchema, messageReactSchema, parseMentions } from "@/lib/protocol";
import { joinedRoom } from "@/lib/socket/joined-room";
import { onEvent } from "@/lib/socket/on-event";
import { channelOf, type ChatServer, type ChatSocket } from "@/lib/socket/types";

/** Edits, deletes and reactions: each change commits with a new room revision, then is broadcast whole. */
export function registerMessageChangeHandlers(io: ChatServer, socket: ChatSocket): void {
  const { user } = socket.data;
  // A no-op (same text, deleted twice, reaction already so) answers the message and broadcasts nothing.
  const publish = ({ message, changed }: ChangeResult) => {
    if (changed) io.to(channelOf(message.room)).emit("message:updated", message);
    return { message };
  };

  onEvent(socket, "message:edit", messageEditSchema, async ({ room: slug, seq, text }) => {
    const room = await joinedRoom(socket, slug);
    return publish(await editMessage({ room, seq, userId: user.id, text, mentions: parseMentions(text) }));
  });

  onEvent(socket, "message:delete", messageDeleteSchema, async ({ room: slug, seq }) => {
    const room = await joinedRoom(socket, slug);
    return publish(await deleteMessage({ room, seq, userId: user.id }));
  });

  onEvent(socket, "message:react", messageReactSchema, async ({ room: slug, seq, emoji, on }) => {
    const room = await joinedRoom(socket, slug);
    return publish(await reactToMessage({ room, seq, userId: user.id, emoji, on }));
  });
}
