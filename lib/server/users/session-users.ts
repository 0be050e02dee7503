import { readRows } from "@/lib/server/db/db";
import { int, text } from "@/lib/server/db/sql-cells";
import { SqlParams } from "@/lib/server/db/sql-params";
import type { Author } from "@/lib/shared/protocol";

export interface SessionUser {
  user: Author;
  /** The rooms the user is a member of: slug → id. */
  rooms: Record<string, number>;
  /** Sessions issued with another version were revoked (lib/server/users/session-versions.ts). */
  sessionVersion: number;
  /** Read in the same statement as `rooms`: the rooms are those of this membership version. */
  membershipVersion: number;
}

/**
 * Who opens sockets: each user and their rooms, for many users at once (sockets opening at the
 * same moment share it). Users that no longer exist or are disabled are absent. One plain join
 * read through the driver (lib/server/db/db-read.ts): through the query builder this took two queries and
 * about four times the CPU, and through $queryRaw twice the garbage, on every connection.
 */
export async function listSessionUsers(input: { ids: number[] }): Promise<Map<number, SessionUser>> {
  const found = new Map<number, SessionUser>();
  if (input.ids.length === 0) return found;
  const p = new SqlParams();
  const rows = await readRows({
    sql:
      `SELECT u."id", u."username", u."name", u."sessionVersion", u."membershipVersion", r."id", r."slug" FROM "User" u ` +
      `LEFT JOIN "Member" m ON m."userId" = u."id" LEFT JOIN "Room" r ON r."id" = m."roomId" ` +
      `WHERE u."id" IN ${p.ids([...new Set(input.ids)])} AND u."disabledAt" IS NULL`,
    params: p.values,
  });
  for (const [userId, username, name, sessionVersion, membershipVersion, roomId, slug] of rows) {
    const id = int(userId);
    let entry = found.get(id);
    if (!entry) {
      const rooms = Object.create(null) as Record<string, number>;
      entry = { user: { id, username: text(username), name: text(name) }, rooms, sessionVersion: int(sessionVersion), membershipVersion: int(membershipVersion) };
      found.set(id, entry);
    }
    if (slug !== null && roomId !== null) entry.rooms[text(slug)] = int(roomId);
  }
  return found;
}
