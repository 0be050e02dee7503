import { reader, writeTransaction } from "@/lib/server/db/database";
import { storedDate } from "@/lib/server/db/dates";

// The addresses a user "signed in from before" (docs/security-abuse.md): exempt from the
// per-username lockout. Address groups (lib/server/auth/address-group.ts), not raw addresses.
const KNOWN_FOR_MS = 30 * 24 * 60 * 60_000;
const MAX_PER_USER = 20;

/** Whether `username` signed in successfully from `address` in the last 30 days. */
export async function isKnownSignInAddress(input: { username: string; address: string }): Promise<boolean> {
  const db = await reader();
  const row = await db
    .selectFrom("KnownSignInAddress")
    .innerJoin("User", "User.id", "KnownSignInAddress.userId")
    .select("KnownSignInAddress.userId")
    .where("User.username", "=", input.username)
    .where("KnownSignInAddress.address", "=", input.address)
    .where("KnownSignInAddress.lastSignInAt", ">", storedDate(new Date(Date.now() - KNOWN_FOR_MS)))
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Records a successful sign-in from `address`. Bounded: the user keeps their 20 most recent
 * addresses, and rows past 30 days are deleted (everyone's, by the index on lastSignInAt).
 */
export async function rememberSignInAddress(input: { userId: number; address: string }): Promise<void> {
  const now = new Date();
  const lastSignInAt = storedDate(now);
  await writeTransaction(async (tx) => {
    await tx
      .insertInto("KnownSignInAddress")
      .values({ userId: input.userId, address: input.address, lastSignInAt })
      .onConflict((oc) => oc.columns(["userId", "address"]).doUpdateSet({ lastSignInAt }))
      .execute();
    const kept = tx.selectFrom("KnownSignInAddress").select("address").where("userId", "=", input.userId).orderBy("lastSignInAt", "desc").limit(MAX_PER_USER);
    await tx
      .deleteFrom("KnownSignInAddress")
      .where((eb) =>
        eb.or([
          eb("lastSignInAt", "<", storedDate(new Date(now.getTime() - KNOWN_FOR_MS))),
          eb.and([eb("userId", "=", input.userId), eb("address", "not in", kept)]),
        ]),
      )
      .execute();
  });
}
