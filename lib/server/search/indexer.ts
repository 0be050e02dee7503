import { logger } from "@/lib/server/ops/logger";
import { indexRooms, listStaleRooms } from "@/lib/server/search/search-index";

// The search index is written after delivery, not in the send transaction: indexing there cost the
// group commit most of its throughput (issue 15). Every node runs this loop; a tick indexes every
// room that is ahead of its cursor, so a message is searchable within about one tick of its commit
// on every node. Errors are logged and the work is tried again at the next tick.

const TICK_MS = 250;
// Rooms looked at per pass, and messages (and changes) per transaction: small enough that one
// transaction holds the writer for a few milliseconds, not long enough to delay sends.
const ROOMS_PER_PASS = 200;
const BATCH = 500;
// While the database is away every tick fails alike: one log line per this long is enough.
const LOG_EVERY_MS = 30_000;
let lastLogged = 0;

function logFailure(error: unknown): void {
  const now = Date.now();
  if (now - lastLogged < LOG_EVERY_MS) return;
  lastLogged = now;
  logger.error({ err: error }, "search indexing failed; retrying at every tick");
}

async function indexPass(): Promise<void> {
  let rooms = await listStaleRooms({ limit: ROOMS_PER_PASS });
  // Quiet rooms share a transaction; a room with a long backlog yields after a batch and the next pass continues it.
  while (rooms.length > 0) rooms = rooms.slice(await indexRooms({ roomIds: rooms, batch: BATCH }));
}

/** Starts the indexer; the returned function stops it and resolves once a pass under way is done. */
export function startIndexer(): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    running = indexPass()
      .catch(logFailure)
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, TICK_MS).unref();
      });
  };
  timer = setTimeout(tick, TICK_MS).unref();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}

/** Indexes until every room is caught up: for tests and scripts that need the index now. */
export async function indexEverything(): Promise<void> {
  for (;;) {
    const rooms = await listStaleRooms({ limit: ROOMS_PER_PASS });
    if (rooms.length === 0) return;
    await indexPass();
  }
}
