import { typingSchema } from "@/lib/protocol";
import { joinedRoom } from "@/lib/socket/joined-room";
import { onEvent } from "@/lib/socket/on-event";
import { channelOf, userChannelOf, type ChatSocket } from "@/lib/socket/types";

// Typing is relayed, never stored. Clients send `typing: true` at most every few seconds while
// the user types and `false` when they send or clear the box; viewers expire a stale `true`.
export function registerTypingHandlers(socket: ChatSocket): void {
  onEvent(socket, "typing", typingSchema, async ({ room: slug, typing }) => {
    await joinedRoom(socket, slug);
    // Not to the typist's own tabs either.
    socket.to(channelOf(slug)).except(userChannelOf(socket.data.user.id)).emit("typing", { room: slug, user: socket.data.user, typing });
    return {};
  });
}
