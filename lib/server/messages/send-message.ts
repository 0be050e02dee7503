import { writeTransaction } from "@/lib/server/db/database";
import { isDatabaseUnavailable } from "@/lib/server/db/db-errors";
import { AppError, isAppError } from "@/lib/shared/errors";
import { storeBatch, type SendInput, type SendResult } from "@/lib/server/messages/send-batch";

export type { SendInput, SendResult };

interface Pending {
  input: SendInput;
  resolve: (result: SendResult) => void;
  reject: (error: unknown) => void;
}

// A batch's statements take its rows as one JSON parameter each, so no parameter limit bounds it.
// Larger batches spread the fixed cost of a transaction (BEGIN/COMMIT, an fsync)
// over more messages: 100 -> 500 cut the store's CPU per message by about 40% (docs/benchmarks.md);
// 1,000 gained little more while making each commit, and the first ack in it, wait longer.
const MAX_BATCH = 500;
let pending: Pending[] = [];
let flushing: Promise<void> | null = null;

/**
 * Stores a message and resolves once it is committed. Sends that arrive while a commit is under
 * way are stored together in the next transaction (group commit): one fsync for many messages.
 */
export function sendMessage(input: SendInput): Promise<SendResult> {
  return new Promise((resolve, reject) => {
    pending.push({ input, resolve, reject });
    flushing ??= new Promise<void>((done) => setImmediate(done)).then(flush);
  });
}

/** Resolves once every send accepted so far is committed or failed: for a clean shutdown. */
export async function drainSends(): Promise<void> {
  while (flushing) await flushing;
}

async function flush(): Promise<void> {
  while (pending.length > 0) {
    const batch = pending.slice(0, MAX_BATCH);
    pending = pending.slice(MAX_BATCH);
    await commit(batch);
  }
  flushing = null;
}

async function commit(batch: Pending[]): Promise<void> {
  try {
    const results = await writeTransaction((tx) => storeBatch(tx, batch.map((p) => p.input)));
    batch.forEach((p, i) => {
      const result = results[i]!;
      if (result instanceof AppError) p.reject(result);
      else p.resolve(result);
    });
  } catch (error) {
    // The database is away (down, locked): no send of the batch can succeed, fail them all now.
    if (batch.length === 1 || isDatabaseUnavailable(error)) {
      const failure = isAppError(error) ? error : new AppError("unavailable", "the message could not be stored");
      for (const p of batch) p.reject(failure);
      return;
    }
    // One bad send must not sink the others: halve the batch until it is alone, about 2·log2(n)
    // transactions rather than n. The first half goes first, so seq still follows queue order.
    const half = Math.ceil(batch.length / 2);
    await commit(batch.slice(0, half));
    await commit(batch.slice(half));
  }
}
