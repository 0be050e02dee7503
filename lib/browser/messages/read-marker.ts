/**
 * Moves read markers with as few requests as possible: per room, one `room:read` at a time, and
 * while one is under way only the highest seq asked for since is kept, sent when it returns. A
 * busy room thus costs one request per round trip, not one per message. `send` resolves false
 * when the request failed; that seq is then asked again by the next `mark`.
 */
export function createReadMarker(send: (room: string, seq: number) => Promise<boolean>) {
  const sent = new Map<string, number>();
  const busy = new Set<string>();
  const queued = new Map<string, number>();

  async function run(room: string, seq: number): Promise<void> {
    const before = sent.get(room) ?? 0;
    busy.add(room);
    sent.set(room, seq);
    try {
      if (!(await send(room, seq))) sent.set(room, before);
    } finally {
      busy.delete(room);
    }
    const next = queued.get(room);
    queued.delete(room);
    if (next !== undefined) mark(room, next);
  }

  function mark(room: string, seq: number): void {
    if (busy.has(room)) {
      if (seq > (queued.get(room) ?? 0)) queued.set(room, seq);
      return;
    }
    if (seq > (sent.get(room) ?? 0)) void run(room, seq);
  }

  return mark;
}
