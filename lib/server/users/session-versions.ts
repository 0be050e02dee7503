import { int } from "@/lib/server/db/sql-cells";
import { SqlParams } from "@/lib/server/db/sql-params";
import { reader, readRows } from "@/lib/server/db/db";
import type { Author } from "@/lib/shared/protocol";

// A session (JWT) is current while its user exists, is not disabled and still has the
// `sessionVersion` the token was issued with.

/** Ids per query: one read of SQLite blocks the event loop while it runs, so a long list is read in parts. */
const CHUNK = 2_000;

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

/** A user's current versions: of their sessions, and of their set of memberships. */
export interface UserVersions {
  session: number;
  membership: number;
}

/**
 * For each of `userIds` that may still have sessions, its current versions; absent ids are gone or
 * disabled. Every node runs this over all its sockets' users every couple of seconds: one raw
 * statement per CHUNK ids, the ids sent as one JSON parameter and read through the driver (through
 * the query builder, 10,000 users cost ~130 ms of CPU a check, in 20 queries).
 */
export async function listSessionVersions(input: { userIds: number[] }): Promise<Map<number, UserVersions>> {
  const versions = new Map<number, UserVersions>();
  for (let i = 0; i < input.userIds.length; i += CHUNK) {
    const p = new SqlParams();
    const ids = p.ids(input.userIds.slice(i, i + CHUNK));
    const sql = `SELECT u."id", u."sessionVersion", u."membershipVersion" FROM "User" u WHERE u."id" IN ${ids} AND u."disabledAt" IS NULL`;
    for (const [id, session, membership] of await readRows({ sql, params: p.values })) versions.set(int(id), { session: int(session), membership: int(membership) });
  }
  return versions;
}
