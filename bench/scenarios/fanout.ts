// One busy room: 200 clients (each its own user), 40 of them sending 5 msg/s, 40,000 deliveries/s.
import { options } from "../cli";
import { againstBaseline } from "../compare";
import { ratio, type Result } from "../result";
import { roomLoad } from "../room-load";

export async function fanout(): Promise<Result> {
  const seconds = options.quick ? 10 : 30;
  const { baseline, app } = await againstBaseline((kind) =>
    roomLoad(kind, { clients: 200, size: 200, senders: (s) => s.slice(0, 40).map((c) => c.id), rate: 5, seconds, label: "fanout" }),
  );
  const p99Ratio = ratio(app, baseline, "p99");
  const cpuRatio = ratio(app, baseline, "cpuMicrosPerDelivery");
  return {
    scenario: "fanout",
    load: `200 clients in 1 room, 40 sending 5 msg/s, ${seconds} s`,
    app: { ...app, p99Ratio, cpuRatio },
    baseline,
    target: "all delivered; p99 <= 1.5x baseline; CPU/delivery <= 1.5x baseline",
    met: app.deliveredRatio === 1 && p99Ratio <= 1.5 && cpuRatio <= 1.5,
  };
}
