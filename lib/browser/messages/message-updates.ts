import type { RoomState } from "@/lib/browser/rooms/room-state";
import type { ChatMessage, RoomJoinResult } from "@/lib/shared/protocol";

// Edits, deletes and reactions of messages already on screen, as pure state. Each change carries
// the room revision it took; revisions are gap-free per room, so a client that holds revision r
// and receives r + 2 has missed one and catches up with `room:join { sinceRev: r }`.

/** Replaces the held messages that `incoming` has newer revisions of; others are ignored. */
export function updateMessages(state: RoomState, incoming: ChatMessage[]): RoomState {
  if (incoming.length === 0) return state;
  const newer = new Map(incoming.map((m) => [m.seq, m]));
  let changed = false;
  const messages = state.messages.map((held) => {
    const update = newer.get(held.seq);
    if (!update || update.rev <= held.rev) return held;
    changed = true;
    return update;
  });
  return changed ? { ...state, messages } : state;
}

/** The room revision after a live change: it moves only one step at a time; a skip is a gap. */
export function noteRevision(rev: number, incoming: number): { rev: number; gap: boolean } {
  if (incoming <= rev) return { rev, gap: false };
  if (incoming === rev + 1) return { rev: incoming, gap: false };
  return { rev, gap: true };
}

/**
 * The revision a `room:join` answer with `sinceRev` brings the client to. The server read the
 * room's lastRev before listing the changes, so with the whole list the client holds at least
 * that; with a partial list (`hasMoreChanges`) only up to the last change listed.
 */
export function revisionAfterJoin(rev: number, res: Pick<RoomJoinResult, "room" | "changes" | "hasMoreChanges">): number {
  const listed = res.changes?.at(-1)?.rev ?? rev;
  if (res.changes === undefined) return rev;
  return res.hasMoreChanges ? Math.max(rev, listed) : Math.max(rev, listed, res.room.lastRev);
}
