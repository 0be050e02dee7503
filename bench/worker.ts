// Load-generator worker (worker_threads): speaks Engine.IO v4 / Socket.IO v5 frames over `ws`
// directly, so a client costs one WebSocket and a few regular expressions, not a socket.io-client.
// Driven by bench/run.ts through postMessage; see ClientSpec and the commands below.
import { performance } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";
import type { Socket } from "node:net";
import WebSocket from "ws";
import { openLean } from "./lean-socket";

export interface ClientSpec {
  /** Global index; also the sender id embedded in message texts. */
  id: number;
  cookie?: string;
  room?: string;
}

export type Command =
  | { type: "connect"; clients: ClientSpec[]; concurrency: number; lean?: boolean }
  | { type: "join" }
  | { type: "run"; senders: number[]; ratePerSender: number; startAt: number; durationMs: number; drainMs: number }
  | { type: "flood"; senders: number[]; window: number; maxRate: number; durationMs: number }
  | { type: "close" };

const { url, origin } = workerData as { url: string; origin: string };
const now = () => performance.timeOrigin + performance.now();
const post = (message: unknown, transfer?: ArrayBuffer[]) => parentPort!.postMessage(message, transfer ?? []);

interface Client {
  spec: ClientSpec;
  ws: WebSocket;
  ackId: number;
  pending: Map<number, (payload: string) => void>;
}

const clients: Client[] = [];
/** Idle sockets opened with `lean` (bench/lean-socket.ts): they take part in no other command. */
const leanSockets: Socket[] = [];
let latencies = new Float64Array(1 << 16);
let latencyCount = 0;
let recording = false;
let windowStart = 0;
let windowEnd = 0;
let acksOk = 0;
let acksFailed = 0;
let sent = 0;
const MESSAGE_NEW = /^42\["message:new",.*"text":"b (\d+) ([\d.]+) /;

function record(value: number): void {
  if (latencyCount === latencies.length) {
    const bigger = new Float64Array(latencies.length * 2);
    bigger.set(latencies);
    latencies = bigger;
  }
  latencies[latencyCount++] = value;
}

function open(spec: ClientSpec): Promise<Client> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { origin };
    if (spec.cookie) headers.cookie = spec.cookie;
    const ws = new WebSocket(`${url.replace(/^http/, "ws")}/socket.io/?EIO=4&transport=websocket`, { headers, perMessageDeflate: false });
    const client: Client = { spec, ws, ackId: 0, pending: new Map() };
    let connected = false;
    ws.on("message", (data) => {
      const frame = data.toString();
      if (frame === "2") return ws.send("3");
      if (frame.startsWith("42")) {
        if (recording) {
          const match = MESSAGE_NEW.exec(frame);
          const scheduled = match ? Number(match[2]) : NaN;
          // Only sends scheduled inside this run count: late deliveries of a warm-up do not.
          if (scheduled >= windowStart && scheduled < windowEnd) record(now() - scheduled);
        }
        return;
      }
      if (frame.startsWith("43")) {
        const bracket = frame.indexOf("[");
        const id = Number(frame.slice(2, bracket));
        const done = client.pending.get(id);
        if (done) {
          client.pending.delete(id);
          done(frame.slice(bracket));
        }
        return;
      }
      if (frame.startsWith("0")) return ws.send("40");
      if (frame.startsWith("40") && !connected) {
        connected = true;
        return resolve(client);
      }
      if (frame.startsWith("44")) reject(new Error(`connect refused: ${frame}`));
    });
    ws.once("error", reject);
    ws.once("close", () => {
      if (!connected) reject(new Error("closed before connecting"));
    });
  });
}

function emit(client: Client, event: string, payload: unknown, onAck?: (payload: string) => void): void {
  const id = client.ackId++;
  client.pending.set(id, onAck ?? (() => {}));
  client.ws.send(`42${id}${JSON.stringify([event, payload])}`);
}

async function connect(specs: ClientSpec[], concurrency: number, lean: boolean): Promise<void> {
  let next = 0;
  let failed = 0;
  let connected = 0;
  const started = now();
  let finished = started;
  async function lane() {
    while (next < specs.length) {
      const spec = specs[next++]!;
      try {
        if (lean) leanSockets.push(await openLean(url, origin, spec.cookie));
        else clients.push(await open(spec));
        connected++;
        finished = now();
      } catch (error) {
        failed++;
        if (failed <= 3) post({ type: "log", text: String(error) });
      }
      if ((connected + failed) % 100 === 0) post({ type: "progress", connected, failed });
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  post({ type: "connected", connected, failed, started, finished });
}

async function join(): Promise<void> {
  let failed = 0;
  await Promise.all(
    clients.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (!c.spec.room) return resolve();
          emit(c, "room:join", { room: c.spec.room }, (answer) => {
            if (!answer.startsWith('[{"ok":true')) {
              failed++;
              if (failed <= 3) post({ type: "log", text: `join failed: ${answer.slice(0, 200)}` });
            }
            resolve();
          });
        }),
    ),
  );
  post({ type: "joined", failed });
}

function onSendAck(answer: string): void {
  if (answer.startsWith('[{"ok":true')) acksOk++;
  else {
    acksFailed++;
    if (acksFailed <= 3) post({ type: "log", text: `send failed: ${answer.slice(0, 200)}` });
  }
}

let counter = 0;
function send(client: Client, scheduled: number, onAck: (answer: string) => void = onSendAck): void {
  sent++;
  const text = `b ${client.spec.id} ${scheduled.toFixed(3)} bench message`;
  emit(client, "message:send", { room: client.spec.room, text, clientId: `b${client.spec.id}-${(counter++).toString(36)}` }, onAck);
}

function bySpecId(): Map<number, Client> {
  return new Map(clients.map((c) => [c.spec.id, c]));
}

/** Open loop: every sender sends at its scheduled times, whatever the server answers. */
function run(cmd: Extract<Command, { type: "run" }>): void {
  latencyCount = 0;
  acksOk = acksFailed = sent = 0;
  recording = true;
  windowStart = cmd.startAt - 0.5; // the text carries the time rounded to the microsecond
  windowEnd = cmd.startAt + cmd.durationMs;
  const map = bySpecId();
  const interval = 1000 / cmd.ratePerSender;
  const senders = cmd.senders.map((id, i) => ({ client: map.get(id)!, next: cmd.startAt + (interval * i) / cmd.senders.length })).filter((s) => s.client);
  const end = cmd.startAt + cmd.durationMs;
  const tick = () => {
    const t = now();
    for (const s of senders) {
      while (s.next <= t && s.next < end) {
        send(s.client, s.next);
        s.next += interval;
      }
    }
    if (t < end) setTimeout(tick, 1);
    else setTimeout(finish, cmd.drainMs);
  };
  const finish = () => {
    recording = false;
    const out = latencies.slice(0, latencyCount);
    post({ type: "ran", sent, acksOk, acksFailed, latencies: out, cpu: process.cpuUsage() }, [out.buffer]);
  };
  setTimeout(tick, Math.max(0, cmd.startAt - now()));
}

/**
 * Closed loop with a window of outstanding sends per sender, each sender at most `maxRate` sends
 * a second (under the server's per-user rate limit): how many acks (stored messages) per second.
 */
function flood(cmd: Extract<Command, { type: "flood" }>): void {
  acksOk = acksFailed = sent = 0;
  const map = bySpecId();
  const end = now() + cmd.durationMs;
  const gap = 1000 / cmd.maxRate;
  const nextAt = new Map<Client, number>();
  let outstanding = 0;
  let reported = false;
  const ackTimes: number[] = [];
  const pump = (client: Client) => {
    const t = now();
    const at = nextAt.get(client) ?? t;
    if (at >= end || t >= end) {
      if (outstanding === 0 && !reported) {
        reported = true;
        post({ type: "flooded", sent, acksOk, acksFailed, ackTimes });
      }
      return;
    }
    outstanding++;
    nextAt.set(client, Math.max(t, at) + gap);
    const go = () =>
      send(client, now(), (answer) => {
        outstanding--;
        onSendAck(answer);
        ackTimes.push(now());
        pump(client);
      });
    if (at > t) setTimeout(go, at - t);
    else go();
  };
  for (const id of cmd.senders) {
    const client = map.get(id);
    if (client) for (let i = 0; i < cmd.window; i++) pump(client);
  }
}

parentPort!.on("message", (cmd: Command) => {
  if (cmd.type === "connect") void connect(cmd.clients, cmd.concurrency, cmd.lean ?? false);
  else if (cmd.type === "join") void join();
  else if (cmd.type === "run") run(cmd);
  else if (cmd.type === "flood") flood(cmd);
  else if (cmd.type === "close") {
    for (const c of clients) c.ws.terminate();
    for (const s of leanSockets) s.destroy();
    clients.length = leanSockets.length = 0;
    post({ type: "closed" });
  }
});
