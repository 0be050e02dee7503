import type { ChatMessage } from "@/lib/protocol";

// Pure state of one open room, kept apart from React and the socket so it can be unit tested.
// `messages` is always a gap-free run of seqs; anything that would break the run is refused and
// reported as a gap, which the caller fills with `room:join { since }`.

export type OutgoingStatus = "sending" | "failed";

export interface Outgoing {
  clientId: string;
  text: string;
  status: OutgoingStatus;
  createdAt: string;
}

export interface RoomState {
  messages: ChatMessage[];
  pending: Outgoing[];
}

export const emptyRoom: RoomState = { messages: [], pending: [] };

export const lastSeqOf = (state: RoomState) => state.messages.at(-1)?.seq ?? 0;
export const hasOlder = (state: RoomState) => (state.messages[0]?.seq ?? 1) > 1;

/**
 * Appends newer messages in order. `gap` is true when one arrived ahead of a missing seq. A
 * pending send is settled by its own message: same clientId, written by `selfId`.
 */
export function appendMessages(state: RoomState, incoming: ChatMessage[], selfId: number): { state: RoomState; gap: boolean } {
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
  const delivered = new Set(added.filter((m) => m.author.id === selfId).map((m) => m.clientId));
  return {
    state: {
      messages: [...state.messages, ...added],
      pending: state.pending.filter((p) => !delivered.has(p.clientId)),
    },
    gap,
  };
}

/** Prepends an older page that ends right before the first message held. */
export function prependMessages(state: RoomState, older: ChatMessage[]): RoomState {
  const first = state.messages[0]?.seq ?? Infinity;
  const fits = older.filter((m) => m.seq < first).sort((a, b) => a.seq - b.seq);
  if (fits.length === 0 || fits.at(-1)!.seq !== first - 1) return state;
  return { ...state, messages: [...fits, ...state.messages] };
}

export function addPending(state: RoomState, outgoing: Outgoing): RoomState {
  return { ...state, pending: [...state.pending, outgoing] };
}

export function setPendingStatus(state: RoomState, clientId: string, status: OutgoingStatus): RoomState {
  return {
    ...state,
    pending: state.pending.map((p) => (p.clientId === clientId ? { ...p, status } : p)),
  };
}
