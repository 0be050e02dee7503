import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testDatabase } from "../helpers/template-db";
import { useInProcessDatabase } from "../helpers/in-process-db";
import { seeded, pick } from "../helpers/fuzz-values";

// Search (lib/server/search/) on a real database: the query forms, folding, unspaced scripts,
// edits and deletes through the indexer, freshness, paging, and above all who sees what: the
// searcher (alice) never finds a word of a room she cannot read, whatever the query.
describe(`message search (${testDatabase})`, () => {
  let database: { remove: () => Promise<void> };
  let db: typeof import("@/lib/server/db/database");
  let search: typeof import("@/lib/server/search/search-messages");
  let indexer: typeof import("@/lib/server/search/indexer");
  let sendMessage: typeof import("@/lib/server/messages/send-message").sendMessage;
  const ids = { alice: 0, bob: 0, carol: 0 };
  const rooms: Record<string, { id: number; slug: string }> = {};
  let alice: { id: number; username: string };

  type Terms = import("@/lib/server/search/search-messages").SearchTerms;
  const blank: Terms = { words: [], phrases: [], excluded: [], from: [], in: [], before: null, after: null, has: [] };
  const find = async (terms: Partial<Terms>, extra: { room?: string; limit?: number; cursor?: string } = {}) =>
    search.searchMessages({ user: alice, query: { ...blank, ...terms }, limit: extra.limit ?? 50, room: extra.room, cursor: extra.cursor });
  const texts = async (terms: Partial<Terms>, extra?: { room?: string }) => (await find(terms, extra)).results.map((r) => r.message.text);

  const send = async (slug: string, author: keyof typeof ids, text: string) => {
    const { parseMentions } = await import("@/lib/shared/protocol");
    const room = rooms[slug]!;
    const sent = await sendMessage({ room, author: { id: ids[author], username: author, name: author }, text, clientId: `c-${Math.random()}`, mentions: parseMentions(text) });
    return sent.message.seq;
  };

  before(async () => {
    database = await useInProcessDatabase("chat-search-");
    db = await import("@/lib/server/db/database");
    search = await import("@/lib/server/search/search-messages");
    indexer = await import("@/lib/server/search/indexer");
    ({ sendMessage } = await import("@/lib/server/messages/send-message"));
    const { storedDate } = await import("@/lib/server/db/dates");
    for (const u of await (await db.reader()).selectFrom("User").select(["id", "username"]).execute()) if (u.username in ids) ids[u.username as keyof typeof ids] = u.id;
    alice = { id: ids.alice, username: "alice" };
    await db.writeTransaction(async (tx) => {
      const now = storedDate();
      const create = async (slug: string, visibility: string, members: number[]) => {
        const dmKey = visibility === "direct" ? `${ids.bob}:${ids.carol}` : null;
        const { id } = await tx.insertInto("Room").values({ slug, name: `Room ${slug}`, visibility, dmKey, createdAt: now, updatedAt: now }).returning("id").executeTakeFirstOrThrow();
        await tx.insertInto("Member").values(members.map((userId) => ({ roomId: id, userId, joinedAt: now }))).execute();
        rooms[slug] = { id, slug };
      };
      await create("s-general", "public", [ids.alice, ids.bob]);
      await create("s-lobby", "public", [ids.bob]);
      await create("s-secret", "private", [ids.bob, ids.carol]);
      await create("s-dm", "direct", [ids.bob, ids.carol]);
      await create("s-team", "private", [ids.alice, ids.bob]);
    });
    for (const text of ["Café au lait for everyone", "the deployment is done https://example.com", "我在上海工作", "hello @alice look here", "supercalifragilistic token", "an exact phrase here indeed", "old wording to edit", "doomed message"]) {
      await send("s-general", "bob", text);
    }
    await send("s-general", "alice", "written by alice herself");
    await send("s-lobby", "bob", "lobby deployment notes");
    await send("s-secret", "bob", "secret deployment plan zebra");
    await send("s-dm", "carol", "dm deployment zebra");
    await send("s-team", "bob", "team zebra");
    const { editMessage } = await import("@/lib/server/messages/edit-message");
    const { deleteMessage } = await import("@/lib/server/messages/delete-message");
    await indexer.indexEverything();
    // Changed after being indexed: the indexer follows rev too.
    await editMessage({ room: rooms["s-general"]!, seq: 7, userId: ids.bob, text: "brand new wording", mentions: [] });
    await deleteMessage({ room: rooms["s-general"]!, seq: 8, userId: ids.bob });
    await indexer.indexEverything();
  });

  after(async () => {
    await db.disconnectDb();
    await database.remove();
  });

  it("folds case and diacritics", async () => {
    assert.deepEqual(await texts({ words: ["cafe"] }), ["Café au lait for everyone"]);
    assert.deepEqual(await texts({ words: ["lait", "café"] }), ["Café au lait for everyone"]);
  });

  it("finds words of unspaced scripts, one character, two, or more", async () => {
    for (const word of ["上海", "工作", "作", "海工", "上海工"]) assert.deepEqual(await texts({ words: [word] }), ["我在上海工作"], word);
    assert.deepEqual(await texts({ phrases: ["我在上海"] }), ["我在上海工作"]);
  });

  it("matches words as prefixes and as substrings of long tokens, short words as prefixes", async () => {
    assert.deepEqual(await texts({ words: ["deploy"], in: ["s-general"] }), ["the deployment is done https://example.com"]);
    assert.deepEqual(await texts({ words: ["califrag"] }), ["supercalifragilistic token"]);
    assert.deepEqual(await texts({ words: ["lo", "he"] }), ["hello @alice look here"]);
  });

  it("matches exact phrases in order only, and leaves excluded words out", async () => {
    assert.deepEqual(await texts({ phrases: ["exact phrase"] }), ["an exact phrase here indeed"]);
    assert.deepEqual(await texts({ phrases: ["phrase exact"] }), []);
    assert.deepEqual(await texts({ words: ["deploy"], excluded: ["lobby"] }), ["the deployment is done https://example.com"]);
    assert.deepEqual(await texts({ words: ["here"], excluded: ["hello"] }), ["an exact phrase here indeed"]);
  });

  it("filters by author, room, date and what a message has", async () => {
    assert.deepEqual(await texts({ from: ["@alice"] }), ["written by alice herself"]);
    assert.deepEqual(await texts({ words: ["deploy"], in: ["#s-lobby"] }), ["lobby deployment notes"]);
    assert.deepEqual(await texts({ words: ["deploy"] }, { room: "s-lobby" }), ["lobby deployment notes"]);
    assert.deepEqual(await texts({ has: ["link"] }), ["the deployment is done https://example.com"]);
    assert.deepEqual(await texts({ has: ["mention"] }), ["hello @alice look here"]);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    assert.deepEqual(await texts({ words: ["cafe"], after: future }), []);
    assert.deepEqual(await texts({ words: ["cafe"], before: future }), ["Café au lait for everyone"]);
    assert.deepEqual(await texts({ words: ["cafe"], before: "2000-01-01T00:00:00.000Z" }), []);
  });

  it("finds an edited message by its new text only, and a deleted one never", async () => {
    assert.deepEqual(await texts({ words: ["wording"] }), ["brand new wording"]);
    assert.deepEqual(await texts({ words: ["old"] }), []);
    assert.deepEqual(await texts({ words: ["doomed"] }), []);
    assert.deepEqual(await texts({ words: ["message"] }), []);
  });

  it("shows public rooms alice has not joined as such, and never a private room or a conversation she is not in", async () => {
    const deploy = await find({ words: ["deploy"] });
    assert.deepEqual(deploy.results.map((r) => [r.room.slug, r.room.joined]), [["s-lobby", false], ["s-general", true]]);
    assert.deepEqual(await texts({ words: ["zebra"] }), ["team zebra"]);
    for (const terms of [{ words: ["zebra"], in: ["s-secret"] }, { words: ["zebra"], in: ["s-dm"] }, { in: ["s-secret"] }, { in: ["s-dm"] }, { from: ["carol"] }, { words: ["secret"] }, { phrases: ["dm deployment"] }, { words: ["ze"], excluded: ["team"] }]) {
      assert.deepEqual(await find(terms), await find({ ...terms, in: ["no-such-room"] }), JSON.stringify(terms));
      assert.deepEqual((await find(terms)).results, [], JSON.stringify(terms));
    }
    assert.deepEqual((await find({ words: ["zebra"] }, { room: "s-secret" })).results, []);
  });

  it("pages newest first with an opaque cursor, and refuses a tampered one", async () => {
    for (let i = 0; i < 5; i++) await send("s-general", "bob", `paging item ${i}`);
    await indexer.indexEverything();
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const result = await find({ words: ["paging"] }, { limit: 2, cursor });
      seen.push(...result.results.map((r) => r.message.text));
      if (result.nextCursor === null) break;
      cursor = result.nextCursor;
    }
    assert.deepEqual(seen, [4, 3, 2, 1, 0].map((i) => `paging item ${i}`));
    for (const bad of ["", "abc", `${cursor}x`, Buffer.from("s0").toString("base64url"), Buffer.from("s-1").toString("base64url"), "!!!"]) {
      await assert.rejects(find({ words: ["paging"] }, { cursor: bad }), { code: "invalid" }, bad);
    }
  });

  it("finds links whatever the case of their scheme, as the renderer links them", async () => {
    await send("s-general", "bob", "shouting wombat HTTPS://EXAMPLE.ORG/x");
    await send("s-general", "bob", "quiet wombat without one");
    await indexer.indexEverything();
    assert.deepEqual(await texts({ words: ["wombat"], has: ["link"] }), ["shouting wombat HTTPS://EXAMPLE.ORG/x"]);
  });

  it("finds a message within a second of its send, through the running indexer", async () => {
    const stop = indexer.startIndexer();
    try {
      await send("s-general", "bob", "freshly baked quokka");
      const deadline = Date.now() + 1000;
      let found = false;
      while (!found && Date.now() < deadline) {
        found = (await texts({ words: ["quokka"] })).length === 1;
        if (!found) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.ok(found, "found within 1 s");
    } finally {
      await stop();
    }
  });

  it("answers 2,000 hostile queries without an internal error and without another room's words", async () => {
    const rand = seeded(15);
    const pieces = ['"', "'", "*", "-", "(", ")", "OR", "AND", "NOT", "NEAR", "^", ":", "&", "|", "!", "<->", ":*", "\\", "%", "_", "\u0000", "\u0007", "\u202e", "é", "上", "zebra", "secret", "{", "}", "+", "col:", "\n"];
    const junk = () => Array.from({ length: 1 + Math.floor(rand() * 6) }, () => pick(rand, pieces)).join(pick(rand, ["", " "]));
    const list = () => Array.from({ length: Math.floor(rand() * 3) }, junk);
    for (let i = 0; i < 2000; i++) {
      const terms = { words: list(), phrases: list(), excluded: list(), from: list(), in: list(), has: rand() < 0.2 ? (["link"] as const) : [] };
      const page = await find(terms, { limit: 5 });
      for (const r of page.results) assert.ok(["s-general", "s-lobby", "s-team"].includes(r.room.slug), JSON.stringify(terms));
    }
  });

  it("answers 2,000 hostile query strings, parsed as the handler parses them, without an error", async () => {
    const { parseSearchQuery } = await import("@/lib/shared/search/search-query");
    const rand = seeded(1515);
    const pieces = ['"', "-", "from:@", "in:#", "before:", "after:2026-01-01", "has:link", "has:mention", "NEAR(", "*", "^", "col:", "OR", "AND", "NOT", "&", "|", "!", "<->", ":*", "'", "\\", "%", "_", "\u0000", "\u001b", "\ud83d\ude00", "é", "上海", "zebra", "s-secret", "s-dm", "carol", " ", "  "];
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: 1 + Math.floor(rand() * 12) }, () => pick(rand, pieces)).join("");
      const page = await search.searchMessages({ user: alice, query: parseSearchQuery(text), limit: 5 });
      for (const r of page.results) assert.ok(["s-general", "s-lobby", "s-team"].includes(r.room.slug), text);
    }
  });
});
