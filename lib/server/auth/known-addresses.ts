import { reader, writeTransaction } from "@/lib/server/db/db";

// The addresses a user "signed in from before" (docs/security-abuse.md): exempt from the
// per-username lockout. Address groups (lib/server/auth/address-group.ts), not raw addresses.
const KNOWN_FOR_MS = 30 * 24 * 60 * 60_000;
const MAX_PER_USER = 20;

/** Whether `username` signed in successfully from `address` in the last 30 days. */
export async function isKnownSignInAddress(input: { username: string; address: string }): Promise<boolean> {
  const db = await reader();
  const row = await db.knownSignInAddress.findFirst({
    where: { address: input.address, lastSignInAt: { gt: new Date(Date.now() - KNOWN_FOR_MS) }, user: { username: input.username } },
    select: { userId: true },
  });
  return row !== null;
}

/**
 * Records a successful sign-in from `address`. Bounded: the user keeps their 20 most recent
 * addresses, and rows past 30 days are deleted (everyone's, by the index on lastSignInAt).
 */
export async function rememberSignInAddress(input: { userId: number; address: string }): Promise<void> {
  const now = new Date();
  await writeTransaction(async (tx) => {
    const key = { userId: input.userId, address: input.address };
    await tx.knownSignInAddress.upsert({ where: { userId_address: key }, create: { ...key, lastSignInAt: now }, update: { lastSignInAt: now } });
    const surplus = await tx.knownSignInAddress.findMany({
      where: { userId: input.userId },
      orderBy: { lastSignInAt: "desc" },
      skip: MAX_PER_USER,
      select: { address: true },
    });
    const expired = { lastSignInAt: { lt: new Date(now.getTime() - KNOWN_FOR_MS) } };
    const oldest = { userId: input.userId, address: { in: surplus.map((row) => row.address) } };
    await tx.knownSignInAddress.deleteMany({ where: surplus.length ? { OR: [expired, oldest] } : expired });
  });
}
