// CPU time and memory of a process, read from /proc (Linux).
import { readFileSync } from "node:fs";


export function procStat(pid: number): { cpu: number; rss: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
  const statusText = readFileSync(`/proc/${pid}/status`, "utf8");
  const rss = Number(/VmRSS:\s+(\d+)/.exec(statusText)?.[1] ?? 0) * 1024;
  return { cpu: ticks / 100, rss };
}

export type Metered = { cpuSeconds: number; peakRss: number; rssBefore: number; rssAfter: number };

/** CPU seconds and peak RSS of a process over a stretch of work: call the result to stop. */
export function meter(pid: number): () => Metered {
  const start = procStat(pid);
  let peak = start.rss;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, procStat(pid).rss);
    } catch {
      /* exited */
    }
  }, 100);
  return () => {
    clearInterval(timer);
    const end = procStat(pid);
    return { cpuSeconds: end.cpu - start.cpu, peakRss: Math.max(peak, end.rss), rssBefore: start.rss, rssAfter: end.rss };
  };
}
