import { reader } from "@/lib/db";
import type { Author } from "@/lib/protocol";

// A session (JWT) is current while its user exists, is not disabled and still has the
// `sessionVersion` the token was issued with.

/** Ids per query: SQLite allows at most 32,766 bound parameters, and smaller reads interleave with writes. */
const CHUNK = 500;

/** The version a new session of this user starts with, or null if the user may not sign in. */
export async function findSessionVersion(input: { userId: number }): Promise<number | null> {
  const db = await reader();
  const user = await db.user.findUnique({ where: { id: input.userId }, select: { sessionVersion: true, disabledAt: true } });
  return user && user.disabledAt === null ? user.sessionVersion : null;
}

/** The user of a session if that session is still current, else null. */
export async function findSessionUser(input: { userId: number; sessionVersion: number }): Promise<Author | null> {
  const db = await reader();
  const user = await db.user.findUnique({
    where: { id: input.userId },
    select: { id: true, username: true, name: true, sessionVersion: true, disabledAt: true },
  });
  if (!user || user.disabledAt !== null || user.sessionVersion !== input.sessionVersion) return null;
  return { id: user.id, username: user.username, name: user.name };
}

/** For each of `userIds` that may still have sessions, its current version; absent ids are gone or disabled. */
export async function listSessionVersions(input: { userIds: number[] }): Promise<Map<number, number>> {
  const db = await reader();
  const versions = new Map<number, number>();
  for (let i = 0; i < input.userIds.length; i += CHUNK) {
    const rows = await db.user.findMany({
      where: { id: { in: input.userIds.slice(i, i + CHUNK) }, disabledAt: null },
      select: { id: true, sessionVersion: true },
    });
    for (const row of rows) versions.set(row.id, row.sessionVersion);
  }
  return versions;
}
