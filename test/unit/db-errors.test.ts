import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import Database from "better-sqlite3";
import pg from "pg";
import { isDatabaseUnavailable, mapDatabaseError } from "@/lib/server/db/db-errors";
import { AppError } from "@/lib/shared/errors";
import { freePort } from "../helpers/server";

// Real errors from the real drivers, not hand-made look-alikes: what the classifier sees in production.

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe("database error classification", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "db-errors-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("treats SQLite's busy (another connection holds the write lock) as unavailable", () => {
    const file = path.join(dir, "busy.db");
    const holder = new Database(file);
    holder.pragma("journal_mode = WAL");
    holder.exec("CREATE TABLE t (x INTEGER PRIMARY KEY)");
    holder.exec("BEGIN IMMEDIATE");
    const other = new Database(file, { timeout: 0 });
    const busy = thrown(() => other.exec("INSERT INTO t VALUES (1)"));
    holder.exec("ROLLBACK");
    assert.equal((busy as { code?: string }).code, "SQLITE_BUSY");
    assert.ok(isDatabaseUnavailable(busy));
    const mapped = mapDatabaseError(busy);
    assert.ok(mapped instanceof AppError && mapped.code === "unavailable");
    other.close();
    holder.close();
  });

  it("treats SQLite's read-only database as unavailable", () => {
    const file = path.join(dir, "ro.db");
    new Database(file).exec("CREATE TABLE t (x INTEGER)");
    const readOnly = new Database(file, { readonly: true });
    const error = thrown(() => readOnly.exec("INSERT INTO t VALUES (1)"));
    readOnly.close();
    assert.equal((error as { code?: string }).code, "SQLITE_READONLY");
    assert.ok(isDatabaseUnavailable(error));
  });

  it("treats a database folder that is gone as unavailable", () => {
    const error = thrown(() => new Database(path.join(dir, "gone", "chat.db")));
    assert.ok(error instanceof TypeError);
    assert.ok(isDatabaseUnavailable(error));
  });

  it("treats a refused PostgreSQL connection as unavailable", async () => {
    const client = new pg.Client({ host: "127.0.0.1", port: await freePort(), user: "nobody", database: "none" });
    const error = await client.connect().then(() => null, (e: unknown) => e);
    assert.ok(error, "connecting to a closed port fails");
    assert.ok(isDatabaseUnavailable(error));
  });

  it("leaves other errors alone: a unique violation or a syntax error is not an outage", () => {
    const db = new Database(":memory:");
    db.exec("CREATE TABLE t (x INTEGER PRIMARY KEY)");
    db.exec("INSERT INTO t VALUES (1)");
    const unique = thrown(() => db.exec("INSERT INTO t VALUES (1)"));
    const syntax = thrown(() => db.exec("SELEC 1"));
    db.close();
    for (const error of [unique, syntax, new Error("boom"), null, "text"]) {
      assert.equal(isDatabaseUnavailable(error), false);
      assert.equal(mapDatabaseError(error), error);
    }
    const forbidden = new AppError("forbidden", "no");
    assert.equal(mapDatabaseError(forbidden), forbidden);
  });
});
