// The app's workspace for a run: a copy of the template database with bench users and rooms,
// and session cookies minted for those users with the server's secret and the app's own session
// codec (signing thousands of users in through NextAuth would cost an argon2 check each).
import argon2 from "argon2";
import Database from "better-sqlite3";
import { encodeSessionToken } from "@/lib/server/auth/session-codec";
import { copyTemplate } from "../test/helpers/template-db";
import { SECRET, status } from "./cli";

export interface RoomSeed {
  slug: string;
  /** Indexes of bench users. */
  members: number[];
}

let passwordHash: Promise<string> | undefined;

/** A fresh database in `dataDir` with `users` extra users (bench0..) and the rooms; returns the file and user ids. */
export async function seed(dataDir: string, users: number, rooms: RoomSeed[]): Promise<{ file: string; ids: number[] }> {
  const file = copyTemplate(dataDir);
  // One real argon2 hash, reused: hashing thousands would take minutes and nobody logs in with them.
  passwordHash ??= argon2.hash("bench-password", { type: argon2.argon2id });
  const hash = await passwordHash;
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  const now = new Date().toISOString();
  const user = db.prepare(`INSERT INTO "User" (username, name, passwordHash, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)`);
  const room = db.prepare(`INSERT INTO "Room" (slug, name, visibility, lastSeq, createdAt, updatedAt) VALUES (?, ?, 'public', 0, ?, ?)`);
  const member = db.prepare(`INSERT INTO "Member" (roomId, userId, lastReadSeq, joinedAt) VALUES (?, ?, 0, ?)`);
  const ids: number[] = [];
  db.transaction(() => {
    for (let i = 0; i < users; i++) ids.push(Number(user.run(`bench${i}`, `Bench ${i}`, hash, now, now).lastInsertRowid));
    for (const r of rooms) {
      const roomId = room.run(r.slug, r.slug, now, now).lastInsertRowid;
      for (const m of r.members) member.run(roomId, ids[m], now);
    }
  })();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return { file, ids };
}

/** Session cookies in the shape lib/auth.ts's jwt callback gives, one per user id. */
export async function mintCookies(ids: number[]): Promise<string[]> {
  const out: string[] = [];
  for (const [i, uid] of ids.entries()) {
    // sv 0: the users were just created, with the column's default session version.
    const token = await encodeSessionToken({ token: { uid, username: `bench${i}`, name: `Bench ${i}`, sid: `bench-${i}`, sv: 0, sub: String(uid) }, secret: SECRET });
    out.push(`next-auth.session-token=${token}`);
    if (i % 500 === 0) status(`minting sessions ${i}/${ids.length}`);
  }
  return out;
}
