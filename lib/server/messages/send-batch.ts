import type { Tx } from "@/lib/server/db/database";
import { storedDate } from "@/lib/server/db/dates";
import { AppError } from "@/lib/shared/errors";
import type { Author, ChatMessage } from "@/lib/shared/protocol";
import { readMessage } from "@/lib/server/messages/message-page";
import { toChatMessage } from "@/lib/server/messages/message-row";
import { bumpRoomSeqs, findSentMessages, insertMentionRows, insertMessageRows, raiseReadMarkers, type NewMessageRow } from "@/lib/server/messages/message-batch-sql";
import { lockRoomsForSend, memberPairs } from "@/lib/server/messages/send-authorization";

// One group commit's work (lib/server/messages/send-message.ts queues the sends), inside its
// write transaction: retries answered with the stored message, members' sends stored, the rest refused.

export interface SendInput {
  room: { id: number; slug: string };
  author: Author;
  text: string;
  clientId: string;
  /** The parent's seq, checked by the caller; usernames parsed from the text. */
  replyTo?: number;
  mentions?: string[];
}

export interface SendResult {
  message: ChatMessage;
  /** False when this clientId was already stored: the first message is returned, nothing new. */
  created: boolean;
}

const keyOf = (authorId: number, clientId: string) => `${authorId}\u0000${clientId}`;

const notMember = new AppError("forbidden", "join the room first");

/** Each send's result, or the refusal of a send by someone who is not (or no longer) a member. */
export async function storeBatch(tx: Tx, inputs: SendInput[]): Promise<(SendResult | AppError)[]> {
  const existing = await findExisting(tx, inputs);
  const fresh = new Map<string, SendInput>();
  for (const input of inputs) {
    const key = keyOf(input.author.id, input.clientId);
    if (!existing.has(key) && !fresh.has(key)) fresh.set(key, input);
  }
  const stored = await insertFresh(tx, await membersOnly(tx, [...fresh.values()]));
  return inputs.map((input) => {
    const key = keyOf(input.author.id, input.clientId);
    const first = existing.get(key);
    if (first) return { message: sameMessage(first, input), created: false };
    const message = stored.get(key);
    if (!message) return notMember;
    // A clientId repeated inside one batch: the first occurrence creates, the rest repeat it.
    const created = fresh.get(key) === input;
    return { message: created ? message : sameMessage(message, input), created };
  });
}

/**
 * A retry must describe the same message; reusing a clientId for another one is a client bug.
 * A message edited or deleted since its first send no longer holds the text it was sent with.
 */
function sameMessage(first: ChatMessage, retry: SendInput): ChatMessage {
  const changed = first.editedAt !== null || first.deletedAt !== null;
  if (first.room !== retry.room.slug || (!changed && first.text !== retry.text)) {
    throw new AppError("invalid", "clientId was already used for a different message");
  }
  return first;
}

async function findExisting(tx: Tx, inputs: SendInput[]): Promise<Map<string, ChatMessage>> {
  const keys = new Map(inputs.map((i) => [keyOf(i.author.id, i.clientId), { authorId: i.author.id, clientId: i.clientId }]));
  const found = new Map<string, ChatMessage>();
  // Retries are rare: each one found is read whole (reactions, reply preview, mentions) as the
  // wire shows it, in this transaction: it needs no other connection while it holds one.
  for (const sent of await findSentMessages(tx, [...keys.values()])) {
    const message = await readMessage(tx, { id: sent.roomId, slug: sent.slug }, sent.seq);
    if (message) found.set(keyOf(sent.authorId, sent.clientId), message);
  }
  return found;
}

/**
 * The sends whose author is a member of the room, read inside the transaction after the rooms are
 * locked: a leave committed before this batch refuses its sends, one after it sees them stored.
 * Before any seq is reserved, so a refused send leaves no gap.
 */
async function membersOnly(tx: Tx, inputs: SendInput[]): Promise<SendInput[]> {
  if (inputs.length === 0) return inputs;
  await lockRoomsForSend(tx, inputs.map((input) => input.room.id));
  const members = await memberPairs(tx, inputs.map((input) => ({ roomId: input.room.id, userId: input.author.id })));
  return inputs.filter((input) => members.has(`${input.room.id}:${input.author.id}`));
}

async function insertFresh(tx: Tx, inputs: SendInput[]): Promise<Map<string, ChatMessage>> {
  const stored = new Map<string, ChatMessage>();
  if (inputs.length === 0) return stored;
  const nextSeq = await reserveSeqs(tx, inputs);
  const createdAt = storedDate();
  const rows: NewMessageRow[] = inputs.map((input) => ({
    roomId: input.room.id,
    authorId: input.author.id,
    clientId: input.clientId,
    text: input.text,
    seq: nextSeq(input.room.id),
    createdAt,
    replyToSeq: input.replyTo ?? null,
  }));
  const ids = await insertMessageRows(tx, rows);
  await insertMentionRows(tx, inputs.flatMap((input, i) => (input.mentions ?? []).map((username) => ({ roomId: rows[i]!.roomId, seq: rows[i]!.seq, username }))));
  await advanceAuthorsReadMarkers(tx, rows);
  inputs.forEach((input, i) => {
    const row = rows[i]!;
    // The row as the page query would read it back: a new message has no change and no reactions;
    // the handler adds the reply's preview.
    const read = { ...row, id: ids.get(`${row.roomId}:${row.seq}`)!, rev: 0, editedAt: null, deletedAt: null, ...authorColumns(input.author) };
    const message = toChatMessage(input.room.slug, read, { reactions: [], replyTo: null, mentions: input.mentions ?? [] });
    stored.set(keyOf(input.author.id, input.clientId), message);
  });
  return stored;
}

const authorColumns = (author: Author) => ({ authorId: author.id, username: author.username, name: author.name });

/**
 * Bumps each room's counter by the number of its new messages, inside the transaction that
 * stores them: a rollback returns the numbers, so seq never has gaps or repeats.
 */
async function reserveSeqs(tx: Tx, inputs: SendInput[]): Promise<(roomId: number) => number> {
  const counts = new Map<number, number>();
  for (const input of inputs) counts.set(input.room.id, (counts.get(input.room.id) ?? 0) + 1);
  const last = await bumpRoomSeqs(tx, counts);
  const next = new Map<number, number>();
  for (const [roomId, count] of counts) {
    const lastSeq = last.get(roomId);
    // Deleted since the handler checked it: answered `unavailable` like any other failed store.
    if (lastSeq === undefined) throw new Error(`room ${roomId} no longer exists`);
    next.set(roomId, lastSeq - count + 1);
  }
  return (roomId) => {
    const seq = next.get(roomId)!;
    next.set(roomId, seq + 1);
    return seq;
  };
}

/** Your own messages are never unread: move each author's read marker past what they sent. */
async function advanceAuthorsReadMarkers(tx: Tx, rows: NewMessageRow[]): Promise<void> {
  const highest = new Map<string, { roomId: number; userId: number; seq: number }>();
  for (const row of rows) {
    const key = `${row.roomId}:${row.authorId}`;
    if ((highest.get(key)?.seq ?? 0) < row.seq) highest.set(key, { roomId: row.roomId, userId: row.authorId, seq: row.seq });
  }
  await raiseReadMarkers(tx, [...highest.values()]);
}
