import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { noteRevision, revisionAfterJoin, updateMessages } from "@/lib/browser/messages/message-updates";
import { insertMention, matchMembers, mentionQueryAt } from "@/lib/browser/mentions/mentions";
import { initialRooms, roomsReducer } from "@/lib/browser/rooms/rooms-state";
import { emojiSchema, parseMentions, splitMentions, type ChatMessage, type RoomSummary } from "@/lib/shared/protocol";
import { chatMessage } from "../helpers/chat-message";

const msg = (seq: number, rev = 0, text = `m${seq}`): ChatMessage =>
  chatMessage(seq, { rev, text, author: { id: 2, username: "bob", name: "Bob" } });

describe("mentions", () => {
  it("parses @usernames, not e-mail addresses, lowercased, without trailing dots", () => {
    assert.deepEqual(parseMentions("hi @Bob, @carol. mail a@b.c @bob again (@dave_1)"), ["bob", "carol", "dave_1"]);
    assert.deepEqual(parseMentions("no mentions @ here"), []);
    assert.equal(parseMentions(Array.from({ length: 30 }, (_, i) => `@u${i}`).join(" ")).length, 20);
  });
  it("splits a text into plain and mention runs that join back to it", () => {
    const text = "hey @Bob. and @carol";
    const parts = splitMentions(text);
    assert.equal(parts.map((p) => p.text).join(""), text);
    assert.deepEqual(parts.filter((p) => p.mention).map((p) => p.mention), ["bob", "carol"]);
  });
  it("completes the @query before the caret", () => {
    assert.deepEqual(mentionQueryAt("hi @bo", 6), { start: 3, query: "bo" });
    assert.equal(mentionQueryAt("mail a@bo", 9), null);
    assert.deepEqual(insertMention("hi @bo!", 3, 6, "bob"), { text: "hi @bob !", caret: 8 });
    const members = [{ id: 1, username: "alice", name: "Alice" }, { id: 2, username: "bob", name: "Bob" }, { id: 3, username: "rob", name: "Rob" }];
    assert.deepEqual(matchMembers(members, "b").map((m) => m.username), ["bob", "rob"]);
  });
});

describe("emoji", () => {
  it("accepts one pictographic grapheme only", () => {
    for (const ok of ["👍", "❤️", "👨‍👩‍👧", "🇫🇷", "👍🏽"]) assert.ok(emojiSchema.safeParse(ok).success, ok);
    for (const bad of ["", "a", "👍👍", " 👍", "1", "\u0007", "x".repeat(40), "\ud83d"]) assert.ok(!emojiSchema.safeParse(bad).success, bad);
  });
});

describe("message changes on the client", () => {
  it("replaces held messages with newer revisions only", () => {
    const state = { messages: [msg(1), msg(2, 3)] };
    assert.equal(updateMessages(state, [msg(2, 2, "older")]), state);
    assert.equal(updateMessages(state, [msg(9, 5)]), state);
    assert.equal(updateMessages(state, [msg(1, 4, "edited")]).messages[0]!.text, "edited");
  });
  it("tracks the room revision one step at a time and reports a skip as a gap", () => {
    assert.deepEqual(noteRevision(4, 5), { rev: 5, gap: false });
    assert.deepEqual(noteRevision(4, 3), { rev: 4, gap: false });
    assert.deepEqual(noteRevision(4, 6), { rev: 4, gap: true });
    const room = { lastRev: 9 } as RoomSummary;
    assert.equal(revisionAfterJoin(4, { room, changes: [msg(1, 6)], hasMoreChanges: false }), 9);
    assert.equal(revisionAfterJoin(4, { room, changes: [msg(1, 6)], hasMoreChanges: true }), 6);
    assert.equal(revisionAfterJoin(4, { room }), 4);
  });
  it("counts live mentions in the sidebar and clears them once the room is read", () => {
    const summary: RoomSummary = { slug: "lobby", name: "Lobby", visibility: "public", lastSeq: 5, lastReadSeq: 5, unread: 0, mentions: 0, lastRev: 0, peer: null };
    let state = initialRooms([summary]);
    state = roomsReducer(state, { type: "message", message: msg(6), seen: false, mentionsMe: true });
    state = roomsReducer(state, { type: "message", message: msg(6), seen: false, mentionsMe: true });
    assert.equal(state.lobby!.mentions, 1, "a repeated message counts once");
    state = roomsReducer(state, { type: "message", message: msg(7), seen: false });
    assert.equal(state.lobby!.mentions, 1);
    state = roomsReducer(state, { type: "read", slug: "lobby", lastReadSeq: 7 });
    assert.equal(state.lobby!.mentions, 0);
  });
});
