import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { appendMessages, emptyRoom, hasOlder, lastSeqOf, prependMessages } from "@/lib/browser/rooms/room-state";
import type { ChatMessage } from "@/lib/shared/protocol";
import { chatMessage } from "../helpers/chat-message";

const msg = (seq: number, clientId = `c${seq}`): ChatMessage => chatMessage(seq, { clientId });
const seqs = (state: { messages: ChatMessage[] }) => state.messages.map((m) => m.seq);

describe("room state", () => {
  it("accepts any first page, then only the next seq", () => {
    const { state } = appendMessages(emptyRoom, [msg(41), msg(40), msg(42)]);
    assert.deepEqual(seqs(state), [40, 41, 42]);
    assert.equal(lastSeqOf(state), 42);
    assert.equal(hasOlder(state), true);
  });

  it("drops duplicates and reports a gap instead of accepting out-of-order messages", () => {
    const start = appendMessages(emptyRoom, [msg(1), msg(2)]).state;
    const dup = appendMessages(start, [msg(2)]);
    assert.equal(dup.state, start);
    assert.equal(dup.gap, false);
    const ahead = appendMessages(start, [msg(3), msg(5)]);
    assert.deepEqual(seqs(ahead.state), [1, 2, 3]);
    assert.equal(ahead.gap, true);
  });

  it("prepends only an older page that joins the run", () => {
    const state = appendMessages(emptyRoom, [msg(11), msg(12)]).state;
    assert.deepEqual(seqs(prependMessages(state, [msg(9), msg(10)])), [9, 10, 11, 12]);
    assert.equal(prependMessages(state, [msg(8), msg(9)]), state, "a page that leaves a hole is refused");
    assert.equal(hasOlder(prependMessages(state, Array.from({ length: 10 }, (_, i) => msg(i + 1)))), false);
  });
});
