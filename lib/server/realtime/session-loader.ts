import { listSessionUsers, type SessionUser } from "@/lib/server/users/session-users";

// Sockets open in bursts (a deploy, a network blip, many clients at once), and a query costs far
// more than a row (measured through Prisma: ~0.3 ms of CPU for one user, ~0.45 ms for sixteen;
// through the driver it is less, but still mostly per query). One
// query runs at a time and answers every lookup asked for before it starts. A lookup after a
// quiet spell waits for nothing but the end of the current turn; during a burst the next query
// starts at most once every BURST_GAP_MS, so it answers all that arrived meanwhile: a few
// milliseconds more per handshake buy several times fewer queries.
const BURST_GAP_MS = 10;

interface Waiter {
  resolve: (found: SessionUser | null) => void;
  reject: (error: unknown) => void;
}

let waiting = new Map<number, Waiter[]>();
let running = false;
let scheduled = false;
let lastStart = -Infinity;

function schedule(): void {
  if (running || scheduled || waiting.size === 0) return;
  scheduled = true;
  const wait = lastStart + BURST_GAP_MS - performance.now();
  if (wait > 0) setTimeout(flush, wait);
  else setImmediate(flush);
}

function flush(): void {
  scheduled = false;
  running = true;
  lastStart = performance.now();
  const batch = waiting;
  waiting = new Map();
  listSessionUsers({ ids: [...batch.keys()] })
    .then(
      (found) => {
        for (const [id, waiters] of batch) for (const w of waiters) w.resolve(found.get(id) ?? null);
      },
      (error: unknown) => {
        for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
      },
    )
    .finally(() => {
      running = false;
      schedule();
    });
}

/** The user (null if they no longer exist) and their rooms, read now: batched, never cached. */
export function loadSessionUser(userId: number): Promise<SessionUser | null> {
  return new Promise((resolve, reject) => {
    const waiters = waiting.get(userId);
    if (waiters) waiters.push({ resolve, reject });
    else waiting.set(userId, [{ resolve, reject }]);
    schedule();
  });
}
