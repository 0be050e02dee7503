import { bumpMembershipVersion } from "@/lib/server/rooms/members";
import { reader, writeTransaction } from "@/lib/server/db/db";
import type { PublicRoom, Visibility } from "@/lib/shared/protocol";
import { firstFreeSlug, privateSlug, slugify } from "@/lib/server/rooms/slug";
import { retryOnConflict } from "@/lib/server/db/db-conflict";

export interface Room {
  id: number;
  slug: string;
  name: string;
  visibility: Visibility;
  dmKey: string | null;
  lastSeq: number;
  lastRev: number;
}

export const roomFields = { id: true, slug: true, name: true, visibility: true, dmKey: true, lastSeq: true, lastRev: true } as const;

export async function findRoom(input: { slug: string }): Promise<Room | null> {
  const db = await reader();
  return db.room.findUnique({ where: { slug: input.slug }, select: roomFields }) as Promise<Room | null>;
}

/** Creates the public room if the slug is free; an existing room is left as it is. */
export function ensureRoom(input: { slug: string; name: string }): Promise<boolean> {
  return writeTransaction(async (tx) => {
    if (await tx.room.findUnique({ where: { slug: input.slug }, select: { id: true } })) return false;
    await tx.room.create({ data: { ...input, visibility: "public" } });
    return true;
  });
}

/** Creates a room named `name` with a fresh slug derived from it; its creator is its first member. */
export function createRoom(input: { name: string; visibility: "public" | "private"; creatorId: number }): Promise<Room> {
  const base = slugify(input.name);
  return retryOnConflict(() => writeTransaction(async (tx) => {
    // A private room's slug carries a random part: a taken "plans" must not reveal a hidden room.
    const wanted = input.visibility === "private" ? privateSlug(base) : base;
    const similar = await tx.room.findMany({ where: { slug: { startsWith: wanted } }, select: { slug: true } });
    const slug = firstFreeSlug(wanted, new Set(similar.map((r) => r.slug)));
    const room = await tx.room.create({
      data: { slug, name: input.name, visibility: input.visibility, members: { create: { userId: input.creatorId } } },
      select: roomFields,
    });
    await bumpMembershipVersion(tx, [input.creatorId]);
    return room as Room;
  }));
}

/** Every public room, with its member count and whether `userId` is one of them. */
export async function listPublicRooms(input: { userId: number }): Promise<PublicRoom[]> {
  const db = await reader();
  const rooms = await db.room.findMany({
    where: { visibility: "public" },
    orderBy: { name: "asc" },
    take: 500,
    select: {
      slug: true,
      name: true,
      _count: { select: { members: true } },
      members: { where: { userId: input.userId }, select: { userId: true } },
    },
  });
  return rooms.map((r) => ({ slug: r.slug, name: r.name, members: r._count.members, joined: r.members.length > 0 }));
}
