import Database from "better-sqlite3";
import pg from "pg";

interface Fill {
  /** The room's slug; it must exist. */
  room: string;
  /** Username of the author of every message. */
  author: string;
  count: number;
  text: string;
  /** Stamp each message as changed once (rev = seq, the room's lastRev the last of them), as if each was edited. */
  changed?: boolean;
}

/**
 * Appends `count` messages to a room straight in a test server's database (SQLite file or
 * PostgreSQL), far faster than the send limit allows, and moves the room's lastSeq with them.
 * Only for rooms nobody sends to meanwhile: seqs are handed out here, not by the server.
 */
export async function fillRoom(databaseUrl: string, fill: Fill): Promise<void> {
  if (databaseUrl.startsWith("file:")) return fillSqlite(databaseUrl.slice("file:".length), fill);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ id: number; lastSeq: number; authorId: number }>(
      `SELECT r."id", r."lastSeq", u."id" AS "authorId" FROM "Room" r, "User" u WHERE r."slug" = $1 AND u."username" = $2 FOR UPDATE OF r`,
      [fill.room, fill.author],
    );
    const target = rows[0];
    if (!target) throw new Error(`no room ${fill.room} or user ${fill.author}`);
    const [from, to] = [target.lastSeq + 1, target.lastSeq + fill.count];
    await client.query(
      `INSERT INTO "Message" ("roomId", "seq", "authorId", "clientId", "text", "createdAt") ` +
        `SELECT $1::int, s, $2::int, 'fill-' || $1::text || '-' || s, $3::text, now() FROM generate_series($4::int, $5::int) s`,
      [target.id, target.authorId, fill.text, from, to],
    );
    await client.query(`UPDATE "Room" SET "lastSeq" = $1 WHERE "id" = $2`, [to, target.id]);
    if (fill.changed) await client.query(`UPDATE "Message" SET "rev" = "seq" WHERE "roomId" = $1 AND "seq" >= $2`, [target.id, from]);
    if (fill.changed) await client.query(`UPDATE "Room" SET "lastRev" = $1 WHERE "id" = $2`, [to, target.id]);
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}

function fillSqlite(file: string, fill: Fill): void {
  const db = new Database(file, { fileMustExist: true, timeout: 5000 });
  try {
    db.transaction(() => {
      const target = db
        .prepare(`SELECT r."id" AS id, r."lastSeq" AS lastSeq, u."id" AS authorId FROM "Room" r, "User" u WHERE r."slug" = ? AND u."username" = ?`)
        .get(fill.room, fill.author) as { id: number; lastSeq: number; authorId: number } | undefined;
      if (!target) throw new Error(`no room ${fill.room} or user ${fill.author}`);
      const insert = db.prepare(`INSERT INTO "Message" ("roomId", "seq", "authorId", "clientId", "text", "createdAt") VALUES (?, ?, ?, ?, ?, ?)`);
      const now = new Date().toISOString().replace("Z", "+00:00");
      for (let seq = target.lastSeq + 1; seq <= target.lastSeq + fill.count; seq++) {
        insert.run(target.id, seq, target.authorId, `fill-${target.id}-${seq}`, fill.text, now);
      }
      db.prepare(`UPDATE "Room" SET "lastSeq" = ? WHERE "id" = ?`).run(target.lastSeq + fill.count, target.id);
      if (fill.changed) {
        db.prepare(`UPDATE "Message" SET "rev" = "seq" WHERE "roomId" = ? AND "seq" > ?`).run(target.id, target.lastSeq);
        db.prepare(`UPDATE "Room" SET "lastRev" = ? WHERE "id" = ?`).run(target.lastSeq + fill.count, target.id);
      }
    })();
  } finally {
    db.close();
  }
}
