import type { ChatMessage } from "@/lib/shared/protocol";

// Pure state of one open room, kept apart from React and the socket so it can be unit tested.
// `messages` is always a gap-free run of seqs; anything that would break the run is refused and
// reported as a gap, which the caller fills with `room:join { since }`.

export interface RoomState {
  messages: ChatMessage[];
}

export const emptyRoom: RoomState = { messages: [] };

export const lastSeqOf = (state: RoomState) => state.messages.at(-1)?.seq ?? 0;
export const hasOlder = (state: RoomState) => (state.messages[0]?.seq ?? 1) > 1;

/** Appends newer messages in order. `gap` is true when one arrived ahead of a missing seq. */
export function appendMessages(state: RoomState, incoming: ChatMessage[]): { state: RoomState; gap: boolean } {
  let last = lastSeqOf(state);
  const added: ChatMessage[] = [];
  let gap = false;
  for (const message of [...incoming].sort((a, b) => a.seq - b.seq)) {
    if (message.seq <= last) continue;
    // An empty view accepts any start (the newest page); otherwise the run must continue.
    if (message.seq !== last + 1 && (last !== 0 || state.messages.length > 0)) {
      gap = true;
      break;
    }
    added.push(message);
    last = message.seq;
  }
  if (added.length === 0) return { state, gap };
  return { state: { ...state, messages: [...state.messages, ...added] }, gap };
}

/** Prepends an older page that ends right before the first message held. */
export function prependMessages(state: RoomState, older: ChatMessage[]): RoomState {
  const first = state.messages[0]?.seq ?? Infinity;
  const fits = older.filter((m) => m.seq < first).sort((a, b) => a.seq - b.seq);
  if (fits.length === 0 || fits.at(-1)!.seq !== first - 1) return state;
  return { ...state, messages: [...fits, ...state.messages] };
}
