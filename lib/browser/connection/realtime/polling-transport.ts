import type { Transport, TransportHandlers, TransportOptions } from "@/lib/browser/connection/realtime/transport";

const SEPARATOR = "\x1e";
let stamp = 0;

/**
 * Engine.IO over HTTP long-polling, for networks that block WebSockets: one GET at a time waits
 * for the server's packets; what the client sends goes out in POSTs, one at a time (the server
 * refuses overlapping ones), each at most the server's `maxPayload`.
 */
export function openPolling(options: TransportOptions, handlers: TransportHandlers): Transport {
  let sid = "";
  let closed = false;
  let posting = false;
  const queue: string[] = [];
  const abort = new AbortController();
  // `t` keeps caches out of the way, as Engine.IO's own client does.
  const url = () => `${options.endpoint}&transport=polling${sid && `&sid=${sid}`}&t=${Date.now().toString(36)}.${stamp++}`;

  const fail = (error: unknown) => {
    if (closed) return;
    closed = true;
    abort.abort();
    handlers.onClose("transport error", error instanceof Error ? error : new Error(String(error)));
  };
  const checked = async (response: Response) => {
    if (!response.ok) throw new Error(`xhr poll error: HTTP ${response.status}`);
    return response.text();
  };

  const poll = async () => {
    while (!closed) {
      const body = await options.fetch(url(), { signal: abort.signal }).then(checked);
      for (const packet of body.split(SEPARATOR)) {
        if (closed) return;
        if (packet.startsWith("b")) return fail("binary packets are not supported");
        // The open packet names the session every later request must carry.
        if (packet.startsWith("0")) sid = (JSON.parse(packet.slice(1)) as { sid: string }).sid;
        handlers.onPacket(packet);
      }
    }
  };

  /** Takes the queued packets that fit in one POST (at least one). */
  const batch = () => {
    let bytes = 0;
    let count = 0;
    while (count < queue.length && (count === 0 || bytes + byteLength(queue[count]!) < options.maxPayload())) bytes += byteLength(queue[count++]!) + 1;
    return queue.splice(0, count).join(SEPARATOR);
  };
  const flush = async () => {
    if (posting || !sid) return;
    posting = true;
    try {
      while (queue.length > 0) {
        await options.fetch(url(), { method: "POST", body: batch(), headers: { "content-type": "text/plain;charset=UTF-8" } }).then(checked);
      }
    } catch (error) {
      fail(error);
    } finally {
      posting = false;
    }
  };

  poll().catch(fail);
  return {
    send(packets) {
      queue.push(...packets);
      void flush();
    },
    close() {
      if (closed) return;
      closed = true;
      // Tells the server at once, rather than after its heartbeat gives up; whatever was queued
      // (a DISCONNECT, say) goes first. The server answers the pending GET as it closes: left to
      // finish, it cannot reach the server before the DISCONNECT does.
      if (!sid) return abort.abort();
      queue.push("1");
      void flush();
    },
  };
}

const byteLength = (text: string) => new TextEncoder().encode(text).length;
