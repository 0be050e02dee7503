import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { initialRooms, roomsReducer, sortRooms, unreadOf, type RoomsState } from "@/lib/browser/rooms/rooms-state";
import type { ChatMessage, RoomSummary } from "@/lib/shared/protocol";
import { chatMessage } from "../helpers/chat-message";

const room = (slug: string, lastSeq: number, lastReadSeq: number, extra: Partial<RoomSummary> = {}): RoomSummary => ({
  slug,
  name: slug,
  visibility: "public",
  lastSeq,
  lastReadSeq,
  unread: lastSeq - lastReadSeq,
  mentions: 0,
  lastRev: 0,
  peer: null,
  ...extra,
});
const message = (roomSlug: string, seq: number, authorId = 2): ChatMessage =>
  chatMessage(seq, { room: roomSlug, text: "x", author: { id: authorId, username: "bob", name: "Bob" } });
const unread = (state: RoomsState, slug: string) => (state[slug] ? unreadOf(state[slug]) : undefined);

describe("rooms state", () => {
  it("counts others' messages as unread, never your own or the room on screen", () => {
    let state = initialRooms([room("a", 5, 5)]);
    state = roomsReducer(state, { type: "message", message: message("a", 6), seen: false });
    state = roomsReducer(state, { type: "message", message: message("a", 7), seen: false });
    assert.equal(unread(state, "a"), 2);
    state = roomsReducer(state, { type: "message", message: message("a", 8, 1), seen: true });
    assert.equal(unread(state, "a"), 0, "your own message means you have read what came before");
    assert.equal(state.a!.unread, 0);
  });

  it("never lets a count go backwards or count a message twice, whatever the order", () => {
    let state = initialRooms([room("a", 5, 2)]);
    const again = roomsReducer(state, { type: "message", message: message("a", 4), seen: false });
    assert.equal(again, state, "an old message changes nothing");
    state = roomsReducer(state, { type: "read", slug: "a", lastReadSeq: 5 });
    state = roomsReducer(state, { type: "read", slug: "a", lastReadSeq: 3 });
    assert.equal(state.a!.lastReadSeq, 5);
    state = roomsReducer(state, { type: "list", rooms: [room("a", 4, 1)] });
    assert.deepEqual([state.a!.lastSeq, state.a!.lastReadSeq, unread(state, "a")], [5, 5, 0]);
  });

  it("takes the list as the membership, except for rooms an event changed after it was asked for", () => {
    let state = initialRooms([room("a", 1, 1), room("b", 1, 1), room("gone", 1, 1)]);
    state = roomsReducer(state, { type: "upsert", room: room("new", 3, 3) });
    state = roomsReducer(state, { type: "remove", slug: "b" });
    state = roomsReducer(state, { type: "list", rooms: [room("a", 2, 1), room("b", 1, 1)], keep: ["new", "b"] });
    assert.deepEqual(Object.keys(state).sort(), ["a", "new"]);
    assert.equal(unread(state, "a"), 1);
    assert.equal(roomsReducer(state, { type: "remove", slug: "nope" }), state);
  });

  it("ignores events about rooms it does not list", () => {
    const state = initialRooms([room("a", 1, 1)]);
    assert.equal(roomsReducer(state, { type: "message", message: message("zzz", 9), seen: false }), state);
    assert.equal(roomsReducer(state, { type: "read", slug: "zzz", lastReadSeq: 9 }), state);
  });

  it("sorts rooms by name, then conversations by the other person's name", () => {
    const state = initialRooms([
      room("dm-1", 0, 0, { name: "Carol", visibility: "direct" }),
      room("z", 0, 0, { name: "Zebra" }),
      room("dm-2", 0, 0, { name: "Bob", visibility: "direct" }),
      room("a", 0, 0, { name: "apple", visibility: "private" }),
    ]);
    const { rooms, direct } = sortRooms(state);
    assert.deepEqual(rooms.map((r) => r.name), ["apple", "Zebra"]);
    assert.deepEqual(direct.map((r) => r.name), ["Bob", "Carol"]);
  });
});
