import { reader } from "@/lib/server/db/db";
import type { Author, RoomSummary } from "@/lib/shared/protocol";
import type { Room } from "@/lib/server/rooms/rooms";
import { roomFields } from "@/lib/server/rooms/rooms";
import { countMentionsByRoom, countRoomMentions } from "@/lib/server/messages/count-mentions";

const authorFields = { id: true, username: true, name: true } as const;

/** The other person of a direct conversation ("low:high" user ids); yourself in a note-to-self. */
function peerIdOf(room: Pick<Room, "dmKey">, userId: number): number | null {
  if (!room.dmKey) return null;
  const [low, high] = room.dmKey.split(":").map(Number);
  return low === userId ? high! : low!;
}

function summarize(room: Room, lastReadSeq: number, peer: Author | null, mentions: number): RoomSummary {
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
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: authorFields });
  return new Map(users.map((u) => [u.id, u]));
}

/** One room as `userId` sees it. */
export async function summarizeRoom(input: { room: Room; userId: number; lastReadSeq: number }): Promise<RoomSummary> {
  const peerId = peerIdOf(input.room, input.userId);
  const [peers, mentions] = await Promise.all([
    peersById(peerId === null ? [] : [peerId]),
    countRoomMentions({ roomId: input.room.id, userId: input.userId, afterSeq: input.lastReadSeq }),
  ]);
  return summarize(input.room, input.lastReadSeq, peerId === null ? null : (peers.get(peerId) ?? null), mentions);
}

/** Every room `userId` is a member of, with unread counts: public and private rooms by name, then conversations. */
export async function listRoomSummaries(input: { userId: number }): Promise<RoomSummary[]> {
  const db = await reader();
  const memberships = await db.member.findMany({
    where: { userId: input.userId },
    select: { lastReadSeq: true, room: { select: roomFields } },
  });
  const peerIds = memberships.map((m) => peerIdOf(m.room, input.userId)).filter((id): id is number => id !== null);
  const [peers, mentions] = await Promise.all([peersById([...new Set(peerIds)]), countMentionsByRoom({ userId: input.userId })]);
  return memberships
    .map((m) => {
      const peerId = peerIdOf(m.room, input.userId);
      const peer = peerId === null ? null : (peers.get(peerId) ?? null);
      return summarize(m.room as Room, m.lastReadSeq, peer, mentions.get(m.room.id) ?? 0);
    })
    .sort((a, b) => Number(a.visibility === "direct") - Number(b.visibility === "direct") || a.name.localeCompare(b.name));
}

/** Slug to room id of every room the user belongs to: what a new socket subscribes to. */
export async function listMemberRoomIds(input: { userId: number }): Promise<Record<string, number>> {
  const db = await reader();
  const rows = await db.member.findMany({ where: { userId: input.userId }, select: { room: { select: { id: true, slug: true } } } });
  const rooms = Object.create(null) as Record<string, number>;
  for (const { room } of rows) rooms[room.slug] = room.id;
  return rooms;
}
