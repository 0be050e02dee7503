import { reader, writeTransaction } from "@/lib/server/db/database";
import { isoDate, storedDate } from "@/lib/server/db/dates";
import { logger } from "@/lib/server/ops/logger";
import { burnPasswordCheck, hashIsOutdated, hashPassword, verifyPassword } from "@/lib/server/auth/password";
import { AppError } from "@/lib/shared/errors";
import type { Author } from "@/lib/shared/protocol";

// Every read and write of accounts. The admin command (scripts/admin.ts) changes them; a change
// that must end the user's sessions bumps `sessionVersion`: their JWTs carry the old one.

/** The columns the wire's author is made of, table-qualified so they also select from a join. */
export const authorColumns = ["User.id", "User.username", "User.name"] as const;

/** The wire's author from a row holding `authorColumns` (other columns are left behind). */
export function toAuthor(row: { id: number; username: string; name: string }): Author {
  return { id: row.id, username: row.username, name: row.name };
}

export interface UserListing {
  id: number;
  username: string;
  name: string;
  disabled: boolean;
  createdAt: string;
}

export async function findUser(input: { id: number }): Promise<Author | null> {
  const db = await reader();
  const row = await db.selectFrom("User").select(authorColumns).where("User.id", "=", input.id).executeTakeFirst();
  return row ? toAuthor(row) : null;
}

export async function findUserByUsername(input: { username: string }): Promise<Author | null> {
  const db = await reader();
  const row = await db.selectFrom("User").select(authorColumns).where("User.username", "=", input.username).executeTakeFirst();
  return row ? toAuthor(row) : null;
}

/**
 * The user whose credentials these are, or null. Never says which part was wrong, nor that the
 * account is disabled (a disabled account gets the same answer as a wrong password).
 */
export async function verifyCredentials(input: { username: string; password: string }): Promise<Author | null> {
  const db = await reader();
  const user = await db
    .selectFrom("User")
    .select([...authorColumns, "User.passwordHash", "User.disabledAt"])
    .where("User.username", "=", input.username)
    .executeTakeFirst();
  if (!user) {
    await burnPasswordCheck(input.password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, input.password)) || user.disabledAt !== null) return null;
  // In the background: the sign-in does not wait for a second hash.
  if (hashIsOutdated(user.passwordHash)) void rehashPassword({ id: user.id, password: input.password });
  return toAuthor(user);
}

/** Stores the password again with the current hashing parameters; a failure keeps the old hash. */
async function rehashPassword(input: { id: number; password: string }): Promise<void> {
  try {
    const passwordHash = await hashPassword(input.password);
    await writeTransaction((tx) => tx.updateTable("User").set({ passwordHash, updatedAt: storedDate() }).where("id", "=", input.id).execute());
  } catch (error) {
    logger.warn({ err: error, userId: input.id }, "could not re-hash a password");
  }
}

/** Inserts the user unless the username is taken (then undefined): one statement, no race between check and insert. */
async function insertUser(input: { username: string; name: string; password: string }): Promise<{ id: number } | undefined> {
  const passwordHash = await hashPassword(input.password);
  const now = storedDate();
  return writeTransaction((tx) =>
    tx
      .insertInto("User")
      .values({ username: input.username, name: input.name, passwordHash, createdAt: now, updatedAt: now })
      .onConflict((oc) => oc.column("username").doNothing())
      .returning("id")
      .executeTakeFirst(),
  );
}

/** Creates the user if the username is free; an existing user is left exactly as it is. */
export async function ensureUser(input: { username: string; name: string; password: string }): Promise<boolean> {
  // Checked first so that a seed run over existing users hashes no password.
  if (await findUserByUsername({ username: input.username })) return false;
  return (await insertUser(input)) !== undefined;
}

/** Creates a user; `invalid` when the username is taken. */
export async function addUser(input: { username: string; name: string; password: string }): Promise<{ id: number }> {
  const created = await insertUser(input);
  if (!created) throw new AppError("invalid", `the username ${input.username} is taken`);
  return created;
}

async function updateUser(username: string, change: { disabledAt?: string | null; passwordHash?: string; endSessions: boolean }): Promise<void> {
  await writeTransaction(async (tx) => {
    const result = await tx
      .updateTable("User")
      .set((eb) => ({
        ...(change.disabledAt !== undefined && { disabledAt: change.disabledAt }),
        ...(change.passwordHash !== undefined && { passwordHash: change.passwordHash }),
        ...(change.endSessions && { sessionVersion: eb("sessionVersion", "+", 1) }),
        updatedAt: storedDate(),
      }))
      .where("username", "=", username)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new AppError("not_found", `there is no user ${username}`);
  });
}

/** The user can no longer sign in, and every session of theirs ends (open sockets within seconds). */
export function disableUser(input: { username: string }): Promise<void> {
  return updateUser(input.username, { disabledAt: storedDate(), endSessions: true });
}

/** Lets a disabled user sign in again. Their old sessions stay ended. */
export function enableUser(input: { username: string }): Promise<void> {
  return updateUser(input.username, { disabledAt: null, endSessions: false });
}

/** Sets a new password and ends every session signed in with the old one. */
export async function resetPassword(input: { username: string; password: string }): Promise<void> {
  await updateUser(input.username, { passwordHash: await hashPassword(input.password), endSessions: true });
}

export async function listUsers(): Promise<UserListing[]> {
  const db = await reader();
  const rows = await db.selectFrom("User").select([...authorColumns, "User.disabledAt", "User.createdAt"]).orderBy("User.username").execute();
  return rows.map((row) => ({ ...toAuthor(row), disabled: row.disabledAt !== null, createdAt: isoDate(row.createdAt) }));
}
