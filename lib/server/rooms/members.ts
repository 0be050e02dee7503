import { dialect, reader, writeTransaction, type Db, type Tx } from "@/lib/server/db/database";
import { storedDate } from "@/lib/server/db/dates";
import { jsonIds } from "@/lib/server/db/json-rows";
import { authorColumns, toAuthor } from "@/lib/server/users/users";
import { AppError } from "@/lib/shared/errors";
import type { Author } from "@/lib/shared/protocol";

// Every read and write of memberships. Each change bumps the users' `membershipVersion` in its
// own transaction: every node's session sweep re-reads the rooms of a user whose version moved.

/** Most members `room:members` lists: enough for `@` completion, bounded on the wire. */
export const MAX_MEMBERS_LISTED = 500;

export interface Membership {
  roomId: number;
  userId: number;
  lastReadSeq: number;
}

export async function findMembership(input: { roomId: number; userId: number }): Promise<Membership | null> {
  const db = await reader();
  const row = await db
    .selectFrom("Member")
    .select(["roomId", "userId", "lastReadSeq"])
    .where("roomId", "=", input.roomId)
    .where("userId", "=", input.userId)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Whether the user is a member now: one primary-key read. Every room action asks the database,
 * never the socket's subscriptions, which a lost adapter message leaves stale.
 */
export async function isMember(input: { roomId: number; userId: number }): Promise<boolean> {
  return (await findMembership(input)) !== null;
}

async function bumpMembershipVersion(tx: Tx, userIds: number[]): Promise<void> {
  await tx
    .updateTable("User")
    .set((eb) => ({ membershipVersion: eb("membershipVersion", "+", 1), updatedAt: storedDate() }))
    .where("id", "in", userIds)
    .execute();
}

/**
 * Makes `userIds` members of the room in `tx` (also a room's creation), reading as read up to
 * `lastReadSeq`; those who already were are left as they are. Returns the ids added.
 */
export async function insertMembers(tx: Tx, input: { roomId: number; userIds: number[]; lastReadSeq: number }): Promise<number[]> {
  const joinedAt = storedDate();
  const rows = input.userIds.map((userId) => ({ roomId: input.roomId, userId, lastReadSeq: input.lastReadSeq, joinedAt }));
  const added = await tx
    .insertInto("Member")
    .values(rows)
    .onConflict((oc) => oc.columns(["roomId", "userId"]).doNothing())
    .returning("userId")
    .execute();
  const ids = added.map((row) => row.userId);
  if (ids.length > 0) await bumpMembershipVersion(tx, ids);
  return ids;
}

async function roomLastSeq(tx: Tx, roomId: number): Promise<number> {
  const room = await tx.selectFrom("Room").select("lastSeq").where("id", "=", roomId).executeTakeFirst();
  if (!room) throw new AppError("not_found", "no such room");
  return room.lastSeq;
}

/**
 * Makes the user a member. A newcomer starts with everything already there marked read: the
 * history is theirs to scroll, not a wall of unread. `created` is false when they already were.
 */
export function addMember(input: { roomId: number; userId: number }): Promise<{ lastReadSeq: number; created: boolean }> {
  return writeTransaction(async (tx) => {
    const lastSeq = await roomLastSeq(tx, input.roomId);
    const added = await insertMembers(tx, { roomId: input.roomId, userIds: [input.userId], lastReadSeq: lastSeq });
    if (added.length > 0) return { lastReadSeq: lastSeq, created: true };
    const existing = await memberRow(tx, input);
    return { lastReadSeq: existing?.lastReadSeq ?? lastSeq, created: false };
  });
}

function memberRow(tx: Tx, input: { roomId: number; userId: number }): Promise<{ lastReadSeq: number } | undefined> {
  return tx.selectFrom("Member").select("lastReadSeq").where("roomId", "=", input.roomId).where("userId", "=", input.userId).executeTakeFirst();
}

/**
 * Ends a membership. On PostgreSQL the room row is locked first, as the send batch locks it
 * before checking membership (lib/server/messages/): a send commits entirely before the leave or
 * is refused after it, a clean cut. SQLite runs one write at a time anyway.
 */
export function removeMember(input: { roomId: number; userId: number }): Promise<boolean> {
  return writeTransaction(async (tx) => {
    if (dialect() === "postgresql") await tx.selectFrom("Room").select("id").where("id", "=", input.roomId).forUpdate().execute();
    const result = await tx.deleteFrom("Member").where("roomId", "=", input.roomId).where("userId", "=", input.userId).executeTakeFirst();
    const removed = Number(result.numDeletedRows) > 0;
    if (removed) await bumpMembershipVersion(tx, [input.userId]);
    return removed;
  });
}

/** Moves the read marker forward (never back, never past the room's last message). */
export function markRead(input: { roomId: number; userId: number; seq: number }): Promise<number> {
  return writeTransaction(async (tx) => {
    const seq = Math.min(input.seq, await roomLastSeq(tx, input.roomId));
    await tx
      .updateTable("Member")
      .set({ lastReadSeq: seq })
      .where("roomId", "=", input.roomId)
      .where("userId", "=", input.userId)
      .where("lastReadSeq", "<", seq)
      .execute();
    const member = await memberRow(tx, input);
    if (!member) throw new AppError("not_found", "no such room");
    return member.lastReadSeq;
  });
}

/** A room's members as authors; callers narrow and order it. */
function membersOf(db: Db, roomId: number) {
  return db.selectFrom("Member").innerJoin("User", "User.id", "Member.userId").select(authorColumns).where("Member.roomId", "=", roomId);
}

/** Of `userIds`, the ones who are members of the room, by name. Any number of ids: they go as one parameter. */
export async function filterMembers(input: { roomId: number; userIds: number[] }): Promise<Author[]> {
  if (input.userIds.length === 0) return [];
  const rows = await membersOf(await reader(), input.roomId).where("Member.userId", "in", jsonIds(input.userIds)).execute();
  return rows.map(toAuthor).sort((a, b) => a.name.localeCompare(b.name));
}

/** The members of a room by username, at most MAX_MEMBERS_LISTED. */
export async function listRoomMembers(input: { roomId: number }): Promise<Author[]> {
  const rows = await membersOf(await reader(), input.roomId).orderBy("User.username").limit(MAX_MEMBERS_LISTED).execute();
  return rows.map(toAuthor);
}

/** Slug to room id of every room the user belongs to: what a new socket subscribes to. */
export async function listMemberRoomIds(input: { userId: number }): Promise<Record<string, number>> {
  const db = await reader();
  const rows = await db.selectFrom("Member").innerJoin("Room", "Room.id", "Member.roomId").select(["Room.id", "Room.slug"]).where("Member.userId", "=", input.userId).execute();
  const rooms = Object.create(null) as Record<string, number>;
  for (const row of rows) rooms[row.slug] = row.id;
  return rooms;
}
