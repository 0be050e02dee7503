// Command-line options of the benchmark, its progress line, and the clean-up that Ctrl-C runs.
import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import type { Worker } from "node:worker_threads";

export const SCENARIOS = ["fanout", "rooms", "connections", "saturation", "storage", "history", "search", "page", "heavy"] as const;
export type Scenario = (typeof SCENARIOS)[number];

function parse(argv: string[]): { scenarios: Scenario[]; quick: boolean } {
  const scenarios: Scenario[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--scenario") for (const s of (argv[++i] ?? "").split(",")) if (s) scenarios.push(s as Scenario);
  }
  for (const s of scenarios) if (!SCENARIOS.includes(s)) throw new Error(`unknown scenario ${s}; known: ${SCENARIOS.join(", ")}`);
  return { scenarios: scenarios.length ? scenarios : [...SCENARIOS], quick: argv.includes("--quick") };
}

export const options = { ...parse(process.argv.slice(2)), workers: Number(process.env.BENCH_WORKERS ?? 2) };
/** The NEXTAUTH_SECRET the app runs with, so the bench can mint session cookies itself. */
export const SECRET = "bench-secret-0123456789abcdef-0123456789";
export const root = process.cwd();

export const status = (text: string) => process.stdout.write(`\r\x1b[K${text}`);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What must not outlive the benchmark: server processes, worker threads, temporary directories. */
export const owned = { children: new Set<ChildProcess>(), workers: new Set<Worker>(), tempDirs: new Set<string>() };

export function cleanup(): void {
  for (const w of owned.workers) void w.terminate();
  for (const c of owned.children) if (c.exitCode === null) c.kill("SIGKILL");
  for (const d of owned.tempDirs) rmSync(d, { recursive: true, force: true });
}

process.on("SIGINT", () => {
  process.stdout.write("\ninterrupted: stopping servers and workers, removing temp dirs\n");
  cleanup();
  process.exit(130);
});
