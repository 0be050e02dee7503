// The fan-out room under rising load, step by step, until p99 passes 100 ms or a delivery is missing.
import { options, sleep } from "../cli";
import { againstBaseline, withServer } from "../compare";
import { meter } from "../process-stats";
import { latencyRow, type Result, type Row } from "../result";
import { layout } from "../room-load";
import type { Kind } from "../servers";

const RATES = [1, 2, 3, 5, 7.5, 10, 15, 20, 30, 40];
const ok = (row: Row) => Number(row.p99) <= 100 && Number(row.deliveredRatio) >= 1;

function climb(kind: Kind, seconds: number): Promise<{ sustained: number; steps: Row[] }> {
  return withServer(kind, 200, layout(200, 200).rooms, async ({ target, load, cookies }) => {
    const steps: Row[] = [];
    const { specs } = layout(200, 200, cookies);
    await load.connect(specs);
    await load.join();
    const senders = specs.slice(0, 40).map((c) => c.id);
    await load.run(senders, 1, 2000, "saturation warm-up");
    for (const rate of RATES) {
      const stop = meter(target.proc.pid!);
      const generator = meter(process.pid);
      const r = await load.run(senders, rate, seconds * 1000, `saturation ${rate * 40 * 200}/s`);
      const row: Row = { ratePerSender: rate, offeredDeliveriesPerSec: rate * 40 * 200, ...latencyRow(r, r.sent * 200, stop(), seconds), generatorCpuSeconds: generator().cpuSeconds };
      steps.push(row);
      process.stdout.write(`  ${kind} ${row.offeredDeliveriesPerSec}/s: p99 ${Number(row.p99).toFixed(1)} ms, delivered ${(Number(row.deliveredRatio) * 100).toFixed(2)}%\n`);
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
    load: `fan-out (200 clients, 40 senders), rate stepped ${RATES.join(", ")} msg/s per sender, ${seconds} s a step`,
    app: { sustainedDeliveriesPerSec: app.sustained, ratio: r, steps: steps(app.steps) },
    baseline: { sustainedDeliveriesPerSec: baseline.sustained, steps: steps(baseline.steps) },
    target: "highest sustained deliveries/s >= 0.7x baseline",
    met: r >= 0.7,
    note: baseline.sustained === RATES.at(-1)! * 8000 ? "the baseline never saturated within the rate steps" : undefined,
  };
}
