import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { addEntry, markEntry, nextToSend, pendingIn, removeEntries, type OutboxEntry } from "@/lib/browser/messages/outbox-state";
import { MAX_WAIT_MS, SendPacer } from "@/lib/browser/messages/send-pacer";
import type { ChatMessage } from "@/lib/shared/protocol";
import { chatMessage } from "../helpers/chat-message";

const entry = (clientId: string, room = "lobby"): OutboxEntry => ({ room, clientId, text: clientId, status: "sending", createdAt: "" });
const stored = (clientId: string, authorId: number): ChatMessage =>
  chatMessage(1, { clientId, text: clientId, author: { id: authorId, username: "u", name: "U" } });

describe("outbox state", () => {
  it("adds, marks and removes entries, keeping the same state when nothing changes", () => {
    let state = addEntry(addEntry([], entry("a")), entry("b", "other"));
    state = markEntry(state, "a", "failed", "no such room");
    assert.deepEqual(state[0], { ...entry("a"), status: "failed", error: "no such room" });
    assert.equal(markEntry(state, "zzz", "failed"), state);
    assert.equal(removeEntries(state, ["zzz"]), state);
    assert.deepEqual(removeEntries(state, ["a"]).map((e) => e.clientId), ["b"]);
  });

  it("shows a room's entries, except those whose message is already in the view from this author", () => {
    const state = [entry("a"), entry("b"), entry("c", "other")];
    const view = [stored("a", 1), stored("b", 2)];
    assert.deepEqual(pendingIn(state, "lobby", view, 1).map((e) => e.clientId), ["b"], "another author's clientId hides nothing");
    assert.deepEqual(pendingIn(state, "nowhere", view, 1), []);
  });
});

describe("what the outbox sends next", () => {
  it("takes each room's first entry in typing order, none of a busy room, skips failed ones, at most `free`", () => {
    const failed: OutboxEntry = { ...entry("a1", "a"), status: "failed" };
    const state = [failed, entry("a2", "a"), entry("b1", "b"), entry("a3", "a"), entry("c1", "c"), entry("d1", "d")];
    const ids = (list: OutboxEntry[]) => list.map((e) => e.clientId);
    assert.deepEqual(ids(nextToSend(state, new Set(), 10)), ["a2", "b1", "c1", "d1"], "never a3 before a2");
    assert.deepEqual(ids(nextToSend(state, new Set(["a", "c"]), 10)), ["b1", "d1"], "one in flight per room");
    assert.deepEqual(ids(nextToSend(state, new Set(), 2)), ["a2", "b1"]);
    assert.deepEqual(nextToSend(state, new Set(), 0), []);
  });
});

describe("send pacer", () => {
  it("sends at once until refused, then waits the stated time and goes on at the stated rate", () => {
    const pacer = new SendPacer();
    pacer.sent(0);
    pacer.sent(0);
    assert.equal(pacer.wait(0), 0, "not limited: no pacing");
    pacer.limited(0, 250, 100);
    assert.equal(pacer.wait(0), 250);
    assert.equal(pacer.wait(300), 0);
    pacer.sent(300);
    assert.equal(pacer.wait(300), 10, "one per 1000 / 100 ms");
    pacer.sent(311);
    assert.equal(pacer.wait(311), 10);
    pacer.reset();
    assert.equal(pacer.wait(311), 0);
  });

  it("resumes at the earliest of several refusals' times, and caps a wait", () => {
    const pacer = new SendPacer();
    pacer.limited(0, 300, 10);
    pacer.limited(0, 100, 10);
    pacer.limited(0, 200, 10);
    assert.equal(pacer.wait(0), 100, "those refused together were each promised a later token");
    pacer.sent(100);
    pacer.limited(100, 50, 10);
    assert.equal(pacer.wait(100), 100, "after a send, never earlier than the pace");
    const fresh = new SendPacer();
    fresh.limited(100, 10 * MAX_WAIT_MS);
    assert.equal(fresh.wait(100), MAX_WAIT_MS);
  });
});
