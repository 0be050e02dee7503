// Clients spread over rooms, some of them sending at a steady rate: the fan-out and many-rooms load.
import { sleep } from "./cli";
import { withServer } from "./compare";
import { meter } from "./process-stats";
import { latencyRow, type Row } from "./result";
import type { RoomSeed } from "./seed";
import type { Kind } from "./servers";
import type { ClientSpec } from "./worker";

/**
 * Rooms of `size` consecutive clients. Every client is its own user, so each user's rate limit
 * and socket cap see one sender and one socket.
 */
export function layout(clients: number, size: number, cookies: string[] = []): { rooms: RoomSeed[]; specs: ClientSpec[] } {
  const rooms: RoomSeed[] = [];
  for (let r = 0; r * size < clients; r++) rooms.push({ slug: `bench-${r}`, members: Array.from({ length: Math.min(size, clients - r * size) }, (_, j) => r * size + j) });
  const specs: ClientSpec[] = [];
  for (const room of rooms) for (const m of room.members) specs.push({ id: m, cookie: cookies[m], room: room.slug });
  return { rooms, specs };
}

export interface RoomLoad {
  clients: number;
  size: number;
  senders: (specs: ClientSpec[]) => number[];
  /** Messages a second per sender. */
  rate: number;
  seconds: number;
  label: string;
}

/** Connects and joins every client, warms up, then measures one open-loop run. */
export function roomLoad(kind: Kind, l: RoomLoad): Promise<Row> {
  return withServer(kind, l.clients, layout(l.clients, l.size).rooms, async ({ target, load, cookies }) => {
    const { specs } = layout(l.clients, l.size, cookies);
    await load.connect(specs);
    const joinFailed = await load.join();
    if (joinFailed) process.stdout.write(`\n  ${joinFailed} joins failed; server log tail:\n${target.log().slice(-1500)}\n`);
    const who = l.senders(specs);
    // A short warm-up at the same rate (JIT, buffers), not counted.
    await load.run(who, l.rate, 2000, `${l.label} warm-up`);
    await sleep(500);
    const stop = meter(target.proc.pid!);
    const generator = meter(process.pid);
    const r = await load.run(who, l.rate, l.seconds * 1000, l.label);
    const m = stop();
    return { ...latencyRow(r, r.sent * l.size, m, l.seconds), joinFailed, generatorCpuSeconds: generator().cpuSeconds };
  });
}
