// The room the history benchmarks read: a fresh database file with one room of `messages`
// messages and one empty room, written straight through better-sqlite3 (Prisma would take minutes).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { copyTemplate } from "../test/helpers/template-db";

export interface HistoryDb {
  dbFile: string;
  big: number;
  empty: number;
  remove: () => void;
}

/** Creates the database and points the app's environment at it (before the app is imported). */
export function fillHistoryDb(messages: number): HistoryDb {
  const dataDir = mkdtempSync(path.join(tmpdir(), "chat-bench-history-"));
  const dbFile = copyTemplate(dataDir);
  process.env.DATABASE_URL = `file:${dbFile}`;
  process.env.DATA_DIR = dataDir;
  process.env.LOG_LEVEL = "silent";
  const db = new Database(dbFile);
  db.pragma("journal_mode = WAL");
  const now = new Date().toISOString();
  const room = db.prepare(`INSERT INTO "Room" (slug, name, visibility, lastSeq, createdAt, updatedAt) VALUES (?, ?, 'public', ?, ?, ?)`);
  const big = Number(room.run("big", "Big", messages, now, now).lastInsertRowid);
  const empty = Number(room.run("empty", "Empty", 0, now, now).lastInsertRowid);
  const insert = db.prepare(`INSERT INTO "Message" (roomId, seq, authorId, clientId, text, createdAt) VALUES (?, ?, 1, ?, ?, ?)`);
  const started = performance.now();
  db.transaction(() => {
    for (let seq = 1; seq <= messages; seq++) insert.run(big, seq, `bench-${seq}`, `message number ${seq} with some ordinary chat text in it`, now);
  })();
  console.log(`filled ${messages.toLocaleString()} messages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  db.close();
  return { dbFile, big, empty, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}
