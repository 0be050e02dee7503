// Many small rooms: 2,000 clients (each its own user) in rooms of 10, every one sending 1 msg/s.
import { options } from "../cli";
import { againstBaseline } from "../compare";
import { ratio, type Result } from "../result";
import { roomLoad } from "../room-load";

export async function rooms(): Promise<Result> {
  const seconds = options.quick ? 10 : 30;
  const clients = options.quick ? 1000 : 2000;
  const { baseline, app } = await againstBaseline((kind) =>
    roomLoad(kind, { clients, size: 10, senders: (s) => s.map((c) => c.id), rate: 1, seconds, label: "rooms" }),
  );
  return {
    scenario: "rooms",
    load: `${clients} clients in ${clients / 10} rooms of 10, each 1 msg/s, ${seconds} s`,
    app: { ...app, p99Ratio: ratio(app, baseline, "p99") },
    baseline,
    target: "all delivered and stored; p99 < 100 ms",
    met: app.deliveredRatio === 1 && app.acked === app.sent && Number(app.p99) < 100,
    note: options.quick ? "quick mode: half the clients of the target load" : undefined,
  };
}
