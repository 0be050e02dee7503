import { reader, writeTransaction } from "@/lib/server/db/db";
import { AppError } from "@/lib/shared/errors";
import { hashPassword } from "@/lib/server/auth/password";

// What the admin command (scripts/admin.ts) does to accounts. Every change that must end the
// user's sessions bumps `sessionVersion`: their JWTs carry the old one and stop working.

export interface UserListing {
  id: number;
  username: string;
  name: string;
  disabled: boolean;
  createdAt: Date;
}

/** Creates a user; `invalid` when the username is taken. */
export async function addUser(input: { username: string; name: string; password: string }): Promise<{ id: number }> {
  const passwordHash = await hashPassword(input.password);
  return writeTransaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { username: input.username }, select: { id: true } });
    if (existing) throw new AppError("invalid", `the username ${input.username} is taken`);
    return tx.user.create({ data: { username: input.username, name: input.name, passwordHash }, select: { id: true } });
  });
}

async function updateUser(username: string, data: { disabledAt?: Date | null; passwordHash?: string; bump: boolean }): Promise<void> {
  await writeTransaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { username },
      data: {
        ...(data.disabledAt !== undefined && { disabledAt: data.disabledAt }),
        ...(data.passwordHash !== undefined && { passwordHash: data.passwordHash }),
        ...(data.bump && { sessionVersion: { increment: 1 } }),
      },
    });
    if (count === 0) throw new AppError("not_found", `there is no user ${username}`);
  });
}

/** The user can no longer sign in, and every session of theirs ends (open sockets within seconds). */
export function disableUser(input: { username: string }): Promise<void> {
  return updateUser(input.username, { disabledAt: new Date(), bump: true });
}

/** Lets a disabled user sign in again. Their old sessions stay ended. */
export function enableUser(input: { username: string }): Promise<void> {
  return updateUser(input.username, { disabledAt: null, bump: false });
}

/** Sets a new password and ends every session signed in with the old one. */
export async function resetPassword(input: { username: string; password: string }): Promise<void> {
  await updateUser(input.username, { passwordHash: await hashPassword(input.password), bump: true });
}

export async function listUsers(): Promise<UserListing[]> {
  const db = await reader();
  const rows = await db.user.findMany({
    orderBy: { username: "asc" },
    select: { id: true, username: true, name: true, disabledAt: true, createdAt: true },
  });
  return rows.map(({ disabledAt, ...row }) => ({ ...row, disabled: disabledAt !== null }));
}
