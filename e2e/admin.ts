// The real admin command (scripts/admin.ts) against the end-to-end server's database.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A user whose display name is HTML: start-server.ts adds them; security.spec.ts checks it is shown as text. */
export const HTML_USER = {
  username: "marko",
  password: "marko-password",
  name: `<img src=x onerror=alert("name")> Marko`,
};

/**
 * The user of e2e/outbox.spec.ts, added by start-server.ts: it sends hundreds of messages, so it
 * has its own rate-limit budget and leaves the other specs' users untouched.
 */
export const OUTBOX_USER = { username: "otto", password: "otto-password", name: "Otto" };

/** The e2e server's `message:send` limit (start-server.ts sets RATE_LIMITS from it). */
export const E2E_SEND_LIMIT = { perSecond: 20, burst: 30 };

/** The file in which start-server.ts leaves the path of its database, for specs that run the admin command. */
export const databasePointer = (port: number) => path.join(tmpdir(), `chat-e2e-${port}.database`);

/** Runs `npm run admin -- <args>` on a database file; throws when it fails. Returns its output. */
export function runAdmin(databaseFile: string, args: string[], stdin = ""): string {
  return execFileSync(process.execPath, ["--import", "tsx", "scripts/admin.ts", ...args], {
    env: { ...process.env, DATABASE_URL: `file:${databaseFile}`, DATA_DIR: path.dirname(databaseFile) },
    input: stdin,
    encoding: "utf8",
    stdio: ["pipe", "pipe", "inherit"],
  });
}

/** The database of the server Playwright started (see playwright.config.ts, E2E_PORT). */
export function e2eDatabase(): string {
  return readFileSync(databasePointer(Number(process.env.E2E_PORT ?? 3210)), "utf8");
}
