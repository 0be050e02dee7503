import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { addEntry, markEntry, pendingIn, removeEntries, type OutboxEntry } from "@/lib/client/outbox-state";
import type { ChatMessage } from "@/lib/protocol";
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
