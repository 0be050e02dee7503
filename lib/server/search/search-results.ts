import type { Db } from "@/lib/server/db/database";
import { jsonIds } from "@/lib/server/db/json-rows";
import { readMessages } from "@/lib/server/messages/message-page";
import type { ChatMessage, SearchResult } from "@/lib/shared/protocol";

// Search hits read as the wire shows messages, through the one message mapper (readMessages), one
// read per room of the page, with their room as the result shows it.

type Hit = { id: number; roomId: number; seq: number };

/** The rooms of `roomIds`, and whether `userId` is a member of each. */
async function roomsOf(db: Db, userId: number, roomIds: readonly number[]) {
  const rows = await db
    .selectFrom("Room as r")
    .leftJoin("Member as mb", (join) => join.onRef("mb.roomId", "=", "r.id").on("mb.userId", "=", userId))
    .select(["r.id", "r.slug", "r.name", "mb.userId"])
    .where("r.id", "in", jsonIds(roomIds))
    .execute();
  return new Map(rows.map((row) => [row.id, { id: row.id, slug: row.slug, name: row.name, joined: row.userId !== null }]));
}

/** `hits` (in their order) as results; a message deleted since it was found is left out. */
export async function readSearchResults(db: Db, input: { userId: number; hits: readonly Hit[] }): Promise<SearchResult[]> {
  if (input.hits.length === 0) return [];
  const seqsByRoom = new Map<number, number[]>();
  for (const hit of input.hits) {
    const seqs = seqsByRoom.get(hit.roomId);
    if (seqs) seqs.push(hit.seq);
    else seqsByRoom.set(hit.roomId, [hit.seq]);
  }
  const rooms = await roomsOf(db, input.userId, [...seqsByRoom.keys()]);
  const messages = new Map<string, ChatMessage>();
  await Promise.all(
    [...seqsByRoom].map(async ([roomId, seqs]) => {
      const room = rooms.get(roomId);
      if (!room) return;
      for (const message of await readMessages(db, room, { by: "seqs", seqs })) messages.set(`${roomId}:${message.seq}`, message);
    }),
  );
  const results: SearchResult[] = [];
  for (const hit of input.hits) {
    const room = rooms.get(hit.roomId);
    const message = messages.get(`${hit.roomId}:${hit.seq}`);
    if (room && message && message.deletedAt === null) results.push({ message, room: { slug: room.slug, name: room.name, joined: room.joined } });
  }
  return results;
}
