import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { copyTemplate, freshPostgres, testDatabase } from "./template-db";

/**
 * Points this process's environment at a fresh test database (a template copy on SQLite, a new
 * database on PostgreSQL), for tests that call the data functions directly. Import `@/lib/server/db/db`
 * only after this. `remove` drops the database and its folder; disconnect the clients first.
 */
export async function useInProcessDatabase(prefix: string): Promise<{ remove: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const pg = testDatabase === "postgres" ? await freshPostgres() : null;
  process.env.DATABASE_URL = pg ? pg.url : `file:${copyTemplate(dir)}`;
  process.env.DATA_DIR = dir;
  process.env.LOG_LEVEL = "silent";
  return {
    async remove() {
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
