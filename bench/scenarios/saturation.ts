// The fan-out room under rising load, step by step, until p99 passes 100 ms or a delivery is missing.
// Load rises by adding senders, each its own user at 5 msg/s: under the per-user rate limit of
// `message:send` (10 msg/s sustained), which stays in force, as every other server default.
import { options, sleep } from "../cli";
import { againstBaseline, withServer } from "../compare";
import { meter } from "../process-stats";
import { latencyRow, type Result, type Row } from "../result";
import { layout } from "../room-load";
import type { Kind } from "../servers";

const CLIENTS = 200;
const RATE = 5;
const SENDERS = [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 200];
const offered = (senders: number) => senders * RATE * CLIENTS;
const ok = (row: Row) => Number(row.p99) <= 100 && Number(row.deliveredRatio) >= 1;

function climb(kind: Kind, seconds: number): Promise<{ sustained: number; steps: Row[] }> {
  return withServer(kind, CLIENTS, layout(CLIENTS, CLIENTS).rooms, async ({ target, load, cookies }) => {
    const steps: Row[] = [];
    const { specs } = layout(CLIENTS, CLIENTS, cookies);
    await load.connect(specs);
    await load.join();
    const ids = specs.map((c) => c.id);
    await load.run(ids.slice(0, SENDERS[0]), RATE, 2000, "saturation warm-up");
    for (const n of SENDERS) {
      const stop = meter(target.proc.pid!);
      const generator = meter(process.pid);
      const r = await load.run(ids.slice(0, n), RATE, seconds * 1000, `saturation ${offered(n)}/s`);
      const row: Row = { senders: n, offeredDeliveriesPerSec: offered(n), ...latencyRow(r, r.sent * CLIENTS, stop(), seconds), generatorCpuSeconds: generator().cpuSeconds };
      steps.push(row);
      process.stdout.write(`  ${kind} ${n} senders, ${offered(n)}/s: p99 ${Number(row.p99).toFixed(1)} ms, delivered ${(Number(row.deliveredRatio) * 100).toFixed(2)}%${row.ackErrors ? `, ${row.ackErrors} failed acks` : ""}\n`);
      if (!ok(row)) break;
      await sleep(1000);
    }
    const good = steps.filter(ok);
    return { sustained: good.length ? Number(good.at(-1)!.offeredDeliveriesPerSec) : 0, steps };
  });
}

export async function saturation(): Promise<Result> {
  const seconds = options.quick ? 5 : 10;
  const { baseline, app } = await againstBaseline((kind) => climb(kind, seconds));
  const r = app.sustained / (baseline.sustained || NaN);
  const steps = (s: Row[]) => JSON.stringify(s.map((x) => [x.offeredDeliveriesPerSec, x.p99, x.deliveredRatio]));
  return {
    scenario: "saturation",
    load: `fan-out (${CLIENTS} clients in 1 room, each its own user), senders at ${RATE} msg/s stepped ${SENDERS.join(", ")}, ${seconds} s a step`,
    app: { sustainedDeliveriesPerSec: app.sustained, ratio: r, steps: steps(app.steps) },
    baseline: { sustainedDeliveriesPerSec: baseline.sustained, steps: steps(baseline.steps) },
    target: "highest sustained deliveries/s >= 0.7x baseline",
    met: r >= 0.7,
    note: baseline.sustained === offered(SENDERS.at(-1)!) ? "the baseline never saturated within the steps" : undefined,
  };
}
