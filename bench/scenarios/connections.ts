// Idle signed-in sockets: what each costs in server memory, and how fast they can be opened.
import { options, sleep } from "../cli";
import { againstBaseline, withServer } from "../compare";
import { meter, procStat } from "../process-stats";
import type { Result, Row } from "../result";
import type { Kind } from "../servers";

/**
 * Sockets per bench user. One each keeps every user far under the per-user socket cap
 * (20 by default); the seeded users are then as many as the sockets.
 */
const SOCKETS_PER_USER = 1;

/** Handshakes each worker keeps under way at once. */
const IN_FLIGHT = 100;

function measure(kind: Kind, n: number): Promise<Row> {
  const users = Math.ceil(n / SOCKETS_PER_USER);
  return withServer(kind, users, [], async ({ target, load, cookies }) => {
    await sleep(1000);
    const before = procStat(target.proc.pid!);
    const stop = meter(target.proc.pid!);
    // The bench process holds the worker threads: its CPU while connecting is the generator's.
    const generator = meter(process.pid);
    const c = await load.connect(
      Array.from({ length: n }, (_, i) => ({ id: i, cookie: cookies[i % users] })),
      IN_FLIGHT,
      true,
    );
    const gen = generator();
    await sleep(2000);
    const m = stop();
    const after = procStat(target.proc.pid!);
    return {
      sockets: c.connected,
      failed: c.failed,
      seconds: c.seconds,
      socketsPerSec: c.connected / c.seconds,
      rssBeforeMB: before.rss / 2 ** 20,
      rssAfterMB: after.rss / 2 ** 20,
      rssPerSocketKB: (after.rss - before.rss) / 1024 / Math.max(1, c.connected),
      peakRssMB: m.peakRss / 2 ** 20,
      cpuSeconds: m.cpuSeconds,
      cpuMsPerSocket: (m.cpuSeconds * 1000) / Math.max(1, c.connected),
      generatorCpuSeconds: gen.cpuSeconds,
      generatorCpuMsPerSocket: (gen.cpuSeconds * 1000) / Math.max(1, c.connected),
    };
  });
}

export async function connections(): Promise<Result> {
  const n = options.quick ? 2000 : 10_000;
  const { baseline, app } = await againstBaseline((kind) => measure(kind, n));
  return {
    scenario: "connections",
    load: `${n} signed-in idle sockets (${SOCKETS_PER_USER} per user), opened ${IN_FLIGHT} at a time per worker`,
    app,
    baseline,
    target: "RSS growth < 50 KB/socket; >= 1,000 new sockets/s",
    met: Number(app.rssPerSocketKB) < 50 && Number(app.socketsPerSec) >= 1000 && app.failed === 0,
    note: options.quick ? "quick mode: 2,000 sockets" : undefined,
  };
}
