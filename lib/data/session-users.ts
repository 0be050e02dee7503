import { reader } from "@/lib/db";
import { Prisma } from "@/lib/generated/sqlite/client";
import type { Author } from "@/lib/protocol";

export interface SessionUser {
  user: Author;
  /** The rooms the user is a member of: slug → id. */
  rooms: Record<string, number>;
  /** Sessions issued with another version were revoked (lib/data/session-versions.ts). */
  sessionVersion: number;
}

// Under SQLite's limit of bound parameters per statement (999 through Prisma).
const CHUNK = 500;

interface Row {
  id: number;
  username: string;
  name: string;
  sessionVersion: number;
  roomId: number | null;
  slug: string | null;
}

/**
 * Who opens sockets: each user and their rooms, for many users at once (sockets opening at the
 * same moment share it). Users that no longer exist or are disabled are absent. One plain join: through the query
 * builder this took two queries and about four times the CPU, on every connection.
 */
export async function listSessionUsers(input: { ids: number[] }): Promise<Map<number, SessionUser>> {
  const db = await reader();
  const found = new Map<number, SessionUser>();
  const ids = [...new Set(input.ids)];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db.$queryRaw<Row[]>`
      SELECT u."id", u."username", u."name", u."sessionVersion", r."id" AS "roomId", r."slug"
      FROM "User" u
      LEFT JOIN "Member" m ON m."userId" = u."id"
      LEFT JOIN "Room" r ON r."id" = m."roomId"
      WHERE u."id" IN (${Prisma.join(ids.slice(i, i + CHUNK))}) AND u."disabledAt" IS NULL`;
    for (const row of rows) {
      const id = Number(row.id);
      let entry = found.get(id);
      if (!entry) {
        const rooms = Object.create(null) as Record<string, number>;
        entry = { user: { id, username: row.username, name: row.name }, rooms, sessionVersion: Number(row.sessionVersion) };
        found.set(id, entry);
      }
      if (row.slug !== null && row.roomId !== null) entry.rooms[row.slug] = Number(row.roomId);
    }
  }
  return found;
}
