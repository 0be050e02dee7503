import { reader } from "@/lib/db";
import type { Author } from "@/lib/protocol";

export interface SessionUser {
  user: Author;
  /** The rooms the user is a member of: slug → id. */
  rooms: Record<string, number>;
}

// Under SQLite's limit of bound parameters per statement (999 through Prisma).
const CHUNK = 500;

/**
 * Who opens sockets: each user and their rooms, for many users in one query per chunk of ids
 * (sockets opening at the same moment share it). Users that no longer exist are absent.
 */
export async function listSessionUsers(input: { ids: number[] }): Promise<Map<number, SessionUser>> {
  const db = await reader();
  const found = new Map<number, SessionUser>();
  const ids = [...new Set(input.ids)];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db.user.findMany({
      where: { id: { in: ids.slice(i, i + CHUNK) } },
      select: { id: true, username: true, name: true, memberships: { select: { room: { select: { id: true, slug: true } } } } },
    });
    for (const { memberships, ...user } of rows) {
      const rooms = Object.create(null) as Record<string, number>;
      for (const { room } of memberships) rooms[room.slug] = room.id;
      found.set(user.id, { user, rooms });
    }
  }
  return found;
}
