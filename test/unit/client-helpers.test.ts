import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { backoffDelay } from "@/lib/browser/connection/backoff";
import { createChangeLog } from "@/lib/browser/messages/change-log";
import { roomHref, slugFromPath } from "@/lib/browser/rooms/paths";
import { permalinkTarget, permalinkUrl } from "@/lib/browser/rooms/permalink";
import { applyPresence } from "@/lib/browser/presence/presence-state";
import { characterCount, isTooLong } from "@/lib/browser/messages/text-length";

describe("client helpers", () => {
  it("backs off exponentially, with jitter, up to a ceiling", () => {
    assert.equal(backoffDelay(0, { random: () => 1 }), 1000);
    assert.equal(backoffDelay(0, { random: () => 0 }), 500);
    assert.equal(backoffDelay(3, { random: () => 1 }), 8000);
    assert.equal(backoffDelay(20, { random: () => 1 }), 30_000);
  });

  it("makes a message's permalink and reads its target back, refusing anything but a seq", () => {
    assert.equal(permalinkUrl("http://localhost:3000", "design", 42), "http://localhost:3000/chat/design?m=42");
    assert.equal(permalinkUrl("https://chat.example", "lobby", 7), "https://chat.example/chat?m=7");
    assert.equal(permalinkTarget("42"), 42);
    for (const value of [undefined, "", "0", "-1", "1.5", "1e3", "042", " 4", "abc", "99999999999999999", ["4", "5"]]) {
      assert.equal(permalinkTarget(value), null, JSON.stringify(value));
    }
  });

  it("maps rooms to URLs and back, the lobby at /chat", () => {
    assert.equal(roomHref("lobby"), "/chat");
    assert.equal(roomHref("design"), "/chat/design");
    assert.equal(slugFromPath("/chat"), "lobby");
    assert.equal(slugFromPath("/chat/design"), "design");
    assert.equal(slugFromPath("/login"), null);
    assert.equal(slugFromPath(null), null);
  });

  it("keeps the online list sorted by name, each person once", () => {
    const alice = { id: 1, username: "alice", name: "Alice" };
    const bob = { id: 2, username: "bob", name: "Bob" };
    let list = applyPresence([], bob, true);
    list = applyPresence(list, alice, true);
    list = applyPresence(list, alice, true);
    assert.deepEqual(list, [alice, bob]);
    assert.deepEqual(applyPresence(list, bob, false), [alice]);
  });

  it("counts characters as the server does: code points of the trimmed text", () => {
    assert.equal(characterCount("  😀😀 "), 2);
    assert.equal(isTooLong("😀".repeat(4000)), false, "8000 UTF-16 units, 4000 characters");
    assert.equal(isTooLong("x".repeat(4001)), true);
  });
});

describe("change log", () => {
  it("names the rooms changed since a mark, each once", () => {
    const log = createChangeLog();
    log.note("a");
    const mark = log.mark();
    assert.deepEqual(log.since(mark), []);
    log.note("b");
    log.note("a");
    assert.deepEqual(log.since(mark).sort(), ["a", "b"]);
    assert.deepEqual(log.since(log.mark()), []);
  });
});
