// The load benchmark (issue 5). Starts the production server on a fresh SQLite database and the
// bare Socket.IO relay (bench/baseline-server.ts), runs each scenario against both under the same
// load, prints a table, writes raw figures to bench/results/ and rewrites docs/benchmarks.md.
// Usage: npm run bench -- [--scenario fanout,rooms,...] [--quick]    (needs `npm run build` first)
// Module map: cli (options, progress, Ctrl-C), servers + seed (the two servers), clients + worker
// (load generator), compare + room-load (shared measurement), scenarios/*, report.
import { existsSync } from "node:fs";
import path from "node:path";
import { cleanup, options, root } from "./cli";
import { machine, summary, updateDocs, writeRaw, type RunInfo } from "./report";
import type { Result } from "./result";
import { runners } from "./scenarios";

async function main(): Promise<void> {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.error("No production build: run `npm run build` first, then `npm run bench` again.");
    process.exit(1);
  }
  const info: RunInfo = {
    machine: machine(),
    when: new Date().toISOString().replace(/\.\d+Z$/, " UTC").replace("T", " "),
    command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim().replace(/ --$/, ""),
  };
  console.log(`benchmark: ${options.scenarios.join(", ")}${options.quick ? " (quick)" : ""}; ${info.machine}`);
  const results: Result[] = [];
  for (const s of options.scenarios) {
    console.log(`\n== ${s}`);
    try {
      const r = await runners[s]();
      results.push(r);
      const sum = summary(r);
      console.log(`  chat server: ${sum.figure}\n  baseline:    ${sum.baseline}\n  ratio:       ${sum.ratio}\n  target:      ${r.target}: ${r.met ? "met" : "NOT MET"}`);
    } catch (error) {
      console.error(`\n  ${s} failed: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }
  console.log("");
  console.table(results.map((r) => ({ scenario: r.scenario, "chat server": summary(r).figure.slice(0, 70), ratio: summary(r).ratio, met: r.met ? "met" : "NOT MET" })));
  console.log(`raw figures: ${writeRaw(results, info)}`);
  if (results.length) {
    updateDocs(results, info);
    console.log("docs/benchmarks.md updated");
  }
  cleanup();
  // Stray handles (a worker's sockets, a child's pipes) must not keep the benchmark alive.
  process.exit(0);
}

await main();
