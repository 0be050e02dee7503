import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { env } from "./lib/server/env";
import { cliAdapter } from "./prisma/cli-adapters";

// The CLI runs the Wasm schema engine through a driver adapter: no engine binary to download.
// DATABASE_URL picks the provider: a file: URL is SQLite (prisma/), postgresql:// is PostgreSQL
// (prisma/postgres/). Each has its own schema, migrations and generated client.
// The schema's datasource must resolve to a URL, or `prisma generate` tries a download.
process.env.DATABASE_URL = env.databaseUrl;
// No Prisma Client is generated (the app uses Kysely), so nothing tells the CLI that no query
// engine is needed; without this it tries to download one at every command.
process.env.PRISMA_CLIENT_ENGINE_TYPE = "client";
if (env.databaseProvider === "sqlite") mkdirSync(env.dataDir, { recursive: true });
const dir = env.databaseProvider === "sqlite" ? "prisma" : path.join("prisma", "postgres");
// The search index (lib/server/search/) is raw SQL in the migrations, outside Prisma's models:
// listed here so `db push` and `migrate diff` leave it alone (STACK-FEATURES.md, "Search").
// FTS5 tables come with shadow tables; PostgreSQL wants schema-qualified names.
const fts = (table: string) => [table, ...["data", "idx", "docsize", "config"].map((s) => `${table}_${s}`)];
const external = env.databaseProvider === "sqlite" ? [...fts("MessageWords"), ...fts("MessageTrigrams")] : ["public.MessageSearch"];

export default defineConfig({
  experimental: { adapter: true, externalTables: true },
  tables: { external },
  engine: "js",
  schema: path.join(dir, "schema.prisma"),
  migrations: {
    path: path.join(dir, "migrations"),
    seed: "node --import tsx prisma/seed.ts",
  },
  adapter: async () => cliAdapter(env.databaseProvider, env.databaseUrl),
});
