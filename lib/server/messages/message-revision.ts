import type { Tx } from "@/lib/server/db/db";
import { AppError } from "@/lib/shared/errors";

// Every change of a message (edit, delete, reaction) takes the room's next revision in the
// transaction that makes it: Room.lastRev and the message's rev move together, so revisions are
// gap-free per room and a client that holds rev r catches up with the messages of rev > r.

/**
 * Locks the room's row (an update that changes nothing still takes the row lock on PostgreSQL;
 * SQLite runs one write transaction at a time) and returns its current revision. Taken before the
 * message is read, so two changes of one message never decide on the same stale state.
 */
export async function lockRevision(tx: Tx, roomId: number): Promise<number> {
  const room = await tx.room.update({ where: { id: roomId }, data: { lastRev: { increment: 0 } }, select: { lastRev: true } });
  return room.lastRev;
}

/** Gives the message the room's next revision, along with `data`. */
export async function stampRevision(
  tx: Tx,
  input: { roomId: number; messageId: number; rev: number; data?: { text?: string; editedAt?: Date; deletedAt?: Date } },
): Promise<void> {
  await tx.room.update({ where: { id: input.roomId }, data: { lastRev: input.rev } });
  await tx.message.update({ where: { id: input.messageId }, data: { ...input.data, rev: input.rev } });
}

export interface ChangeTarget {
  id: number;
  authorId: number;
  text: string;
  deleted: boolean;
}

/** The message at (room, seq); not_found when there is none. */
export async function findChangeTarget(tx: Tx, input: { roomId: number; seq: number }): Promise<ChangeTarget> {
  const row = await tx.message.findUnique({
    where: { roomId_seq: { roomId: input.roomId, seq: input.seq } },
    select: { id: true, authorId: true, text: true, deletedAt: true },
  });
  if (!row) throw new AppError("not_found", "no such message");
  return { id: row.id, authorId: row.authorId, text: row.text, deleted: row.deletedAt !== null };
}

/** Only the author may edit or delete a message. */
export function assertAuthor(target: ChangeTarget, userId: number): void {
  if (target.authorId !== userId) throw new AppError("forbidden", "only the author may change this message");
}

/** Replaces the stored mentions of a message (after an edit, or none after a delete). */
export async function replaceMentions(tx: Tx, input: { roomId: number; seq: number; usernames: string[] }): Promise<void> {
  await tx.messageMention.deleteMany({ where: { roomId: input.roomId, seq: input.seq } });
  if (input.usernames.length === 0) return;
  await tx.messageMention.createMany({ data: input.usernames.map((username) => ({ roomId: input.roomId, seq: input.seq, username })) });
}
