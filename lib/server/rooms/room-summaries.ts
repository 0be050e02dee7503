import { reader } from "@/lib/server/db/database";
import { jsonIds } from "@/lib/server/db/json-rows";
import { countMentionsByRoom, countRoomMentions } from "@/lib/server/messages/count-mentions";
import { roomColumns, toRoom, type Room } from "@/lib/server/rooms/rooms";
import { authorColumns, toAuthor } from "@/lib/server/users/users";
import type { Author, RoomSummary } from "@/lib/shared/protocol";

/** The other person of a direct conversation ("low:high" user ids); yourself in a note-to-self. */
function peerIdOf(room: Pick<Room, "dmKey">, userId: number): number | null {
  if (!room.dmKey) return null;
  const [low, high] = room.dmKey.split(":").map(Number);
  return low === userId ? high! : low!;
}

/** The wire's room summary: a room as one member sees it. */
function toRoomSummary(room: Room, lastReadSeq: number, peer: Author | null, mentions: number): RoomSummary {
  return {
    slug: room.slug,
    name: peer ? peer.name : room.name,
    visibility: room.visibility,
    lastSeq: room.lastSeq,
    lastReadSeq,
    unread: Math.max(0, room.lastSeq - lastReadSeq),
    mentions,
    lastRev: room.lastRev,
    peer,
  };
}

async function peersById(ids: number[]): Promise<Map<number, Author>> {
  if (ids.length === 0) return new Map();
  const db = await reader();
  const users = await db.selectFrom("User").select(authorColumns).where("User.id", "in", jsonIds(ids)).execute();
  return new Map(users.map((u) => [u.id, toAuthor(u)]));
}

/** One room as `userId` sees it. */
export async function summarizeRoom(input: { room: Room; userId: number; lastReadSeq: number }): Promise<RoomSummary> {
  const peerId = peerIdOf(input.room, input.userId);
  const [peers, mentions] = await Promise.all([
    peersById(peerId === null ? [] : [peerId]),
    countRoomMentions({ roomId: input.room.id, userId: input.userId, afterSeq: input.lastReadSeq }),
  ]);
  return toRoomSummary(input.room, input.lastReadSeq, peerId === null ? null : (peers.get(peerId) ?? null), mentions);
}

/** Every room `userId` is a member of, with unread counts: public and private rooms by name, then conversations. */
export async function listRoomSummaries(input: { userId: number }): Promise<RoomSummary[]> {
  const db = await reader();
  const rows = await db
    .selectFrom("Member")
    .innerJoin("Room", "Room.id", "Member.roomId")
    .select([...roomColumns, "Member.lastReadSeq"])
    .where("Member.userId", "=", input.userId)
    .execute();
  const memberships = rows.map((row) => ({ room: toRoom(row), lastReadSeq: row.lastReadSeq }));
  const peerIds = memberships.map((m) => peerIdOf(m.room, input.userId)).filter((id): id is number => id !== null);
  const [peers, mentions] = await Promise.all([peersById([...new Set(peerIds)]), countMentionsByRoom({ userId: input.userId })]);
  return memberships
    .map(({ room, lastReadSeq }) => {
      const peerId = peerIdOf(room, input.userId);
      const peer = peerId === null ? null : (peers.get(peerId) ?? null);
      return toRoomSummary(room, lastReadSeq, peer, mentions.get(room.id) ?? 0);
    })
    .sort((a, b) => Number(a.visibility === "direct") - Number(b.visibility === "direct") || a.name.localeCompare(b.name));
}
