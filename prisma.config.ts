import path from "node:path";
import { mkdirSync } from "node:fs";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { env } from "./lib/env";

// The CLI runs the Wasm schema engine through a driver adapter: no engine binary to download.
// The schema's datasource must resolve to a URL, or `prisma generate` tries a download.
process.env.DATABASE_URL = env.databaseUrl;
mkdirSync(env.dataDir, { recursive: true });

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: {
    path: path.join("prisma", "migrations"),
    seed: "node --import tsx prisma/seed.ts",
  },
  adapter: async () => new PrismaBetterSQLite3({ url: env.databaseUrl }),
});
