// The load generator's pool: worker threads (bench/worker.ts) that hold the client sockets,
// driven by commands; this side sums their answers and shows progress.
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { cleanup, options, owned, status } from "./cli";
import type { Target } from "./servers";
import type { ClientSpec, Command } from "./worker";

type Reply = Record<string, unknown> & { type: string };

export type RunResult = { latencies: Float64Array; sent: number; acksOk: number; acksFailed: number; workerCpu: NodeJS.CpuUsage[] };

function sorted(parts: Float64Array[]): Float64Array {
  const all = new Float64Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  return all.sort();
}

const sum = (replies: Reply[], k: string) => replies.reduce((a, r) => a + (r[k] as number), 0);

export class Load {
  private readonly pool: Worker[] = [];
  private readonly waiting = new Map<Worker, ((m: Reply) => void)[]>();
  private readonly progress = new Map<Worker, number>();
  private total = 0;

  constructor(private readonly target: Target) {
    for (let i = 0; i < options.workers; i++) this.spawn();
  }

  private spawn(): void {
    const w = new Worker(new URL("./worker-entry.mjs", import.meta.url), { workerData: { url: this.target.url, origin: new URL(this.target.url).origin } });
    owned.workers.add(w);
    this.pool.push(w);
    this.waiting.set(w, []);
    w.on("message", (m: Reply) => {
      if (m.type === "log") return void process.stdout.write(`\n  [worker] ${String(m.text)}\n`);
      if (m.type === "progress") return this.onProgress(w, m.connected as number);
      this.waiting.get(w)!.shift()?.(m);
    });
    w.on("error", (e) => {
      process.stdout.write(`\n  [worker error] ${e.stack ?? String(e)}\n`);
      cleanup();
      process.exit(1);
    });
  }

  private onProgress(w: Worker, n: number): void {
    this.progress.set(w, n);
    status(`${this.target.kind}: ${[...this.progress.values()].reduce((a, b) => a + b, 0)}/${this.total} connections open`);
  }

  private all(cmd: (i: number) => Command): Promise<Reply[]> {
    const ask = (w: Worker, i: number) =>
      new Promise<Reply>((resolve) => {
        this.waiting.get(w)!.push(resolve);
        w.postMessage(cmd(i));
      });
    return Promise.all(this.pool.map(ask));
  }

  /**
   * Opens the clients, `concurrency` at a time per worker; seconds from first attempt to last open.
   * `lean`: idle sockets on bare TCP (bench/lean-socket.ts), for the connections scenario.
   */
  async connect(specs: ClientSpec[], concurrency = 50, lean = false): Promise<{ connected: number; failed: number; seconds: number }> {
    this.total = specs.length;
    const n = this.pool.length;
    const replies = await this.all((i) => ({ type: "connect", clients: specs.filter((_, j) => j % n === i), concurrency, lean }));
    const connected = sum(replies, "connected");
    const failed = sum(replies, "failed");
    const started = Math.min(...replies.map((r) => r.started as number));
    const finished = Math.max(...replies.map((r) => r.finished as number));
    status(`${this.target.kind}: ${connected}/${specs.length} connections open${failed ? `, ${failed} failed` : ""}\n`);
    return { connected, failed, seconds: (finished - started) / 1000 };
  }

  /** Every client joins its room; returns how many joins failed. */
  async join(): Promise<number> {
    return sum(await this.all(() => ({ type: "join" })), "failed");
  }

  /** Open-loop run: every delivery latency (ms, sorted) and the counts. */
  async run(senders: number[], ratePerSender: number, durationMs: number, label: string): Promise<RunResult> {
    const clock = () => performance.timeOrigin + performance.now();
    const startAt = Math.ceil(clock() + 300);
    const ticker = setInterval(() => status(`${this.target.kind} ${label}: ${Math.max(0, (startAt + durationMs - clock()) / 1000).toFixed(0)} s left`), 1000);
    const replies = await this.all(() => ({ type: "run", senders, ratePerSender, startAt, durationMs, drainMs: 3000 }));
    clearInterval(ticker);
    status("");
    const latencies = sorted(replies.map((r) => r.latencies as Float64Array));
    return { latencies, sent: sum(replies, "sent"), acksOk: sum(replies, "acksOk"), acksFailed: sum(replies, "acksFailed"), workerCpu: replies.map((r) => r.cpu as NodeJS.CpuUsage) };
  }

  /** Closed loop: each sender keeps `window` sends outstanding, at most `maxRate` a second, for `durationMs`. */
  async flood(senders: number[], window: number, maxRate: number, durationMs: number): Promise<{ sent: number; acksOk: number; acksFailed: number }> {
    const replies = await this.all(() => ({ type: "flood", senders, window, maxRate, durationMs }));
    return { sent: sum(replies, "sent"), acksOk: sum(replies, "acksOk"), acksFailed: sum(replies, "acksFailed") };
  }

  async close(): Promise<void> {
    await this.all(() => ({ type: "close" }));
    for (const w of this.pool) {
      await w.terminate();
      owned.workers.delete(w);
    }
  }
}
