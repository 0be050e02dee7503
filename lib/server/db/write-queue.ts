import { env } from "@/lib/server/env";
import { dbWriteLatency } from "@/lib/server/ops/metrics";

// SQLite has one writer per file: the process's write transactions take turns here, so none
// waits on another inside the database (busy_timeout would block the event loop) and a statement
// is never mixed into another caller's open transaction. PostgreSQL's run concurrently; row
// locks order them. Next bundles its own copy of this module; globalThis holds the one queue.
const store = globalThis as typeof globalThis & { __chatWriteQueue?: Promise<unknown> };

/** Runs `transaction` after the writes queued before it (SQLite) or at once (PostgreSQL), timed. */
export function inWriteQueue<T>(transaction: () => Promise<T>): Promise<T> {
  const timed = async () => {
    const timer = dbWriteLatency.startTimer();
    try {
      return await transaction();
    } finally {
      timer();
    }
  };
  if (env.databaseProvider === "postgresql") return timed();
  const queued = (store.__chatWriteQueue ?? Promise.resolve()).then(timed);
  store.__chatWriteQueue = queued.catch(() => undefined);
  return queued;
}

/** Resolves once the writes queued so far are done: for a clean shutdown. */
export async function writesDone(): Promise<void> {
  await store.__chatWriteQueue;
}
