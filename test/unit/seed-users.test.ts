import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultSeedUsers, parseSeedUsers } from "@/lib/server/users/seed-users";

describe("SEED_USERS", () => {
  it("defaults to alice and bob", () => {
    assert.deepEqual(parseSeedUsers(defaultSeedUsers), [
      { username: "alice", name: "Alice", password: "alice-password" },
      { username: "bob", name: "Bob", password: "bob-password" },
    ]);
  });

  it("keeps colons inside passwords and ignores blank entries", () => {
    assert.deepEqual(parseSeedUsers(" dave:pa:ss:word1 , ,"), [{ username: "dave", name: "Dave", password: "pa:ss:word1" }]);
  });

  it("refuses entries without a password or with a bad name", () => {
    assert.throws(() => parseSeedUsers("dave"), /name:password/);
    assert.throws(() => parseSeedUsers("da ve:password1"));
    assert.throws(() => parseSeedUsers("dave:short"));
  });
});
