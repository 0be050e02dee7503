import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TYPING_TTL_MS, expireTypists, nextExpiry, noTypists, setTyping, typingText } from "@/lib/browser/presence/typing-state";

const user = (id: number, name: string) => ({ id, username: name.toLowerCase(), name });

describe("typing state", () => {
  it("keeps a typist until told to stop or until the notice expires", () => {
    let t = setTyping(noTypists, user(1, "Alice"), true, 1000);
    assert.equal(nextExpiry(t), 1000 + TYPING_TTL_MS);
    t = setTyping(t, user(1, "Alice"), true, 3000);
    assert.equal(nextExpiry(t), 3000 + TYPING_TTL_MS, "a repeat extends it");
    assert.equal(expireTypists(t, 3000 + TYPING_TTL_MS - 1), t);
    assert.equal(expireTypists(t, 3000 + TYPING_TTL_MS).size, 0);
    assert.equal(setTyping(t, user(1, "Alice"), false, 4000).size, 0);
    assert.equal(setTyping(noTypists, user(2, "Bob"), false, 0), noTypists);
    assert.equal(nextExpiry(noTypists), null);
  });

  it("says who is typing, by name", () => {
    assert.equal(typingText([]), null);
    assert.equal(typingText([user(1, "Alice")]), "Alice is typing…");
    assert.equal(typingText([user(2, "Bob"), user(1, "Alice")]), "Alice and Bob are typing…");
    assert.equal(typingText([user(1, "Alice"), user(2, "Bob"), user(3, "Carol")]), "Alice, Bob and 1 other are typing…");
    assert.equal(typingText(["A", "B", "C", "D"].map((n, i) => user(i, n))), "A, B and 2 others are typing…");
  });
});
