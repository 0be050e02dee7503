import { reader, writeTransaction } from "@/lib/db";
import type { RoomInfo } from "@/lib/protocol";

export interface Room extends RoomInfo {
  id: number;
}

const roomFields = { id: true, slug: true, name: true, lastSeq: true } as const;

export async function findRoom(input: { slug: string }): Promise<Room | null> {
  const db = await reader();
  return db.room.findUnique({ where: { slug: input.slug }, select: roomFields });
}

/** Creates the room if the slug is free; an existing room is left as it is. */
export function ensureRoom(input: { slug: string; name: string }): Promise<boolean> {
  return writeTransaction(async (tx) => {
    if (await tx.room.findUnique({ where: { slug: input.slug }, select: { id: true } })) return false;
    await tx.room.create({ data: input });
    return true;
  });
}
