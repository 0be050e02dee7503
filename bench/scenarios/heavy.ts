// Heavy reads do not stall others (issue 13 §1): a room of 1,000 maximum-size messages (4,000 ×
// U+0001, about 24 KB of JSON each, written straight into the database), one user pulling it
// (catch-up pages, then history pages) as fast as the limits allow, and another user's acks
// (room:list and message:send) timed meanwhile, next to the same user's acks with nobody pulling.
import { performance } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import { MAX_TEXT_CHARS } from "@/lib/shared/protocol";
import { fillRoom } from "../../test/helpers/fill-room";
import { options, sleep, status } from "../cli";
import { pct, type Result } from "../result";
import { finish, prepare } from "../servers";

const ROOM = "huge";
type Answer = { ok: boolean; hasMore?: boolean; messages?: { seq: number }[]; error?: { retryAfterMs?: number } };

const connect = (url: string, cookie: string) =>
  new Promise<Socket>((resolve, reject) => {
    const socket = io(url, { transports: ["websocket"], extraHeaders: { cookie }, reconnection: false, forceNew: true });
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
const ask = (socket: Socket, event: string, payload: unknown) => socket.timeout(30_000).emitWithAck(event, payload) as Promise<Answer>;

/** Pulls the room over and over until `until`: a catch-up from 0, then history back from the end. */
async function pull(socket: Socket, until: number): Promise<{ bytes: number; refused: number }> {
  let bytes = 0;
  let refused = 0;
  let catchingUp = true;
  let cursor = 0; // since while catching up, else before
  while (performance.now() < until) {
    const res: Answer = catchingUp
      ? await ask(socket, "room:join", { room: ROOM, since: cursor })
      : await ask(socket, "message:history", { room: ROOM, before: cursor, limit: 100 });
    if (!res.ok) {
      refused++;
      await sleep(res.error?.retryAfterMs ?? 100);
      continue;
    }
    bytes += Buffer.byteLength(JSON.stringify(res.messages));
    const seqs: number[] = res.messages?.map((m) => m.seq) ?? [0];
    if (res.hasMore) cursor = catchingUp ? seqs.at(-1)! : seqs[0]!;
    else [catchingUp, cursor] = catchingUp ? [false, seqs.at(-1)! + 1] : [true, 0];
  }
  return { bytes, refused };
}

/** Another user's acks, alternately room:list and message:send, every 100 ms until `until`. */
async function probe(socket: Socket, until: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; performance.now() < until; i++) {
    const t = performance.now();
    const res = i % 2 ? await ask(socket, "room:list", {}) : await ask(socket, "message:send", { room: "quiet", text: `probe ${i}`, clientId: `probe-${Date.now()}-${i}` });
    if (res.ok) times.push(performance.now() - t);
    await sleep(100);
  }
  return times.sort((a, b) => a - b);
}

export async function heavy(): Promise<Result> {
  const seconds = options.quick ? 10 : 20;
  const { target, cookies } = await prepare("app", 2, [{ slug: ROOM, members: [0, 1] }, { slug: "quiet", members: [1] }]);
  try {
    status("filling the room");
    await fillRoom(`file:${target.dbFile}`, { room: ROOM, author: "bench0", count: 1000, text: "\u0001".repeat(MAX_TEXT_CHARS) });
    const [reader, other] = await Promise.all([connect(target.url, cookies[0]!), connect(target.url, cookies[1]!)]);
    status("idle probe");
    const idle = await probe(other, performance.now() + 5000);
    status(`one user pulling for ${seconds} s`);
    const until = performance.now() + seconds * 1000;
    const [pulled, busy] = await Promise.all([pull(reader, until), probe(other, until)]);
    status("");
    reader.close();
    other.close();
    const p99 = pct(Float64Array.from(busy), 99);
    return {
      scenario: "heavy",
      load: `1 user pulling catch-up and history pages of a room of 1,000 maximum-size messages for ${seconds} s; another user's room:list and message:send every 100 ms`,
      app: {
        p50: pct(Float64Array.from(busy), 50),
        p99,
        max: busy.at(-1) ?? NaN,
        acks: busy.length,
        idleP99: pct(Float64Array.from(idle), 99),
        pulledMBPerSec: pulled.bytes / 2 ** 20 / seconds,
        refused: pulled.refused,
      },
      target: "the other user's ack p99 < 50 ms",
      met: p99 < 50,
    };
  } finally {
    await finish(target);
  }
}
