import type { ChatMessage, RoomSummary } from "@/lib/shared/protocol";

// The sidebar's rooms, as pure state: kept apart from React and the socket so it can be unit
// tested. Unread is always lastSeq - lastReadSeq. Both numbers only ever grow on the server, so
// every update keeps the larger of the known and the incoming value: events and list answers
// may arrive in any order without a count going backwards or being counted twice.

export type RoomsState = Readonly<Record<string, RoomSummary>>;

export type RoomsAction =
  /**
   * The whole membership, as `room:list` answered. `keep`: rooms added or removed by an event
   * since the request left; the answer may predate that change, so their current state stands.
   */
  | { type: "list"; rooms: RoomSummary[]; keep?: readonly string[] }
  | { type: "upsert"; room: RoomSummary }
  | { type: "remove"; slug: string }
  | { type: "read"; slug: string; lastReadSeq: number }
  /** `seen`: the message is the user's own, or arrived in the room on screen. */
  | { type: "message"; message: ChatMessage; seen: boolean; mentionsMe?: boolean };

export const unreadOf = (room: Pick<RoomSummary, "lastSeq" | "lastReadSeq">) => Math.max(0, room.lastSeq - room.lastReadSeq);

// Unread mentions come counted from the server; they are cleared once everything
// is read and counted up by live messages that mention the user, until the next room:list.
const mentionsAt = (mentions: number, lastSeq: number, lastReadSeq: number) => (lastReadSeq >= lastSeq ? 0 : mentions);

function merge(known: RoomSummary | undefined, incoming: RoomSummary): RoomSummary {
  const lastSeq = Math.max(known?.lastSeq ?? 0, incoming.lastSeq);
  const lastReadSeq = Math.max(known?.lastReadSeq ?? 0, incoming.lastReadSeq);
  const mentions = mentionsAt(incoming.mentions ?? 0, lastSeq, lastReadSeq);
  return { ...incoming, lastSeq, lastReadSeq, mentions, unread: unreadOf({ lastSeq, lastReadSeq }) };
}

function withCounts(room: RoomSummary, lastSeq: number, lastReadSeq: number, mentioned = 0): RoomSummary {
  const mentions = mentionsAt((room.mentions ?? 0) + mentioned, lastSeq, lastReadSeq);
  if (lastSeq === room.lastSeq && lastReadSeq === room.lastReadSeq && mentions === room.mentions) return room;
  return { ...room, lastSeq, lastReadSeq, mentions, unread: unreadOf({ lastSeq, lastReadSeq }) };
}

function applyList(state: RoomsState, rooms: RoomSummary[], keep: ReadonlySet<string>): RoomsState {
  // The list is the membership: rooms missing from it were left.
  const next: Record<string, RoomSummary> = {};
  for (const room of rooms) if (!keep.has(room.slug) || state[room.slug]) next[room.slug] = merge(state[room.slug], room);
  for (const slug of keep) if (state[slug] && !next[slug]) next[slug] = state[slug];
  return next;
}

export function initialRooms(rooms: RoomSummary[]): RoomsState {
  return roomsReducer({}, { type: "list", rooms });
}

export function roomsReducer(state: RoomsState, action: RoomsAction): RoomsState {
  switch (action.type) {
    case "list":
      return applyList(state, action.rooms, new Set(action.keep));
    case "upsert":
      return { ...state, [action.room.slug]: merge(state[action.room.slug], action.room) };
    case "remove":
      if (!(action.slug in state)) return state;
      return Object.fromEntries(Object.entries(state).filter(([slug]) => slug !== action.slug));
    case "read": {
      const room = state[action.slug];
      if (!room) return state;
      const next = withCounts(room, room.lastSeq, Math.max(room.lastReadSeq, action.lastReadSeq));
      return next === room ? state : { ...state, [action.slug]: next };
    }
    case "message": {
      const room = state[action.message.room];
      if (!room) return state;
      const lastSeq = Math.max(room.lastSeq, action.message.seq);
      const lastReadSeq = action.seen ? Math.max(room.lastReadSeq, action.message.seq) : room.lastReadSeq;
      const mentioned = action.mentionsMe && !action.seen && action.message.seq > room.lastSeq ? 1 : 0;
      const next = withCounts(room, lastSeq, lastReadSeq, mentioned);
      return next === room ? state : { ...state, [room.slug]: next };
    }
  }
}

/** Rooms by name, then direct conversations by the other person's name. */
export function sortRooms(state: RoomsState): { rooms: RoomSummary[]; direct: RoomSummary[] } {
  const all = Object.values(state).sort((a, b) => a.name.localeCompare(b.name) || a.slug.localeCompare(b.slug));
  return { rooms: all.filter((r) => r.visibility !== "direct"), direct: all.filter((r) => r.visibility === "direct") };
}
