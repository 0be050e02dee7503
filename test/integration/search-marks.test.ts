import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testDatabase } from "../helpers/template-db";
import { useInProcessDatabase } from "../helpers/in-process-db";
import { matchRanges } from "@/lib/shared/search/match-ranges";
import { parseSearchQuery } from "@/lib/shared/search/search-query";

// The search box marks matches in the browser (lib/shared/search/match-ranges.ts), the server
// finds them in its index: both must agree. For a query of one term, the messages the server
// finds are exactly those in which the browser marks something; for several terms, every hit
// has a mark for each of them.

const CORPUS = [
  "Café au lait", "CAFÉ NOIR", "Cafe\u0301 décomposé", "cafeteria menu", "Ångström units", "naïve résumé",
  "the deployment failed", "deploy failed again", "redeploy, failed, twice", "look at the logs", "hello world",
  "我在上海工作", "上海很大", "東京タワー", "supercalifragilistic", "İstanbul trip", "ΣΟΦΙΑ σοφία",
  "x-ray vision", "co-operate now", "ça, va?", "2026 plans", "v2 release",
];

const ONE_TERM = [
  "cafe", "CAFÉ", "café", "caf", "ca", "angstrom", "naive", "resume", "deploy", "ploy", "failed", "lo", "he", "wor",
  "上海", "上", "海工", "東京", "califrag", "istanbul", "σοφια", "ray", "x", "operate", "co", "ça", "2026", "v2", "20",
  '"deploy failed"', '"ça va"', '"hello world"', '"failed twice"', '"上海工作"',
];
const SEVERAL = ["cafe lait", "deploy failed", "lo -hello", "上海 工作", "resume naive", '"deploy failed" again'];

describe(`search marks agree with the server (${testDatabase})`, () => {
  let database: { remove: () => Promise<void> };
  let db: typeof import("@/lib/server/db/database");
  let searchMessages: typeof import("@/lib/server/search/search-messages").searchMessages;
  let user: { id: number; username: string };

  before(async () => {
    database = await useInProcessDatabase("chat-search-marks-");
    db = await import("@/lib/server/db/database");
    ({ searchMessages } = await import("@/lib/server/search/search-messages"));
    const { sendMessage } = await import("@/lib/server/messages/send-message");
    const { indexEverything } = await import("@/lib/server/search/indexer");
    const { storedDate } = await import("@/lib/server/db/dates");
    const alice = await (await db.reader()).selectFrom("User").select(["id", "username"]).where("username", "=", "alice").executeTakeFirstOrThrow();
    user = alice;
    const room = await db.writeTransaction(async (tx) => {
      const now = storedDate();
      const row = { slug: "marks", name: "Marks", visibility: "public", createdAt: now, updatedAt: now };
      const { id } = await tx.insertInto("Room").values(row).returning("id").executeTakeFirstOrThrow();
      await tx.insertInto("Member").values({ roomId: id, userId: alice.id, joinedAt: now }).execute();
      return { id, slug: "marks" };
    });
    for (const [i, text] of CORPUS.entries()) {
      await sendMessage({ room, author: { ...alice, name: "Alice" }, text, clientId: `marks-${i}`, mentions: [] });
    }
    await indexEverything();
  });

  after(async () => {
    await db.disconnectDb();
    await database.remove();
  });

  const found = async (input: string) => {
    const page = await searchMessages({ user, query: parseSearchQuery(input), limit: 50 });
    return page.results.map((r) => r.message.text).sort();
  };

  it("marks something in exactly the messages a one-term query finds", async () => {
    for (const input of ONE_TERM) {
      const query = parseSearchQuery(input);
      const marked = CORPUS.filter((text) => matchRanges(text, query).length > 0).sort();
      assert.deepEqual(marked, await found(input), input);
      // Every term of the list is in the corpus: an agreement on nothing would prove nothing.
      assert.ok(marked.length > 0, input);
    }
  });

  it("marks every term of a longer query in each message it finds", async () => {
    for (const input of SEVERAL) {
      const query = parseSearchQuery(input);
      const hits = await found(input);
      assert.ok(hits.length > 0, input);
      for (const text of hits) {
        for (const word of query.words) assert.ok(matchRanges(text, { words: [word], phrases: [] }).length > 0, `${input}: ${word} in ${text}`);
        for (const phrase of query.phrases) assert.ok(matchRanges(text, { words: [], phrases: [phrase] }).length > 0, `${input}: "${phrase}" in ${text}`);
      }
    }
  });
});
