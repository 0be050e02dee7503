import assert from "node:assert/strict";
import { request } from "node:http";
import { after, before, describe, it } from "node:test";
import WebSocket from "ws";
import { loginOrFail } from "../helpers/client";
import { startServer, type TestServer } from "../helpers/server";

// Raw handshakes, since no Socket.IO client sends a header twice on purpose. An array header
// value makes node:http (and ws, which uses it) write one `Origin:` line per entry.

type Outcome = "connected" | "refused";
type Headers = Record<string, string | string[]>;

/** The answer to the namespace CONNECT (`40…` or `44…`), as Socket.IO frames it. */
const outcomeOf = (packet: string): Outcome | null => (packet.startsWith("40{") ? "connected" : packet.startsWith("44") ? "refused" : null);

function overWebSocket(url: string, headers: Headers): Promise<Outcome> {
  const ws = new WebSocket(`${url.replace(/^http/, "ws")}/socket.io/?EIO=4&transport=websocket`, { headers });
  return new Promise((resolve, reject) => {
    ws.on("message", (data) => {
      const frame = data.toString();
      if (frame.startsWith("0")) return ws.send("40");
      const outcome = outcomeOf(frame);
      if (!outcome) return;
      ws.terminate();
      resolve(outcome);
    });
    ws.once("error", reject);
  });
}

function http(url: string, method: "GET" | "POST", headers: Headers, body?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: body ? { ...headers, "content-type": "text/plain" } : headers }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
      res.once("end", () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`${res.statusCode} ${text}`))));
    });
    req.once("error", reject);
    req.end(body);
  });
}

/** The long-polling handshake: open (the headers that count are this request's), CONNECT, read the answer. */
async function overPolling(url: string, headers: Headers): Promise<Outcome> {
  const base = `${url}/socket.io/?EIO=4&transport=polling`;
  const open = await http(base, "GET", headers);
  const { sid } = JSON.parse(open.slice(1)) as { sid: string };
  await http(`${base}&sid=${sid}`, "POST", {}, "40");
  const answer = await http(`${base}&sid=${sid}`, "GET", {});
  const outcome = answer.split("\x1e").map(outcomeOf).find(Boolean);
  assert.ok(outcome, `an answer to CONNECT: ${answer}`);
  return outcome;
}

describe("handshake Origin sent more than once", () => {
  let server: TestServer;
  let cookie: string;
  before(async () => {
    server = await startServer({ env: { ALLOWED_ORIGINS: "https://chat.example.com" } });
    cookie = await loginOrFail(server.url, "alice");
  });
  after(() => server.stop());

  for (const [transport, handshake] of [["WebSocket", overWebSocket], ["long-polling", overPolling]] as const) {
    it(`${transport}: accepts the app's own origin twice, and two allowed origins`, async () => {
      assert.equal(await handshake(server.url, { cookie, origin: [server.url, server.url] }), "connected");
      assert.equal(await handshake(server.url, { cookie, origin: `${server.url}, ${server.url}` }), "connected");
      assert.equal(await handshake(server.url, { cookie, origin: [server.url, "https://chat.example.com"] }), "connected");
    });

    it(`${transport}: refuses when any value is foreign, empty or garbled`, async () => {
      for (const origin of [
        [server.url, "https://evil.example"],
        ["https://evil.example", server.url],
        `${server.url}, https://evil.example`,
        `${server.url},`,
        [server.url, ""],
        [server.url, "null"],
        `${server.url}x`,
      ]) {
        assert.equal(await handshake(server.url, { cookie, origin }), "refused", JSON.stringify(origin));
      }
    });
  }
});
