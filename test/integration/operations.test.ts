import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { call, clientId, connect, connectAs, connectJoined, loginOrFail, waitFor } from "../helpers/client";
import { startServer, type TestServer } from "../helpers/server";
import type { ChatMessage } from "@/lib/shared/protocol";

const SECRET_TEXT = "the-launch-code-is-0000";

function metric(body: string, name: string): number {
  const line = body.split("\n").find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.split(" ").at(-1)) : Number.NaN;
}

describe("operations", () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ env: { LOG_LEVEL: "info" } });
  });
  after(() => server.stop());

  it("answers /api/health and /api/ready", async () => {
    const health = await fetch(`${server.url}/api/health`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: "ok" });
    const ready = await fetch(`${server.url}/api/ready`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { status: "ready", checks: { database: "ok", redis: "not configured" } });
    const post = await fetch(`${server.url}/api/health`, { method: "POST" });
    assert.equal(post.status, 400);
    assert.equal(((await post.json()) as { error: { code: string } }).error.code, "invalid");
  });

  it("exposes Prometheus metrics that follow the traffic", async () => {
    const alice = await connectAs(server.url, "alice");
    const bob = await connect(server.url, { cookie: await loginOrFail(server.url, "bob"), auth: { reconnect: true } });
    await assert.rejects(connect(server.url, { cookie: await loginOrFail(server.url, "bob"), origin: "https://evil.example" }));
    for (const s of [alice, bob]) assert.ok((await call(s, "room:join", { room: "lobby" })).ok);
    assert.ok((await call(alice, "message:send", { room: "lobby", text: SECRET_TEXT, clientId: clientId() })).ok);
    assert.ok((await call(alice, "room:join", { room: "lobby", since: 0 })).ok);

    const res = await fetch(`${server.url}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /text\/plain/);
    const body = await res.text();
    assert.equal(metric(body, "chat_connected_sockets"), 2);
    assert.equal(metric(body, "chat_messages_received_total"), 1);
    assert.equal(metric(body, "chat_messages_delivered_total"), 2, "alice and bob each got it");
    assert.equal(metric(body, 'chat_rejected_connections_total{reason="origin"}'), 1);
    assert.ok(metric(body, 'chat_ack_seconds_count{event="message:send",outcome="ok"}') >= 1);
    assert.ok(metric(body, "chat_db_write_seconds_count") >= 1);
    assert.equal(metric(body, "chat_catchup_messages_count"), 1);
    assert.equal(metric(body, "chat_reconnects_total"), 1, "bob's handshake said it reconnects");
    assert.ok(body.includes("nodejs_eventloop_lag_seconds"));
    alice.close();
    bob.close();
  });

  it("never logs message text or passwords at info level", async () => {
    await waitFor(() => server.output().includes("listening"), "the start-up log line");
    assert.ok(!server.output().includes(SECRET_TEXT));
    assert.ok(!server.output().includes("alice-password"));
    // Ours are JSON lines (Next prints one plain line of its own at start-up).
    const ours = server.output().trim().split("\n").filter((line) => line.startsWith("{"));
    assert.ok(ours.length > 0);
    for (const line of ours) assert.doesNotThrow(() => JSON.parse(line), `not a JSON line: ${line}`);
  });

  it("on SIGTERM acknowledges nothing it has not stored, tells clients to reconnect, and exits", async () => {
    const alice = await connectJoined(server.url, "alice");
    const acked: ChatMessage[] = [];
    let reason = "";
    alice.on("disconnect", (r) => (reason = r));
    const stream = (async () => {
      while (alice.connected) {
        const res = await call(alice, "message:send", { room: "lobby", text: "t", clientId: clientId() }).catch(() => null);
        if (res?.ok) acked.push(res.message);
      }
    })();
    await waitFor(() => acked.length >= 20, "20 acknowledged sends");
    const started = Date.now();
    await server.terminate();
    const took = Date.now() - started;
    await stream.catch(() => undefined);
    assert.equal(reason, "transport close", "a disconnect a client reconnects from on its own");
    assert.ok(took < 10_000, `exited ${took} ms after SIGTERM`);

    await server.restart();
    const reader = await connectAs(server.url, "bob");
    const res = await call(reader, "room:join", { room: "lobby", since: acked[0]!.seq - 1 });
    reader.close();
    assert.ok(res.ok);
    const stored = new Map(res.messages.map((m) => [m.clientId, m]));
    for (const m of acked) assert.deepEqual(stored.get(m.clientId), m);
  });
});
