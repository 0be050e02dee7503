import { findRoom } from "@/lib/server/rooms/rooms";

// A room's id never changes, so slug → id is cached for the process: sends need the id, and
// a socket may have been subscribed by another process (through the adapter) with no lookup here.
const ids = new Map<string, number>();
const MAX_ENTRIES = 100_000;

export function rememberRoomId(slug: string, id: number): void {
  if (ids.size >= MAX_ENTRIES) ids.clear();
  ids.set(slug, id);
}

export async function roomIdOf(slug: string): Promise<number | null> {
  const cached = ids.get(slug);
  if (cached !== undefined) return cached;
  const room = await findRoom({ slug });
  if (room) rememberRoomId(slug, room.id);
  return room?.id ?? null;
}
