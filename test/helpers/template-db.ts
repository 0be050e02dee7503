import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from "node:fs";
import path from "node:path";

export const TEST_SECRET = "integration-tests-secret-0123456789abcdef";
export const TEST_USERS = "alice:alice-password,bob:bob-password,carol:carol-password";

const root = process.cwd();
const cacheDir = path.join(root, "node_modules", ".cache", "chat-tests");

function fingerprint(migrationsDir = path.join("prisma", "migrations")): string {
  const hash = createHash("sha256");
  const migrations = path.join(root, migrationsDir);
  for (const entry of readdirSync(migrations, { recursive: true }).map(String).sort()) {
    const file = path.join(migrations, entry);
    if (entry.endsWith(".sql")) hash.update(entry).update(readFileSync(file));
  }
  hash.update(readFileSync(path.join(root, "prisma", "seed.ts"))).update(TEST_USERS);
  // The seeded rows follow the seed's functions (what they write, dates included) and the hashing parameters.
  for (const file of ["auth/password.ts", "users/users.ts", "rooms/rooms.ts", "rooms/members.ts", "db/dates.ts"]) {
    hash.update(readFileSync(path.join(root, "lib", "server", file)));
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * A migrated and seeded database, built once with the real `prisma migrate deploy` and
 * `prisma db seed`, then copied for every server a test starts.
 */
export function templateDatabase(): string {
  const file = path.join(cacheDir, `template-${fingerprint()}.db`);
  if (existsSync(file)) return file;
  mkdirSync(cacheDir, { recursive: true });
  const building = `${file}.${process.pid}.tmp`;
  const env = { ...process.env, DATABASE_URL: `file:${building}`, SEED_USERS: TEST_USERS, DATA_DIR: cacheDir };
  migrateAndSeed(env);
  // Fold the WAL into the main file so a plain copy is complete.
  execFileSync(process.execPath, ["-e", `new (require("better-sqlite3"))(${JSON.stringify(building)}).pragma("wal_checkpoint(TRUNCATE)")`]);
  renameSync(building, file);
  return file;
}

export function copyTemplate(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const target = path.join(dataDir, "chat.db");
  copyFileSync(templateDatabase(), target);
  return target;
}

function migrateAndSeed(env: NodeJS.ProcessEnv): void {
  for (const args of [["migrate", "deploy"], ["db", "seed"]]) {
    execFileSync(path.join(root, "node_modules", ".bin", "prisma"), args, { env, stdio: "pipe" });
  }
}

/** Which database the integration suite runs on: SQLite unless TEST_DATABASE=postgres. */
export const testDatabase = process.env.TEST_DATABASE === "postgres" ? "postgres" : "sqlite";
const postgresAdmin = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

function postgresUrl(database: string): string {
  const url = new URL(postgresAdmin);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(work: (client: import("pg").Client) => Promise<T>): Promise<T> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: postgresAdmin });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A PostgreSQL template database, migrated and seeded once per schema and seed. */
async function postgresTemplate(): Promise<string> {
  const name = `chat_tpl_${fingerprint(path.join("prisma", "postgres", "migrations"))}`;
  const exists = await admin((c) => c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]));
  if (exists.rowCount) return name;
  const building = `${name}_${process.pid}`;
  await admin((c) => c.query(`CREATE DATABASE "${building}"`));
  migrateAndSeed({ ...process.env, DATABASE_URL: postgresUrl(building), SEED_USERS: TEST_USERS });
  await admin((c) => c.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`));
  return name;
}

/** A fresh database for one server: a copy of the template. Returns its URL and a way to drop it. */
export async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const template = await postgresTemplate();
  const name = `chat_test_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    url: postgresUrl(name),
    drop: () => admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}
