import { writeTransaction, type Tx } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/db-errors";
import { AppError, isAppError } from "@/lib/errors";
import type { Author, ChatMessage } from "@/lib/protocol";
import { toChatMessage } from "@/lib/data/messages";

export interface SendInput {
  room: { id: number; slug: string };
  author: Author;
  text: string;
  clientId: string;
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

// Bounded so one batch stays under SQLite's limit of bound parameters per statement (999 in Prisma):
// 100 rows of 6 columns to insert, and at most 200 ids when looking up earlier sends.
const MAX_BATCH = 100;
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
    const results = await writeTransaction((tx) => storeBatch(tx, batch.map((p) => p.input)));
    batch.forEach((p, i) => p.resolve(results[i]!));
  } catch (error) {
    // The database is away (down, locked): no send of the batch can succeed, fail them all now.
    if (batch.length === 1 || isDatabaseUnavailable(error)) {
      const failure = isAppError(error) ? error : new AppError("unavailable", "the message could not be stored");
      for (const p of batch) p.reject(failure);
      return;
    }
    // One bad send must not sink the others: store them one by one to isolate it.
    for (const p of batch) await commit([p]);
  }
}

const keyOf = (authorId: number, clientId: string) => `${authorId}\u0000${clientId}`;

async function storeBatch(tx: Tx, inputs: SendInput[]): Promise<SendResult[]> {
  const existing = await findExisting(tx, inputs);
  const fresh = new Map<string, SendInput>();
  for (const input of inputs) {
    const key = keyOf(input.author.id, input.clientId);
    if (!existing.has(key) && !fresh.has(key)) fresh.set(key, input);
  }
  const stored = await insertFresh(tx, [...fresh.values()]);
  return inputs.map((input) => {
    const key = keyOf(input.author.id, input.clientId);
    const first = existing.get(key);
    if (first) return { message: sameMessage(first, input), created: false };
    const message = stored.get(key)!;
    // A clientId repeated inside one batch: the first occurrence creates, the rest repeat it.
    const created = fresh.get(key) === input;
    return { message: created ? message : sameMessage(message, input), created };
  });
}

/** A retry must describe the same message; reusing a clientId for another one is a client bug. */
function sameMessage(first: ChatMessage, retry: SendInput): ChatMessage {
  if (first.room !== retry.room.slug || first.text !== retry.text) {
    throw new AppError("invalid", "clientId was already used for a different message");
  }
  return first;
}

async function findExisting(tx: Tx, inputs: SendInput[]): Promise<Map<string, ChatMessage>> {
  const rows = await tx.message.findMany({
    where: {
      authorId: { in: [...new Set(inputs.map((i) => i.author.id))] },
      clientId: { in: [...new Set(inputs.map((i) => i.clientId))] },
    },
    select: {
      id: true,
      seq: true,
      clientId: true,
      text: true,
      createdAt: true,
      room: { select: { slug: true } },
      author: { select: { id: true, username: true, name: true } },
    },
  });
  const wanted = new Set(inputs.map((i) => keyOf(i.author.id, i.clientId)));
  const found = new Map<string, ChatMessage>();
  for (const row of rows) {
    const key = keyOf(row.author.id, row.clientId);
    if (wanted.has(key)) found.set(key, toChatMessage(row.room.slug, row));
  }
  return found;
}

async function insertFresh(tx: Tx, inputs: SendInput[]): Promise<Map<string, ChatMessage>> {
  const stored = new Map<string, ChatMessage>();
  if (inputs.length === 0) return stored;
  const nextSeq = await reserveSeqs(tx, inputs);
  const createdAt = new Date();
  const data = inputs.map((input) => ({
    roomId: input.room.id,
    authorId: input.author.id,
    clientId: input.clientId,
    text: input.text,
    seq: nextSeq(input.room.id),
    createdAt,
  }));
  const rows = await tx.message.createManyAndReturn({ data, select: { id: true, roomId: true, seq: true } });
  await advanceAuthorsReadMarkers(tx, data);
  const idOf = new Map(rows.map((row) => [`${row.roomId}:${row.seq}`, row.id]));
  inputs.forEach((input, i) => {
    const row = data[i]!;
    const message = toChatMessage(input.room.slug, { ...row, id: idOf.get(`${row.roomId}:${row.seq}`)!, author: input.author });
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
  const next = new Map<number, number>();
  // Rooms are locked in id order, so two concurrent batches cannot deadlock on each other.
  for (const [roomId, count] of [...counts].sort((a, b) => a[0] - b[0])) {
    const room = await tx.room.update({
      where: { id: roomId },
      data: { lastSeq: { increment: count } },
      select: { lastSeq: true },
    });
    next.set(roomId, room.lastSeq - count + 1);
  }
  return (roomId) => {
    const seq = next.get(roomId)!;
    next.set(roomId, seq + 1);
    return seq;
  };
}

/** Your own messages are never unread: move each author's read marker past what they sent. */
async function advanceAuthorsReadMarkers(tx: Tx, rows: { roomId: number; authorId: number; seq: number }[]): Promise<void> {
  const highest = new Map<string, { roomId: number; userId: number; seq: number }>();
  for (const row of rows) {
    const key = `${row.roomId}:${row.authorId}`;
    if ((highest.get(key)?.seq ?? 0) < row.seq) highest.set(key, { roomId: row.roomId, userId: row.authorId, seq: row.seq });
  }
  for (const { roomId, userId, seq } of highest.values()) {
    await tx.member.updateMany({ where: { roomId, userId, lastReadSeq: { lt: seq } }, data: { lastReadSeq: seq } });
  }
}
