import type { ChatMessage } from "@/lib/shared/protocol";

// Messages typed in this tab that the server has not acknowledged yet, for every room: pure
// state, kept apart from the socket so it can be unit tested. An entry leaves once its message
// is known to be stored (acknowledged, or seen in the room with its clientId).

export interface OutboxEntry {
  clientId: string;
  text: string;
  status: "sending" | "failed";
  createdAt: string;
  room: string;
  /** The seq of the message this one replies to. */
  replyTo?: number;
  /** Why the last attempt failed, for a failed entry. */
  error?: string;
  /** Why a sending entry is waiting (rate limited), to show instead of "Sending…". */
  notice?: string;
}

export type OutboxState = readonly OutboxEntry[];

export function addEntry(state: OutboxState, entry: OutboxEntry): OutboxState {
  return [...state, entry];
}

export function markEntry(
  state: OutboxState,
  clientId: string,
  status: OutboxEntry["status"],
  error?: string,
  notice?: string,
): OutboxState {
  if (!state.some((e) => e.clientId === clientId)) return state;
  const mark = (e: OutboxEntry): OutboxEntry => {
    const next: OutboxEntry = { ...e, status, error };
    if (notice) next.notice = notice;
    else delete next.notice;
    return next;
  };
  return state.map((e) => (e.clientId === clientId ? mark(e) : e));
}

export function removeEntries(state: OutboxState, clientIds: Iterable<string>): OutboxState {
  const gone = new Set(clientIds);
  return state.some((e) => gone.has(e.clientId)) ? state.filter((e) => !gone.has(e.clientId)) : state;
}

/**
 * The entries of `room` still to show next to `messages`: one whose message is already in the
 * view (same clientId, written by `selfId`) is left out, so a message is never shown twice.
 */
export function pendingIn(state: OutboxState, room: string, messages: readonly ChatMessage[], selfId: number): OutboxEntry[] {
  const entries = state.filter((e) => e.room === room);
  if (entries.length === 0) return entries;
  const stored = new Set(messages.filter((m) => m.author.id === selfId).map((m) => m.clientId));
  return entries.filter((e) => !stored.has(e.clientId));
}

/**
 * What may be sent now, oldest first: of each room, its first entry still to send (typing order),
 * unless that room already has one in flight (`busyRooms`); at most `free` of them. A failed entry
 * waits for the user's Retry and holds nothing back.
 */
export function nextToSend(state: OutboxState, busyRooms: ReadonlySet<string>, free: number): OutboxEntry[] {
  const picked: OutboxEntry[] = [];
  const seen = new Set<string>();
  for (const entry of state) {
    if (picked.length >= free) break;
    if (entry.status !== "sending" || seen.has(entry.room)) continue;
    seen.add(entry.room);
    if (!busyRooms.has(entry.room)) picked.push(entry);
  }
  return picked;
}
