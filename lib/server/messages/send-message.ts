import { writeBatch } from "@/lib/server/db/db";
import type { RawTx as Tx } from "@/lib/server/db/db-write";
import { isDatabaseUnavailable } from "@/lib/server/db/db-errors";
import { AppError, isAppError } from "@/lib/shared/errors";
import type { Author, ChatMessage } from "@/lib/shared/protocol";
import { findMessage, toChatMessage } from "@/lib/server/messages/messages";
import { bumpRoomSeqs, findSentMessages, insertMentionRows, insertMessageRows, raiseReadMarkers, type NewMessageRow } from "@/lib/server/messages/message-batch-sql";
import { lockRoomsForSend, memberPairs } from "@/lib/server/messages/send-authorization";

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

interface Pending {
  input: SendInput;
  resolve: (result: SendResult) => void;
  reject: (error: unknown) => void;
}

// A batch's statements take its rows as one JSON parameter each, so no parameter limit bounds it.
// Larger batches spread the fixed cost of a transaction (BEGIN/COMMIT, an fsync)
// over more messages: 100 -> 500 cut the store's CPU per message by about 40% (docs/benchmarks.md);
// 1,000 gained little more while making each commit, and the first ack in it, wait longer.
const MAX_BATCH = 500;
let pending: Pending[] = [];
let flushing: Promise<void> | null = null;

/**
 * Stores a message and resolves once it is committed. Sends that arrive while a commit is under
 * way are stored together in the next transaction (group commit): one fsync for many messages.
 */
export function sendMessage(input: SendInput): Promise<SendResult> {
  return new Promise((resolve, reject) => {
    pending.push({ input, resolve, reject });
    flushing ??= new Promise<void>((done) => setImmediate(done)).then(flush);
  });
}

/** Resolves once every send accepted so far is committed or failed: for a clean shutdown. */
export async function drainSends(): Promise<void> {
  while (flushing) await flushing;
}

async function flush(): Promise<void> {
  while (pending.length > 0) {
    const batch = pending.slice(0, MAX_BATCH);
    pending = pending.slice(MAX_BATCH);
    await commit(batch);
  }
  flushing = null;
}

async function commit(batch: Pending[]): Promise<void> {
  try {
    const results = await writeBatch((tx) => storeBatch(tx, batch.map((p) => p.input)));
    batch.forEach((p, i) => {
      const result = results[i]!;
      if (result instanceof AppError) p.reject(result);
      else p.resolve(result);
    });
  } catch (error) {
    // The database is away (down, locked): no send of the batch can succeed, fail them all now.
    if (batch.length === 1 || isDatabaseUnavailable(error)) {
      const failure = isAppError(error) ? error : new AppError("unavailable", "the message could not be stored");
      for (const p of batch) p.reject(failure);
      return;
    }
    // One bad send must not sink the others: halve the batch until it is alone, about 2·log2(n)
    // transactions rather than n. The first half goes first, so seq still follows queue order.
    const half = Math.ceil(batch.length / 2);
    await commit(batch.slice(0, half));
    await commit(batch.slice(half));
  }
}

const keyOf = (authorId: number, clientId: string) => `${authorId}\u0000${clientId}`;

const notMember = new AppError("forbidden", "join the room first");

/** Each send's result, or the refusal of a send by someone who is not (or no longer) a member. */
async function storeBatch(tx: Tx, inputs: SendInput[]): Promise<(SendResult | AppError)[]> {
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
  // Retries are rare: each one found is read whole (reactions, reply preview) as the wire shows it,
  // by the reader: it was committed by an earlier batch, and rows are never removed.
  for (const sent of await findSentMessages(tx, [...keys.values()])) {
    const message = await findMessage({ room: { id: sent.roomId, slug: sent.slug }, seq: sent.seq });
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
  const createdAt = new Date();
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
    const message = toChatMessage(input.room.slug, { ...row, id: ids.get(`${row.roomId}:${row.seq}`)!, author: input.author, mentions: input.mentions ?? [] });
    stored.set(keyOf(input.author.id, input.clientId), message);
  });
  return stored;
}

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
