import { reader, writeTransaction } from "@/lib/server/db/db";
import { logger } from "@/lib/server/ops/logger";
import { burnPasswordCheck, hashIsOutdated, hashPassword, verifyPassword } from "@/lib/server/auth/password";
import type { Author } from "@/lib/shared/protocol";

const authorFields = { id: true, username: true, name: true } as const;

/**
 * The user whose credentials these are, or null. Never says which part was wrong, nor that the
 * account is disabled (a disabled account gets the same answer as a wrong password).
 */
export async function verifyCredentials(input: { username: string; password: string }): Promise<Author | null> {
  const db = await reader();
  const user = await db.user.findUnique({
    where: { username: input.username },
    select: { ...authorFields, passwordHash: true, disabledAt: true },
  });
  if (!user) {
    await burnPasswordCheck(input.password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, input.password)) || user.disabledAt !== null) return null;
  // In the background: the sign-in does not wait for a second hash.
  if (hashIsOutdated(user.passwordHash)) void rehashPassword({ id: user.id, password: input.password });
  return { id: user.id, username: user.username, name: user.name };
}

/** Stores the password again with the current hashing parameters; a failure keeps the old hash. */
async function rehashPassword(input: { id: number; password: string }): Promise<void> {
  try {
    const passwordHash = await hashPassword(input.password);
    await writeTransaction((tx) => tx.user.update({ where: { id: input.id }, data: { passwordHash } }));
  } catch (error) {
    logger.warn({ err: error, userId: input.id }, "could not re-hash a password");
  }
}

export async function findUser(input: { id: number }): Promise<Author | null> {
  const db = await reader();
  return db.user.findUnique({ where: { id: input.id }, select: authorFields });
}

export async function findUserByUsername(input: { username: string }): Promise<Author | null> {
  const db = await reader();
  return db.user.findUnique({ where: { username: input.username }, select: authorFields });
}

/** Creates the user if the username is free; an existing user is left exactly as it is. */
export async function ensureUser(input: { username: string; name: string; password: string }): Promise<boolean> {
  const db = await reader();
  if (await db.user.findUnique({ where: { username: input.username }, select: { id: true } })) return false;
  const passwordHash = await hashPassword(input.password);
  return writeTransaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { username: input.username }, select: { id: true } });
    if (existing) return false;
    await tx.user.create({ data: { username: input.username, name: input.name, passwordHash } });
    return true;
  });
}
