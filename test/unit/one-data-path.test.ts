import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";

// The app reaches the database one way: Kysely through lib/server/db/database.ts. Prisma is the
// schema, the migrations and the CLI (prisma/), never a client in the app's code.
const root = process.cwd();
const APP_DIRS = ["lib", "app", "components", "scripts", "server.ts"];
const FORBIDDEN = [/@prisma\/client/, /lib\/generated\/(sqlite|postgres)/, /@prisma\/adapter-/, /from "better-sqlite3"|import\("better-sqlite3"\)/, /from "pg"|import\("pg"\)/];
// The drivers are opened in one place only.
const DRIVER_HOME = path.join("lib", "server", "db", "drivers.ts");

function sources(entry: string): string[] {
  const full = path.join(root, entry);
  if (entry.endsWith(".ts")) return [entry];
  return readdirSync(full, { recursive: true })
    .map(String)
    .filter((file) => /\.(ts|tsx)$/.test(file) && !file.includes("generated"))
    .map((file) => path.join(entry, file));
}

describe("one data path", () => {
  it("no app module imports a Prisma client, a Prisma adapter or a driver outside lib/server/db/drivers.ts", () => {
    const offenders: string[] = [];
    for (const file of APP_DIRS.flatMap(sources)) {
      if (file === DRIVER_HOME) continue;
      const text = readFileSync(path.join(root, file), "utf8");
      for (const pattern of FORBIDDEN) if (pattern.test(text)) offenders.push(`${file}: ${pattern}`);
    }
    assert.deepEqual(offenders, []);
  });
});
