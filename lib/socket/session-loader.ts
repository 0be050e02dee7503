import { listSessionUsers, type SessionUser } from "@/lib/data/session-users";

// Sockets open in bursts (a deploy, a network blip, many clients at once), and a query costs far
// more than a row. One query runs at a time; the lookups asked for while it runs are answered
// together by the next one. Alone, a lookup waits for nothing but the end of the current turn.

interface Waiter {
  resolve: (found: SessionUser | null) => void;
  reject: (error: unknown) => void;
}

let waiting = new Map<number, Waiter[]>();
let running = false;

function schedule(): void {
  if (running || waiting.size === 0) return;
  running = true;
  setImmediate(() => void flush());
}

async function flush(): Promise<void> {
  const batch = waiting;
  waiting = new Map();
  try {
    const found = await listSessionUsers({ ids: [...batch.keys()] });
    for (const [id, waiters] of batch) for (const w of waiters) w.resolve(found.get(id) ?? null);
  } catch (error) {
    for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
  } finally {
    running = false;
    schedule();
  }
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
