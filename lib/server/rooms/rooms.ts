import { reader, writeTransaction, type Tx } from "@/lib/server/db/database";
import { retryOnConflict } from "@/lib/server/db/db-conflict";
import { storedDate } from "@/lib/server/db/dates";
import { insertMembers } from "@/lib/server/rooms/members";
import { directSlug, firstFreeSlug, privateSlug, slugify } from "@/lib/server/rooms/slug";
import { authorColumns, toAuthor } from "@/lib/server/users/users";
import { AppError } from "@/lib/shared/errors";
import type { Author, PublicRoom, Visibility } from "@/lib/shared/protocol";

// Every read and write of rooms; their memberships are lib/server/rooms/members.ts's.

export interface Room {
  id: number;
  slug: string;
  name: string;
  visibility: Visibility;
  dmKey: string | null;
  lastSeq: number;
  lastRev: number;
}

/** The columns a `Room` is made of, table-qualified so they also select from a join. */
export const roomColumns = ["Room.id", "Room.slug", "Room.name", "Room.visibility", "Room.dmKey", "Room.lastSeq", "Room.lastRev"] as const;

/** A `Room` from a row holding `roomColumns`; the schema stores only the visibilities the app writes. */
export function toRoom(row: { id: number; slug: string; name: string; visibility: string; dmKey: string | null; lastSeq: number; lastRev: number }): Room {
  return { id: row.id, slug: row.slug, name: row.name, visibility: row.visibility as Visibility, dmKey: row.dmKey, lastSeq: row.lastSeq, lastRev: row.lastRev };
}

export async function findRoom(input: { slug: string }): Promise<Room | null> {
  const db = await reader();
  const row = await db.selectFrom("Room").select(roomColumns).where("Room.slug", "=", input.slug).executeTakeFirst();
  return row ? toRoom(row) : null;
}

async function insertRoom(tx: Tx, room: { slug: string; name: string; visibility: Visibility; dmKey?: string }): Promise<Room> {
  const now = storedDate();
  return toRoom(await tx.insertInto("Room").values({ ...room, createdAt: now, updatedAt: now }).returning(roomColumns).executeTakeFirstOrThrow());
}

/** Creates the public room if the slug is free; an existing room is left as it is. */
export function ensureRoom(input: { slug: string; name: string }): Promise<boolean> {
  const now = storedDate();
  return writeTransaction(async (tx) => {
    const created = await tx
      .insertInto("Room")
      .values({ slug: input.slug, name: input.name, visibility: "public", createdAt: now, updatedAt: now })
      .onConflict((oc) => oc.column("slug").doNothing())
      .returning("id")
      .executeTakeFirst();
    return created !== undefined;
  });
}

/** Creates a room named `name` with a fresh slug derived from it; its creator is its first member. */
export function createRoom(input: { name: string; visibility: "public" | "private"; creatorId: number }): Promise<Room> {
  const base = slugify(input.name);
  return retryOnConflict(() =>
    writeTransaction(async (tx) => {
      // A private room's slug carries a random part: a taken "plans" must not reveal a hidden room.
      const wanted = input.visibility === "private" ? privateSlug(base) : base;
      // Slugs are [a-z0-9-]: nothing in `wanted` is a LIKE wildcard.
      const similar = await tx.selectFrom("Room").select("slug").where("slug", "like", `${wanted}%`).execute();
      const slug = firstFreeSlug(wanted, new Set(similar.map((r) => r.slug)));
      const room = await insertRoom(tx, { slug, name: input.name, visibility: input.visibility });
      await insertMembers(tx, { roomId: room.id, userIds: [input.creatorId], lastReadSeq: 0 });
      return room;
    }),
  );
}

/**
 * The one direct conversation between `userId` and `peerUsername`, created on first use with
 * both as members. The same pair always resolves to the same room, whoever opens it; two first
 * opens at once collide on `dmKey`, and the retry finds the winner's room.
 */
export function openDirectRoom(input: { userId: number; peerUsername: string }): Promise<{ room: Room; peer: Author; created: boolean }> {
  return retryOnConflict(() =>
    writeTransaction(async (tx) => {
      const peerRow = await tx.selectFrom("User").select(authorColumns).where("User.username", "=", input.peerUsername).executeTakeFirst();
      if (!peerRow) throw new AppError("not_found", "no such user");
      const peer = toAuthor(peerRow);
      const { slug, dmKey } = directSlug(input.userId, peer.id);
      const existing = await tx.selectFrom("Room").select(roomColumns).where("Room.dmKey", "=", dmKey).executeTakeFirst();
      if (existing) return { room: toRoom(existing), peer, created: false };
      const room = await insertRoom(tx, { slug, dmKey, name: "Direct conversation", visibility: "direct" });
      await insertMembers(tx, { roomId: room.id, userIds: [...new Set([input.userId, peer.id])], lastReadSeq: 0 });
      return { room, peer, created: true };
    }),
  );
}

/** Every public room (the first 500 by name), with its member count and whether `userId` is one of them. */
export async function listPublicRooms(input: { userId: number }): Promise<PublicRoom[]> {
  const db = await reader();
  const rows = await db
    .selectFrom("Room")
    .select((eb) => [
      "Room.slug",
      "Room.name",
      eb.selectFrom("Member").select((m) => m.fn.countAll().as("n")).whereRef("Member.roomId", "=", "Room.id").as("members"),
      eb.exists(eb.selectFrom("Member").select("Member.userId").whereRef("Member.roomId", "=", "Room.id").where("Member.userId", "=", input.userId)).as("joined"),
    ])
    .where("Room.visibility", "=", "public")
    .orderBy("Room.name")
    .limit(500)
    .execute();
  // PostgreSQL sends the count as text (bigint), SQLite the flag as 0 or 1.
  return rows.map((r) => ({ slug: r.slug, name: r.name, members: Number(r.members ?? 0), joined: Boolean(r.joined) }));
}
