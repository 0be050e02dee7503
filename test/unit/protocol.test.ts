import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clientIdSchema, messageHistorySchema, messageSendSchema, roomJoinSchema, roomSlugSchema } from "@/lib/shared/protocol";

describe("protocol schemas", () => {
  it("trims text and counts characters, not UTF-16 units", () => {
    const parsed = messageSendSchema.parse({ room: "lobby", text: "  hi  ", clientId: "a-1" });
    assert.equal(parsed.text, "hi");
    assert.ok(messageSendSchema.safeParse({ room: "lobby", text: "🙂".repeat(4000), clientId: "a" }).success);
    assert.ok(!messageSendSchema.safeParse({ room: "lobby", text: "🙂".repeat(4001), clientId: "a" }).success);
  });

  it("strips unknown fields such as a spoofed author", () => {
    const parsed = messageSendSchema.parse({ room: "lobby", text: "x", clientId: "a", author: { id: 9 } });
    assert.deepEqual(Object.keys(parsed).sort(), ["clientId", "room", "text"]);
  });

  it("rejects malformed slugs, ids and numbers", () => {
    for (const slug of ["", "Lobby", "-x", "a b", "a".repeat(65), "__proto__"]) assert.ok(!roomSlugSchema.safeParse(slug).success, slug);
    for (const id of ["", "a b", "é", "x".repeat(65)]) assert.ok(!clientIdSchema.safeParse(id).success, id);
    assert.ok(!roomJoinSchema.safeParse({ room: "lobby", since: Number.NaN }).success);
    assert.ok(!roomJoinSchema.safeParse({ room: "lobby", since: Infinity }).success);
    assert.equal(messageHistorySchema.parse({ room: "lobby", before: 5 }).limit, 50);
  });

  it("takes exactly one of before and around in message:history", () => {
    assert.deepEqual(messageHistorySchema.parse({ room: "lobby", around: 7 }), { room: "lobby", around: 7, limit: 50 });
    for (const payload of [{ room: "lobby" }, { room: "lobby", before: 5, around: 7 }, { room: "lobby", around: 0 }, { room: "lobby", around: 1.5 }, { room: "lobby", around: "7" }]) {
      assert.ok(!messageHistorySchema.safeParse(payload).success, JSON.stringify(payload));
    }
  });
});
