import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { secretWeakness } from "@/lib/server/auth/secret-strength";

describe("secretWeakness", () => {
  it("accepts random secrets, like the generated one and `openssl rand -base64 32`", () => {
    for (let i = 0; i < 20; i++) {
      assert.equal(secretWeakness(randomBytes(32).toString("base64url")), null);
      assert.equal(secretWeakness(randomBytes(32).toString("base64")), null);
    }
    assert.equal(secretWeakness("integration-tests-secret-0123456789abcdef"), null);
  });

  it("refuses short secrets, placeholders and patterns, without repeating them", () => {
    const weak = [
      "tiny-one",
      "changeme-changeme-changeme-changeme!",
      "please-replace-me-with-a-real-secret-value",
      "your-secret-goes-here-0123456789abcdef",
      "ChangeMe0123456789abcdefghijklmnopqrstuv",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "0101010101010101010101010101010101010101",
    ];
    for (const secret of weak) {
      const reason = secretWeakness(secret);
      assert.ok(reason, `${secret} should be refused`);
      assert.ok(!reason.includes(secret));
    }
  });
});
