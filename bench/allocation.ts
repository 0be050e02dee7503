// Bytes allocated on the JS heap per call, and young-generation collections per 1,000 calls:
// figures the machine's load barely moves, unlike a p99 (docs/benchmarks.md, "History pages").
import { GCProfiler, getHeapStatistics } from "node:v8";

export interface Allocation {
  bytesPerCall: number;
  scavengesPer1000: number;
}

/**
 * Runs `run` `calls` times, one after another. Allocated bytes are the heap's growth plus what
 * every collection in between freed (V8's GC profiler reports the heap before and after each).
 */
export async function measureAllocation(run: () => Promise<unknown>, calls: number): Promise<Allocation> {
  const profiler = new GCProfiler();
  const start = getHeapStatistics().used_heap_size;
  profiler.start();
  for (let i = 0; i < calls; i++) await run();
  const end = getHeapStatistics().used_heap_size;
  const { statistics } = profiler.stop();
  let freed = 0;
  let scavenges = 0;
  for (const gc of statistics) {
    freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
    if (gc.gcType === "Scavenge") scavenges++;
  }
  return { bytesPerCall: (end - start + freed) / calls, scavengesPer1000: (scavenges * 1000) / calls };
}
