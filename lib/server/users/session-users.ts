import { reader } from "@/lib/server/db/database";
import { jsonList } from "@/lib/server/db/json-rows";
import { prepare } from "@/lib/server/db/prepared";
import { authorColumns, toAuthor } from "@/lib/server/users/users";
import type { Author } from "@/lib/shared/protocol";

// Users as their sessions see them. A session (JWT) is current while its user exists, is not
// disabled and still has the `sessionVersion` the token was issued with.

/** Ids per query: one read of SQLite blocks the event loop while it runs, so a long list is read in parts. */
const CHUNK = 2_000;

export interface SessionUser {
  user: Author;
  /** The rooms the user is a member of: slug → id. */
  rooms: Record<string, number>;
  /** Sessions issued with another version were revoked. */
  sessionVersion: number;
  /** Read in the same statement as `rooms`: the rooms are those of this membership version. */
  membershipVersion: number;
}

/** A user's current versions: of their sessions, and of their set of memberships. */
export interface UserVersions {
  session: number;
  membership: number;
}

// Every handshake (batched) and every sweep runs these: prepared once (lib/server/db/prepared.ts).
const selectSessionUsers = prepare((db, v: { ids: string }) =>
  db
    .selectFrom("User")
    .leftJoin("Member", "Member.userId", "User.id")
    .leftJoin("Room", "Room.id", "Member.roomId")
    .select([...authorColumns, "User.sessionVersion", "User.membershipVersion", "Room.id as roomId", "Room.slug"])
    .where("User.id", "in", jsonList<number>(v.ids, "integer"))
    .where("User.disabledAt", "is", null),
);
const selectSessionUser = prepare((db, v: { id: number }) =>
  db.selectFrom("User").select([...authorColumns, "User.sessionVersion", "User.disabledAt"]).where("User.id", "=", v.id),
);
const selectVersions = prepare((db, v: { ids: string }) =>
  db
    .selectFrom("User")
    .select(["id", "sessionVersion", "membershipVersion"])
    .where("id", "in", jsonList<number>(v.ids, "integer"))
    .where("disabledAt", "is", null),
);

/**
 * Who opens sockets: each user and their rooms, for many users at once (sockets opening at the
 * same moment share it). Users that no longer exist or are disabled are absent. One join, the ids
 * as one JSON parameter, so its text (and prepared statement) is the same for any number of them.
 */
export async function listSessionUsers(input: { ids: number[] }): Promise<Map<number, SessionUser>> {
  const found = new Map<number, SessionUser>();
  if (input.ids.length === 0) return found;
  const rows = await selectSessionUsers(await reader(), { ids: JSON.stringify([...new Set(input.ids)]) });
  for (const row of rows) {
    let entry = found.get(row.id);
    if (!entry) {
      const rooms = Object.create(null) as Record<string, number>;
      entry = { user: toAuthor(row), rooms, sessionVersion: row.sessionVersion, membershipVersion: row.membershipVersion };
      found.set(row.id, entry);
    }
    if (row.slug !== null && row.roomId !== null) entry.rooms[row.slug] = row.roomId;
  }
  return found;
}

/** The version a new session of this user starts with, or null if the user may not sign in. */
export async function findSessionVersion(input: { userId: number }): Promise<number | null> {
  const [user] = await selectSessionUser(await reader(), { id: input.userId });
  return user && user.disabledAt === null ? user.sessionVersion : null;
}

/** The user of a session if that session is still current, else null. */
export async function findSessionUser(input: { userId: number; sessionVersion: number }): Promise<Author | null> {
  const [user] = await selectSessionUser(await reader(), { id: input.userId });
  if (!user || user.disabledAt !== null || user.sessionVersion !== input.sessionVersion) return null;
  return toAuthor(user);
}

/**
 * For each of `userIds` that may still have sessions, its current versions; absent ids are gone or
 * disabled. Every node runs this over all its sockets' users every couple of seconds: one
 * statement per CHUNK ids, the ids sent as one JSON parameter.
 */
export async function listSessionVersions(input: { userIds: number[] }): Promise<Map<number, UserVersions>> {
  const versions = new Map<number, UserVersions>();
  const db = await reader();
  for (let i = 0; i < input.userIds.length; i += CHUNK) {
    const rows = await selectVersions(db, { ids: JSON.stringify(input.userIds.slice(i, i + CHUNK)) });
    for (const row of rows) versions.set(row.id, { session: row.sessionVersion, membership: row.membershipVersion });
  }
  return versions;
}
