import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { initialSearch, searchErrorText, searchReducer, type SearchAction, type SearchState } from "@/lib/browser/search/search-state";
import type { SearchResult } from "@/lib/shared/protocol";
import { chatMessage } from "../helpers/chat-message";

const hit = (seq: number): SearchResult => ({ message: chatMessage(seq), room: { slug: "lobby", name: "Lobby", joined: true } });
const page = (seqs: number[], nextCursor: string | null = null) => ({ ok: true as const, results: seqs.map(hit), nextCursor });
const run = (...actions: SearchAction[]): SearchState => actions.reduce(searchReducer, initialSearch);
const seqs = (state: SearchState) => state.results.map((r) => r.message.seq);

describe("search state", () => {
  it("shows the answer to the request awaited", () => {
    const state = run({ type: "typed", query: "deploy" }, { type: "asked", id: 1 }, { type: "answered", id: 1, ack: page([3, 2], "c") });
    assert.deepEqual(seqs(state), [3, 2]);
    assert.equal(state.answered, true);
    assert.equal(state.nextCursor, "c");
    assert.equal(state.pending, null);
  });

  it("never lets a late answer to an older query replace a newer one's", () => {
    let state = run({ type: "typed", query: "dep" }, { type: "asked", id: 1 }, { type: "typed", query: "deploy" }, { type: "asked", id: 2 });
    state = searchReducer(state, { type: "answered", id: 2, ack: page([9]) });
    state = searchReducer(state, { type: "answered", id: 1, ack: page([1, 2, 3]) });
    assert.deepEqual(seqs(state), [9]);
    assert.equal(state.query, "deploy");
  });

  it("ignores an answer to the text before, once the user typed on (before the new request)", () => {
    let state = run({ type: "typed", query: "dep" }, { type: "asked", id: 1 }, { type: "typed", query: "depl" });
    state = searchReducer(state, { type: "answered", id: 1, ack: page([5]) });
    assert.equal(state.answered, false);
    assert.deepEqual(seqs(state), []);
  });

  it("keeps the results shown while the next text is typed, and forgets them when the box is cleared", () => {
    let state = run({ type: "typed", query: "dep" }, { type: "asked", id: 1 }, { type: "answered", id: 1, ack: page([5], "c") });
    state = searchReducer(state, { type: "typed", query: "depl" });
    assert.deepEqual(seqs(state), [5]);
    assert.equal(state.answered, false);
    state = searchReducer(state, { type: "typed", query: "  " });
    assert.deepEqual(seqs(state), []);
    assert.equal(state.nextCursor, null);
  });

  it("appends more results once, and drops an answer to more for a query typed over", () => {
    let state = run({ type: "typed", query: "a" }, { type: "asked", id: 1 }, { type: "answered", id: 1, ack: page([9, 8], "c1") });
    state = searchReducer(state, { type: "askedMore", id: 2 });
    state = searchReducer(state, { type: "answeredMore", id: 2, ack: page([8, 7], null) });
    assert.deepEqual(seqs(state), [9, 8, 7]);
    assert.equal(state.nextCursor, null);

    state = run({ type: "typed", query: "a" }, { type: "asked", id: 1 }, { type: "answered", id: 1, ack: page([9], "c1") }, { type: "askedMore", id: 2 });
    state = searchReducer(state, { type: "typed", query: "ab" });
    state = searchReducer(state, { type: "answeredMore", id: 2, ack: page([1]) });
    assert.deepEqual(seqs(state), [9]);
  });

  it("keeps the error of a failed search, and clears it on the next request", () => {
    const error = { ok: false as const, error: { code: "rate_limited" as const, message: "slow down", retryAfterMs: 100 } };
    let state = run({ type: "typed", query: "a" }, { type: "asked", id: 1 }, { type: "answered", id: 1, ack: error });
    assert.equal(state.error?.code, "rate_limited");
    assert.match(searchErrorText(state.error!), /Too many searches/);
    state = searchReducer(state, { type: "asked", id: 2 });
    assert.equal(state.error, null);
    assert.match(searchErrorText({ code: "invalid", message: "query: too long" }), /query: too long/);
  });
});
