import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import argon2 from "argon2";
import { useInProcessDatabase } from "../helpers/in-process-db";

// Hashes made with older parameters (the library's defaults, 64 MiB, t=3, p=4) are replaced at the
// next successful sign-in; a wrong password changes nothing. Real database, real argon2.
describe("re-hashing outdated password hashes at sign-in", () => {
  let database: { remove: () => Promise<void> };
  let verifyCredentials: typeof import("@/lib/server/users/users").verifyCredentials;
  let disconnectDb: typeof import("@/lib/server/db/database").disconnectDb;
  let storedHash: () => Promise<string>;
  let oldHash = "";

  before(async () => {
    database = await useInProcessDatabase("chat-rehash-");
    ({ verifyCredentials } = await import("@/lib/server/users/users"));
    const { reader, writeTransaction } = await import("@/lib/server/db/database");
    const { storedDate } = await import("@/lib/server/db/dates");
    ({ disconnectDb } = await import("@/lib/server/db/database"));
    oldHash = await argon2.hash("old-password", { type: argon2.argon2id, memoryCost: 65_536, timeCost: 3, parallelism: 4 });
    await writeTransaction((tx) => tx.insertInto("User").values({ username: "olduser", name: "Old User", passwordHash: oldHash, createdAt: storedDate(), updatedAt: storedDate() }).execute());
    storedHash = async () => (await (await reader()).selectFrom("User").select("passwordHash").where("username", "=", "olduser").executeTakeFirstOrThrow()).passwordHash;
  });

  after(async () => {
    await disconnectDb();
    await database.remove();
  });

  it("keeps the hash when the password is wrong", async () => {
    assert.equal(await verifyCredentials({ username: "olduser", password: "wrong-password" }), null);
    assert.equal(await storedHash(), oldHash);
  });

  it("signs in with the old hash, then stores an argon2id hash at m=19456, t=2, p=1 that verifies", async () => {
    const user = await verifyCredentials({ username: "olduser", password: "old-password" });
    assert.equal(user?.username, "olduser");
    // The re-hash runs after the answer: poll for it.
    const deadline = Date.now() + 20_000;
    let hash = await storedHash();
    while (hash === oldHash && Date.now() < deadline) {
      await new Promise((resolve) => setImmediate(resolve));
      hash = await storedHash();
    }
    assert.match(hash, /^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    assert.equal(await argon2.verify(hash, "old-password"), true);
    assert.equal((await verifyCredentials({ username: "olduser", password: "old-password" }))?.username, "olduser");
    assert.equal(await storedHash(), hash, "an up-to-date hash is not replaced again");
  });
});
