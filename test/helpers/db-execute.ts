import Database from "better-sqlite3";
import pg from "pg";

/**
 * Runs one writing statement on a test server's database (SQLite file or PostgreSQL), as another
 * node or process would: a change this server learns of only from the database itself. `?`
 * placeholders on both (numbered for PostgreSQL here).
 */
export async function executeOnDatabase(databaseUrl: string, sql: string, params: unknown[] = []): Promise<void> {
  if (databaseUrl.startsWith("file:")) {
    const db = new Database(databaseUrl.slice("file:".length), { fileMustExist: true, timeout: 10_000 });
    try {
      db.prepare(sql).run(...params);
    } finally {
      db.close();
    }
    return;
  }
  let n = 0;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql.replace(/\?/g, () => `$${++n}`), params);
  } finally {
    await client.end();
  }
}
