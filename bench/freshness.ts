// How long after its ack a message becomes searchable: the search indexer (lib/server/search/)
// runs beside the store, and each acked message waits until its room's SearchCursor passes its
// seq. Polled every POLL_MS, so a figure may read up to POLL_MS late.
import { performance } from "node:perf_hooks";

const POLL_MS = 20;

type Reader = () => Promise<import("@/lib/server/db/database").Db>;

export interface Freshness {
  /** Records an acked message. */
  acked(roomId: number, seq: number): void;
  /** Stops polling once every recorded message is indexed (or after `timeoutMs`); returns the sorted delays in ms. */
  finish(timeoutMs: number): Promise<number[]>;
}

export function trackFreshness(reader: Reader): Freshness {
  const pending = new Map<number, { seq: number; at: number }[]>();
  const delays: number[] = [];
  let open = true;
  const poll = async () => {
    const rows = await (await reader()).selectFrom("SearchCursor").select(["roomId", "seq"]).execute();
    const now = performance.now();
    for (const { roomId, seq } of rows) {
      const list = pending.get(roomId);
      if (!list) continue;
      const left = list.filter((m) => (m.seq <= seq ? (delays.push(now - m.at), false) : true));
      if (left.length > 0) pending.set(roomId, left);
      else pending.delete(roomId);
    }
  };
  const loop = (async () => {
    while (open || pending.size > 0) {
      await poll();
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  })();
  return {
    acked(roomId, seq) {
      const list = pending.get(roomId);
      const entry = { seq, at: performance.now() };
      if (list) list.push(entry);
      else pending.set(roomId, [entry]);
    },
    async finish(timeoutMs) {
      open = false;
      const timeout = setTimeout(() => pending.clear(), timeoutMs);
      await loop;
      clearTimeout(timeout);
      return delays.sort((a, b) => a - b);
    },
  };
}
