// What a scenario reports: one row of figures per server, the target and whether it was met.
import type { Scenario } from "./cli";
import type { RunResult } from "./clients";
import type { Metered } from "./process-stats";

export type Row = Record<string, number | string>;

export interface Result {
  scenario: Scenario;
  load: string;
  app: Row;
  baseline?: Row;
  target: string;
  met?: boolean;
  note?: string;
}

export const pct = (sorted: Float64Array, p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);

export const ratio = (a: Row, b: Row | undefined, k: string) => (b && Number(b[k]) ? Number(a[k]) / Number(b[k]) : NaN);

/** Latency, delivery and cost figures of an open-loop run that lasted `seconds`. */
export function latencyRow(r: RunResult, expected: number, m: Metered, seconds: number): Row {
  const n = r.latencies.length;
  return {
    sent: r.sent,
    acked: r.acksOk,
    ackErrors: r.acksFailed,
    delivered: n,
    expected,
    deliveredRatio: expected ? n / expected : NaN,
    deliveriesPerSec: n / seconds,
    p50: pct(r.latencies, 50),
    p99: pct(r.latencies, 99),
    p999: pct(r.latencies, 99.9),
    max: n ? r.latencies[n - 1]! : NaN,
    cpuSeconds: m.cpuSeconds,
    cpuMicrosPerDelivery: n ? (m.cpuSeconds * 1e6) / n : NaN,
    peakRssMB: m.peakRss / 2 ** 20,
  };
}
