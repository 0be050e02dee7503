// The corpus the search benchmark reads: rooms, a searching user and messages written straight
// through the app's database module in large JSON batches (the group commit would take minutes).
// Deterministic (a seeded PRNG), so runs search the same text.
import { sql } from "kysely";
import { seeded } from "../test/helpers/fuzz-values";

export const ROOMS = 200;
/** Rooms 0..MEMBER_ROOMS-1 hold the searching user; of the rest, even ones are public, odd private. */
export const MEMBER_ROOMS = 150;
export const AUTHORS = 20;
const BATCH = 20_000;

/** Words every text draws from, and the ones the cases look for, at known rates. */
const VOCABULARY = Array.from({ length: 3000 }, (_, i) => `w${(i * 7919).toString(36)}`);
const EXTRAS: [number, string][] = [
  [0.1, "release"],
  [0.02, "deployment"],
  [0.01, "an exact phrase here"],
  [0.01, "我在上海工作"],
  [0.01, "Café au lait"],
  [0.00002, "zanzibar"],
];


function textOf(random: () => number): string {
  const words = Array.from({ length: 6 + Math.floor(random() * 9) }, () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]!);
  for (const [rate, extra] of EXTRAS) if (random() < rate) words.splice(Math.floor(random() * words.length), 0, extra);
  return words.join(" ");
}

type Db = import("@/lib/server/db/database").Db;
type Tx = import("@/lib/server/db/database").Tx;

export interface Corpus {
  searcher: { id: number; username: string };
  rooms: { id: number; slug: string }[];
  authors: string[];
}

/** Creates the users and rooms, then `messages` messages spread over the rooms and 200 days. */
export async function fillCorpus(messages: number, progress: (done: number) => void): Promise<Corpus> {
  const { writeTransaction } = await import("@/lib/server/db/database");
  const { storedDate } = await import("@/lib/server/db/dates");
  const { jsonTable } = await import("@/lib/server/db/json-rows");
  const now = storedDate();
  const stamps = { createdAt: now, updatedAt: now };
  const corpus = await writeTransaction(async (tx) => {
    const users = await tx
      .insertInto("User")
      .values(["searcher", ...Array.from({ length: AUTHORS }, (_, i) => `author${i}`)].map((username) => ({ username, name: username, passwordHash: "x", ...stamps })))
      .returning(["id", "username"])
      .execute();
    const rooms = await tx
      .insertInto("Room")
      .values(Array.from({ length: ROOMS }, (_, i) => ({ slug: `room-${i}`, name: `Room ${i}`, visibility: i < MEMBER_ROOMS || i % 2 === 0 ? "public" : "private", ...stamps })))
      .returning(["id", "slug"])
      .execute();
    rooms.sort((a, b) => a.id - b.id);
    const searcher = users.find((u) => u.username === "searcher")!;
    await tx.insertInto("Member").values(rooms.slice(0, MEMBER_ROOMS).map((r) => ({ roomId: r.id, userId: searcher.id, joinedAt: now }))).execute();
    return { searcher, rooms, authorIds: users.filter((u) => u !== searcher).map((u) => u.id) };
  });
  const random = seeded(15);
  const start = Date.now() - 200 * 86_400_000;
  const seqs = new Array<number>(ROOMS).fill(0);
  for (let done = 0; done < messages; done += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, messages - done) }, (_, i) => {
      const room = Math.floor(random() * ROOMS);
      const n = done + i;
      return {
        roomId: corpus.rooms[room]!.id,
        seq: ++seqs[room]!,
        authorId: corpus.authorIds[n % AUTHORS]!,
        clientId: `fill-${n}`,
        text: textOf(random),
        createdAt: storedDate(new Date(start + (n / messages) * 200 * 86_400_000)),
      };
    });
    const columns = { roomId: "integer", seq: "integer", authorId: "integer", clientId: "text", text: "text", createdAt: "timestamp" } as const;
    await writeTransaction((tx) => insertRows(tx, jsonTable<(typeof rows)[number], "r">(JSON.stringify(rows), columns, "r")));
    progress(done + rows.length);
  }
  await writeTransaction(async (tx) => {
    for (const [i, room] of corpus.rooms.entries()) await tx.updateTable("Room").set({ lastSeq: seqs[i]! }).where("id", "=", room.id).execute();
  });
  return { searcher: corpus.searcher, rooms: corpus.rooms, authors: Array.from({ length: AUTHORS }, (_, i) => `author${i}`) };
}

function insertRows(tx: Tx, table: ReturnType<typeof import("@/lib/server/db/json-rows").jsonTable>) {
  return sql`INSERT INTO "Message" ("roomId", seq, "authorId", "clientId", text, "createdAt")
    SELECT r."roomId", r.seq, r."authorId", r."clientId", r.text, r."createdAt" FROM ${table}`.execute(tx);
}

/** Bytes each search index takes, by the database's own accounting. */
export async function indexSizes(db: Db, provider: "sqlite" | "postgresql"): Promise<Record<string, number>> {
  if (provider === "postgresql") {
    const { rows } = await sql<{ name: string; bytes: string }>`
      SELECT c.relname AS name, pg_relation_size(c.oid) AS bytes FROM pg_class c
      WHERE c.relname IN ('MessageSearch', 'MessageSearch_pkey') OR c.relname IN (SELECT indexname FROM pg_indexes WHERE tablename = 'MessageSearch')`.execute(db);
    return Object.fromEntries(rows.map((r) => [r.name, Number(r.bytes)]));
  }
  const { rows } = await sql<{ name: string; bytes: number }>`
    SELECT CASE WHEN name LIKE 'MessageWords%' THEN 'MessageWords' ELSE 'MessageTrigrams' END AS name, sum(pgsize) AS bytes
    FROM dbstat WHERE name LIKE 'MessageWords%' OR name LIKE 'MessageTrigrams%' GROUP BY 1`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.bytes)]));
}
