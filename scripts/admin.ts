// Account administration, run beside the server(s) on the same database:
//   npm run admin -- add <username> [--name N] [--password-stdin]
//   npm run admin -- disable <username> | enable <username>
//   npm run admin -- reset-password <username> [--password-stdin]
//   npm run admin -- list
// Without --password-stdin a password is generated and printed once. Disabling or resetting
// ends the user's sessions: running servers close their sockets within SESSION_CHECK_INTERVAL_MS.
import { randomBytes } from "node:crypto";
import { text } from "node:stream/consumers";
import { parseArgs } from "node:util";
import { addUser, disableUser, enableUser, listUsers, resetPassword } from "@/lib/server/users/users";
import { disconnectDb } from "@/lib/server/db/database";
import { AppError } from "@/lib/shared/errors";
import { usernameSchema } from "@/lib/shared/protocol";

const USAGE = "usage: npm run admin -- add <username> [--name N] [--password-stdin] | disable <username> | enable <username> | reset-password <username> [--password-stdin] | list";

class UsageError extends Error {}

function usernameOf(positionals: string[]): string {
  const parsed = usernameSchema.safeParse(positionals[1] ?? "");
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? "a username is needed");
  return parsed.data;
}

/** The password from stdin (first line), or a generated one that is printed once. */
async function passwordFor(fromStdin: boolean): Promise<{ password: string; generated: boolean }> {
  if (!fromStdin) return { password: randomBytes(15).toString("base64url"), generated: true };
  const password = (await text(process.stdin)).split(/\r?\n/)[0] ?? "";
  if (password.length < 8 || password.length > 1024) throw new UsageError("the password must be 8 to 1024 characters");
  return { password, generated: false };
}

interface Options {
  name?: string;
  "password-stdin": boolean;
}

async function add(username: string, options: Options): Promise<void> {
  const name = options.name?.trim() || username;
  if (name.length > 64) throw new UsageError("the name must be at most 64 characters");
  const { password, generated } = await passwordFor(options["password-stdin"]);
  await addUser({ username, name, password });
  console.log(`added ${username}`);
  if (generated) console.log(`password: ${password}`);
}

async function reset(username: string, options: Options): Promise<void> {
  const { password, generated } = await passwordFor(options["password-stdin"]);
  await resetPassword({ username, password });
  console.log(`reset the password of ${username}; their sessions end`);
  if (generated) console.log(`password: ${password}`);
}

const userCommands: Record<string, (username: string, options: Options) => Promise<void>> = {
  add,
  "reset-password": reset,
  disable: async (username) => {
    await disableUser({ username });
    console.log(`disabled ${username}; their sessions end`);
  },
  enable: async (username) => {
    await enableUser({ username });
    console.log(`enabled ${username}`);
  },
};

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: "string" }, "password-stdin": { type: "boolean", default: false } },
  });
  const command = positionals[0] ?? "";
  if (command === "list") {
    for (const user of await listUsers()) console.log(`${user.username}\t${user.name}\t${user.disabled ? "disabled" : "active"}`);
    return;
  }
  const handler = userCommands[command];
  if (!handler) throw new UsageError(`unknown command ${command || "(none)"}`);
  await handler(usernameOf(positionals), values);
}

try {
  await run(process.argv.slice(2));
} catch (error) {
  process.exitCode = error instanceof UsageError ? 2 : 1;
  const known = error instanceof UsageError || error instanceof AppError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
  console.error(known ? (error as Error).message : error);
  if (error instanceof UsageError) console.error(USAGE);
} finally {
  await disconnectDb();
}
