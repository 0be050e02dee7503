import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AVATAR_TONES, avatarTone, initials } from "@/lib/browser/ui/avatar";
import { dayLabel, relativeTime } from "@/lib/browser/ui/relative-time";
import { buildTimeline, countAfter } from "@/lib/browser/messages/timeline";
import type { ChatMessage } from "@/lib/shared/protocol";
import { chatMessage } from "../helpers/chat-message";

const alice = { id: 1, username: "alice", name: "Alice" };
const bob = { id: 2, username: "bob", name: "Bob" };

const message = (seq: number, author: typeof alice, at: Date): ChatMessage => chatMessage(seq, { author, createdAt: at.toISOString() });

const at = (day: number, hour: number, minute: number) => new Date(2026, 0, day, hour, minute);

describe("timeline", () => {
  const messages = [
    message(1, alice, at(5, 9, 0)),
    message(2, alice, at(5, 9, 4)), // same author within 5 min: continued
    message(3, alice, at(5, 9, 10)), // 6 min later: a new header
    message(4, bob, at(5, 9, 11)),
    message(5, bob, at(6, 9, 12)), // the next day: separator, new header
    message(6, bob, at(6, 9, 13)),
  ];

  it("groups by author and time, with a separator per day", () => {
    const entries = buildTimeline(messages, { lastReadSeq: 0, selfId: 1, days: true });
    const shape = entries.map((e) => (e.kind === "message" ? `${e.message.seq}${e.continued ? "+" : ""}` : e.kind));
    assert.deepEqual(shape, ["day", "1", "2+", "3", "4", "day", "5", "6+"]);
  });

  it("leaves days out until the browser's time zone is known", () => {
    const entries = buildTimeline(messages, { lastReadSeq: 0, selfId: 1, days: false });
    assert.equal(entries.filter((e) => e.kind === "day").length, 0);
  });

  it("puts the new-messages line before the first unread message of someone else, and breaks the group there", () => {
    const entries = buildTimeline(messages, { lastReadSeq: 5, selfId: 1, days: false });
    const shape = entries.map((e) => (e.kind === "message" ? `${e.message.seq}${e.continued ? "+" : ""}` : e.kind));
    assert.deepEqual(shape, ["1", "2+", "3", "4", "5", "unread", "6"]);
    // None for a reader who has read everything, nor before the user's own message.
    assert.ok(!buildTimeline(messages, { lastReadSeq: 6, selfId: 1, days: false }).some((e) => e.kind === "unread"));
    assert.ok(!buildTimeline(messages, { lastReadSeq: 2, selfId: 1, days: false }).some((e) => e.kind === "unread"));
  });

  it("counts the messages of others after a seq", () => {
    assert.equal(countAfter(messages, 2, 1), 3);
    assert.equal(countAfter(messages, 2, 2), 1);
    assert.equal(countAfter(messages, 6, 1), 0);
  });
});

describe("relative times", () => {
  const now = at(10, 14, 30).getTime();
  it("says just now, minutes, then the time of day", () => {
    assert.equal(relativeTime(new Date(now - 20_000), now), "just now");
    assert.equal(relativeTime(new Date(now - 5 * 60_000), now), "5 min");
    assert.match(relativeTime(at(10, 9, 5), now), /09:05|9:05/);
  });

  it("names today, yesterday, then dates", () => {
    assert.equal(dayLabel(at(10, 0, 1), now), "Today");
    assert.equal(dayLabel(at(9, 23, 59), now), "Yesterday");
    assert.match(dayLabel(at(3, 12, 0), now), /3/);
    assert.match(dayLabel(new Date(2025, 5, 1), now), /2025/);
  });
});

describe("avatars", () => {
  it("take initials and a colour that stays with the username", () => {
    assert.equal(initials("Alice"), "A");
    assert.equal(initials("  ada  lovelace byron "), "AL");
    assert.equal(initials(""), "?");
    assert.equal(avatarTone("alice"), avatarTone("alice"));
    assert.ok(Number.isInteger(avatarTone("bob")) && avatarTone("bob") >= 0 && avatarTone("bob") < AVATAR_TONES);
    const used = new Set(["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"].map(avatarTone));
    assert.ok(used.size >= 4, "usernames spread over the palette");
  });
});
