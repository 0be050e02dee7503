import type { Tx } from "@/lib/server/db/database";
import { storedDate } from "@/lib/server/db/dates";
import { AppError } from "@/lib/shared/errors";
import { insertMentionRows } from "@/lib/server/messages/message-batch-sql";

// Every change of a message (edit, delete, reaction) takes the room's next revision in the
// transaction that makes it: Room.lastRev and the message's rev move together, so revisions are
// gap-free per room and a client that holds rev r catches up with the messages of rev > r.

/**
 * Locks the room's row (an update that changes nothing still takes the row lock on PostgreSQL;
 * SQLite runs one write transaction at a time) and returns its current revision. Taken before the
 * message is read, so two changes of one message never decide on the same stale state.
 */
export async function lockRevision(tx: Tx, roomId: number): Promise<number> {
  const room = await tx
    .updateTable("Room")
    .set((eb) => ({ lastRev: eb("lastRev", "+", 0) }))
    .where("id", "=", roomId)
    .returning("lastRev")
    .executeTakeFirst();
  if (!room) throw new AppError("not_found", "no such room");
  return room.lastRev;
}

/** Gives the message the room's next revision, along with `data` (DateTime columns as stored text). */
export async function stampRevision(
  tx: Tx,
  input: { roomId: number; messageId: number; rev: number; data?: { text?: string; editedAt?: string; deletedAt?: string } },
): Promise<void> {
  await tx.updateTable("Room").set({ lastRev: input.rev, updatedAt: storedDate() }).where("id", "=", input.roomId).execute();
  await tx.updateTable("Message").set({ ...input.data, rev: input.rev }).where("id", "=", input.messageId).execute();
}

export interface ChangeTarget {
  id: number;
  authorId: number;
  text: string;
  deleted: boolean;
}

/** The message at (room, seq); not_found when there is none. */
export async function findChangeTarget(tx: Tx, input: { roomId: number; seq: number }): Promise<ChangeTarget> {
  const row = await tx
    .selectFrom("Message")
    .select(["id", "authorId", "text", "deletedAt"])
    .where("roomId", "=", input.roomId)
    .where("seq", "=", input.seq)
    .executeTakeFirst();
  if (!row) throw new AppError("not_found", "no such message");
  return { id: row.id, authorId: row.authorId, text: row.text, deleted: row.deletedAt !== null };
}

/** Only the author may edit or delete a message. */
export function assertAuthor(target: ChangeTarget, userId: number): void {
  if (target.authorId !== userId) throw new AppError("forbidden", "only the author may change this message");
}

/** Replaces the stored mentions of a message (after an edit, or none after a delete). */
export async function replaceMentions(tx: Tx, input: { roomId: number; seq: number; usernames: readonly string[] }): Promise<void> {
  await tx.deleteFrom("MessageMention").where("roomId", "=", input.roomId).where("seq", "=", input.seq).execute();
  await insertMentionRows(tx, input.usernames.map((username) => ({ roomId: input.roomId, seq: input.seq, username })));
}
