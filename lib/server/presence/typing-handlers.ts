import { typingSchema } from "@/lib/shared/protocol";
import type { RoomGate } from "@/lib/server/rooms/joined-room";
import { onEvent, type EventHandler } from "@/lib/server/realtime/on-event";
import { channelOf, userChannelOf } from "@/lib/server/realtime/types";

// Typing is relayed, never stored. Clients send `typing: true` at most every few seconds while
// the user types and `false` when they send or clear the box; viewers expire a stale `true`.
// The server holds every user to that: one `true` per user and room per TYPING_RELAY_MS is
// relayed, the rest are acknowledged and dropped. `false` always goes through.
export const TYPING_RELAY_MS = 2_000;

export interface TypingHandlerDeps {
  gate: Pick<RoomGate, "joinedRoom">;
}

function relayFilter(): (userId: number, slug: string, typing: boolean) => boolean {
  const lastRelayed = new Map<string, number>();
  return (userId, slug, typing) => {
    const key = `${userId}\u0000${slug}`;
    const now = Date.now();
    if (!typing) {
      lastRelayed.delete(key);
      return true;
    }
    if (now - (lastRelayed.get(key) ?? 0) < TYPING_RELAY_MS) return false;
    if (lastRelayed.size > 100_000) lastRelayed.clear();
    lastRelayed.set(key, now);
    return true;
  };
}

/** `typing`: relayed to the room except the typist's own sockets, at most one `true` per TYPING_RELAY_MS. */
export function createTypingHandlers({ gate }: TypingHandlerDeps): EventHandler[] {
  // One server's memory of what it relayed: made with its handlers.
  const shouldRelay = relayFilter();
  const typing = onEvent("typing", typingSchema, async (socket, { room: slug, typing }) => {
    await gate.joinedRoom(socket, slug);
    if (shouldRelay(socket.data.user.id, slug, typing)) {
      // Not to the typist's own tabs either.
      socket.to(channelOf(slug)).except(userChannelOf(socket.data.user.id)).emit("typing", { room: slug, user: socket.data.user, typing });
    }
    return {};
  });
  return [typing];
}
