import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from "node:fs";
import path from "node:path";

export const TEST_SECRET = "integration-tests-secret-0123456789abcdef";
export const TEST_USERS = "alice:alice-password,bob:bob-password,carol:carol-password";

const root = process.cwd();
const cacheDir = path.join(root, "node_modules", ".cache", "chat-tests");

function fingerprint(): string {
  const hash = createHash("sha256");
  const migrations = path.join(root, "prisma", "migrations");
  for (const entry of readdirSync(migrations, { recursive: true }).map(String).sort()) {
    const file = path.join(migrations, entry);
    if (entry.endsWith(".sql")) hash.update(entry).update(readFileSync(file));
  }
  hash.update(readFileSync(path.join(root, "prisma", "seed.ts"))).update(TEST_USERS);
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
  for (const args of [["migrate", "deploy"], ["db", "seed"]]) {
    execFileSync(path.join(root, "node_modules", ".bin", "prisma"), args, { env, stdio: "pipe" });
  }
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
