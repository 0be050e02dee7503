import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import Database from "better-sqlite3";
import { freshPostgres, testDatabase } from "../helpers/template-db";

const prisma = path.join(process.cwd(), "node_modules", ".bin", "prisma");

describe("prisma migrate deploy and prisma db seed", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "chat-seed-"));
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const cleanup of cleanups) await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  async function emptyDatabase(): Promise<string> {
    if (testDatabase === "sqlite") return `file:${path.join(dir, "seed.db")}`;
    // A copy of the template has the seed's rows already; start from an empty database instead.
    const db = await freshPostgres();
    cleanups.push(db.drop);
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    await client.end();
    return db.url;
  }

  async function rows(url: string, sql: string): Promise<Record<string, unknown>[]> {
    if (url.startsWith("file:")) {
      const db = new Database(url.slice("file:".length), { readonly: true });
      try {
        return db.prepare(sql).all() as Record<string, unknown>[];
      } finally {
        db.close();
      }
    }
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }

  it("creates the lobby and the users once, keeps passwords hashed, and a second run changes nothing", async () => {
    const url = await emptyDatabase();
    const env = { ...process.env, DATABASE_URL: url, DATA_DIR: dir, SEED_USERS: "dave:dave-password,erin:erin:pass:word" };
    execFileSync(prisma, ["migrate", "deploy"], { env, stdio: "pipe" });
    execFileSync(prisma, ["db", "seed"], { env, stdio: "pipe" });
    const first = await rows(url, 'SELECT "username", "name", "passwordHash", "updatedAt" FROM "User" ORDER BY "username"');
    assert.deepEqual(first.map((u) => u.username), ["dave", "erin"]);
    for (const user of first) {
      assert.match(String(user.passwordHash), /^\$argon2id\$/, "argon2id hashes");
      assert.ok(!String(user.passwordHash).includes("password"), "never the password itself");
    }
    assert.deepEqual(await rows(url, 'SELECT "slug", "name", "visibility" FROM "Room"'), [{ slug: "lobby", name: "Lobby", visibility: "public" }]);

    const output = execFileSync(prisma, ["db", "seed"], { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    assert.match(output, /user dave: exists/);
    const second = await rows(url, 'SELECT "username", "name", "passwordHash", "updatedAt" FROM "User" ORDER BY "username"');
    assert.deepEqual(second, first, "the second run changed nothing");
    assert.equal((await rows(url, 'SELECT "slug" FROM "Room"')).length, 1);

    if (testDatabase === "sqlite") {
      const [mode] = await rows(url, "PRAGMA journal_mode");
      assert.deepEqual(mode, { journal_mode: "wal" }, "the SQLite database is in WAL mode");
    }
  });
});
