import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import WebSocket from "ws";
import { call, clientId, connectJoined, loginOrFail, type TestSocket } from "../helpers/client";
import { anyValue, invalidValue, pick, pollution, seeded, type Rand } from "../helpers/fuzz-values";
import { startServer, type TestServer } from "../helpers/server";
import { testDatabase } from "../helpers/template-db";
import type { Ack, ClientToServerEvents } from "@/lib/shared/protocol";

type EventName = keyof ClientToServerEvents;
type Answer = Ack<object>;

const SEED = 20261125;
const CASES = 3000;

// A valid payload per event with fields, every field required (so removing one is an error).
const templates: Partial<Record<EventName, () => Record<string, unknown>>> = {
  "room:join": () => ({ room: "lobby" }),
  "room:create": () => ({ name: "Fuzz room", visibility: "private" }),
  "room:invite": () => ({ room: "lobby", username: "bob" }),
  "room:leave": () => ({ room: "lobby" }),
  "room:read": () => ({ room: "lobby", seq: 0 }),
  "dm:open": () => ({ username: "bob" }),
  "message:send": () => ({ room: "lobby", text: "hello", clientId: clientId("fz") }),
  "message:history": () => ({ room: "lobby", before: 1 }),
  typing: () => ({ room: "lobby", typing: false }),
  "message:edit": () => ({ room: "lobby", seq: 1, text: "edited" }),
  "message:delete": () => ({ room: "lobby", seq: 1 }),
  "message:react": () => ({ room: "lobby", seq: 1, emoji: "👍", on: true }),
  "room:members": () => ({ room: "lobby" }),
  "message:search": () => ({ query: "hello" }),
};
const fielded = Object.keys(templates) as EventName[];
const allEvents: EventName[] = [...fielded, "room:list", "room:browse"];
const unknownEvents = ["message:purge", "admin", "__proto__", "constructor", "hasOwnProperty", "toString", "x".repeat(300)];
const texts = ["hi", "😀 emoji", "  padded  ", "DROP TABLE Message;--", "<script>alert(1)</script>", "\u0001\u001fcontrol", "ü".repeat(4000)];

interface Case {
  run(socket: TestSocket): Promise<Answer | null>;
  /** "invalid": must be refused as invalid; "ok": must be accepted; "any": any answer but internal. */
  expect: "invalid" | "ok" | "any" | "none";
  what: string;
}

/** An emit without acknowledgement, of anything. */
const tell = async (socket: TestSocket, event: string, payload: unknown): Promise<null> => {
  (socket as unknown as { emit(e: string, p: unknown): void }).emit(event, payload);
  return null;
};

const ask = (socket: TestSocket, event: string, ...args: unknown[]) =>
  (socket.timeout(15_000) as unknown as { emitWithAck(e: string, ...a: unknown[]): Promise<Answer> }).emitWithAck(event, ...args);

function makeCase(rand: Rand): Case {
  const roll = rand();
  if (roll < 0.4) {
    const event = pick(rand, fielded);
    const payload = templates[event]!();
    const field = pick(rand, Object.keys(payload));
    const value = invalidValue(rand);
    payload[field] = value;
    if (rand() < 0.3) Object.assign(payload, pollution());
    // A blank search query is a valid one (it answers no results); any other answer but internal will do.
    const blankQuery = event === "message:search" && typeof value === "string" && value.trim() === "";
    return { run: (s) => ask(s, event, payload), expect: blankQuery ? "any" : "invalid", what: `${event} with a bad ${field}` };
  }
  if (roll < 0.55) {
    const event = pick(rand, fielded);
    const payload = templates[event]!();
    delete payload[pick(rand, Object.keys(payload))];
    return { run: (s) => ask(s, event, payload), expect: "invalid", what: `${event} missing a field` };
  }
  if (roll < 0.65) {
    const event = pick(rand, allEvents);
    const payload = invalidValue(rand);
    const expect = event === "room:list" || event === "room:browse" ? "any" : "invalid";
    return { run: (s) => ask(s, event, payload, ...(rand() < 0.3 ? [Buffer.from("extra"), 7] : [])), expect, what: `${event} with a bad payload` };
  }
  if (roll < 0.75) {
    const payload = { room: "lobby", text: pick(rand, texts), clientId: clientId("ok"), ...(rand() < 0.5 ? pollution() : {}), author: { id: 999 } };
    return { run: (s) => ask(s, "message:send", payload), expect: "ok", what: "a valid send with extra keys" };
  }
  if (roll < 0.85) {
    const event = pick(rand, unknownEvents);
    const payload = anyValue(rand);
    return { run: (s) => tell(s, event, payload), expect: "none", what: `unknown event ${event}` };
  }
  const event = pick(rand, allEvents);
  const payload = anyValue(rand);
  return { run: (s) => tell(s, event, payload), expect: "none", what: `${event} without an ack` };
}

function judge(c: Case, res: Answer | null): string | null {
  if (c.expect === "none") return null;
  if (!res) return `${c.what}: no answer`;
  if (c.expect === "ok") return res.ok ? null : `${c.what}: ${res.error.code} ${res.error.message}`;
  if (!res.ok && res.error.code === "internal") return `${c.what}: internal error`;
  if (c.expect === "invalid" && (res.ok || res.error.code !== "invalid")) return `${c.what}: ${JSON.stringify(res).slice(0, 200)}`;
  return null;
}

/** Sends one raw Engine.IO/Socket.IO frame on a fresh connection; resolves with whether the server still answers. */
async function rawFrame(url: string, cookie: string, frame: string | Buffer): Promise<"closed" | "answers"> {
  const ws = new WebSocket(`${url.replace(/^http/, "ws")}/socket.io/?EIO=4&transport=websocket`, { headers: { cookie } });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no reaction to ${String(frame).slice(0, 40)}`)), 10_000);
    const done = (outcome: "closed" | "answers") => {
      clearTimeout(timer);
      ws.terminate();
      resolve(outcome);
    };
    ws.on("message", (data) => {
      const text = data.toString();
      if (text.startsWith("0")) ws.send("40");
      else if (text.startsWith("40")) {
        ws.send(frame);
        ws.send('4299["room:list",{}]');
      } else if (text.startsWith("4399")) done("answers");
      else if (text === "2") ws.send("3");
    });
    ws.once("close", () => done("closed"));
    ws.once("error", () => done("closed"));
  });
}

const rawFrames: (string | Buffer)[] = [
  "42", "4", "42[", '42["message:send"', '42{"a":1}', "42[1,2,3]", '42["__proto__",{"polluted":1}]',
  '42["message:send",{"room":"lobby","text":"raw","clientId":"raw-1"}]', "43", "4399[]", "49", "9",
  '451-["message:send",{"_placeholder":true,"num":0}]', '45999999-["room:list",{"_placeholder":true,"num":5}]',
  // Names the client library refuses to send: reserved on the server too.
  '42["connect",{}]', '42["disconnect"]', '42["disconnecting",1]', '42["newListener","message:send"]', '42["error",{}]',
  `42["room:list",${"[".repeat(5000)}${"]".repeat(5000)}]`, Buffer.from([0xff, 0xfe, 0x00, 0x01]), "42\ud800", "",
];

describe("fuzzing every event", () => {
  let server: TestServer;
  let sockets: TestSocket[] = [];

  before(async () => {
    // Limits raised: this test is about bad input; test/integration/rate-limits.test.ts proves the limits.
    server = await startServer({ env: { RATE_LIMIT_FACTOR: "1000", LOG_LEVEL: "info" } });
    sockets = await Promise.all([connectJoined(server.url, "alice"), connectJoined(server.url, "bob")]);
  });
  after(async () => {
    for (const s of sockets) s.close();
    await server.stop();
  });

  it(`answers ${CASES} hostile payloads (seed ${SEED}) without crashing, and only with invalid where they are`, async () => {
    const rand = seeded(SEED);
    const problems: string[] = [];
    let accepted = 0;
    for (let batch = 0; batch < CASES; batch += 100) {
      const cases = Array.from({ length: Math.min(100, CASES - batch) }, () => makeCase(rand));
      const answers = await Promise.all(cases.map((c, i) => c.run(sockets[i % 2]!)));
      cases.forEach((c, i) => {
        const problem = judge(c, answers[i]!);
        if (problem) problems.push(problem);
        if (c.expect === "ok" && answers[i]?.ok) accepted++;
      });
    }
    assert.deepEqual(problems.slice(0, 10), [], `${problems.length} wrong answers`);
    assert.ok(accepted > CASES * 0.05, `${accepted} valid sends accepted`);
    // Still serving: a new sign-in, socket and send.
    const carol = await connectJoined(server.url, "carol");
    sockets.push(carol);
    assert.ok((await call(carol, "message:send", { room: "lobby", text: "still here", clientId: clientId() })).ok);
  });

  it("survives malformed and oversized raw frames: each closes its connection or is ignored", async () => {
    const cookie = await loginOrFail(server.url, "alice");
    for (const frame of rawFrames) {
      const outcome = await rawFrame(server.url, cookie, frame);
      assert.ok(outcome === "closed" || outcome === "answers");
    }
    assert.equal(await rawFrame(server.url, cookie, '42["room:list",{}]'), "answers", "a fresh connection is served");
  });

  it("logged no error, no unhandled rejection and no crash", () => {
    const lines = server.output().split("\n").filter(Boolean);
    const bad = lines.filter((line) => /unhandled|uncaught|"level":(50|60)|TypeError|RangeError/i.test(line));
    assert.deepEqual(bad.slice(0, 5), []);
  });

  it("left the database consistent: seq gap-free per room and lastSeq in step, no orphan rows", { skip: testDatabase !== "sqlite" }, async () => {
    await server.terminate();
    const db = new Database(server.databaseUrl.replace(/^file:/, ""), { readonly: true });
    try {
      const rooms = db
        .prepare("SELECT r.id, r.lastSeq, COUNT(m.id) AS n, COALESCE(MIN(m.seq), 0) AS lo, COALESCE(MAX(m.seq), 0) AS hi FROM Room r LEFT JOIN Message m ON m.roomId = r.id GROUP BY r.id")
        .all() as { id: number; lastSeq: number; n: number; lo: number; hi: number }[];
      assert.ok(rooms.some((r) => r.n > 0));
      for (const r of rooms) {
        assert.equal(r.hi, r.n, `room ${r.id}: ${r.n} messages up to seq ${r.hi}`);
        assert.equal(r.lo, r.n ? 1 : 0);
        assert.equal(r.lastSeq, r.hi, `room ${r.id}: lastSeq`);
      }
      const orphans = db
        .prepare(
          `SELECT (SELECT COUNT(*) FROM Message WHERE roomId NOT IN (SELECT id FROM Room) OR authorId NOT IN (SELECT id FROM User))
            + (SELECT COUNT(*) FROM Member WHERE roomId NOT IN (SELECT id FROM Room) OR userId NOT IN (SELECT id FROM User)) AS n`,
        )
        .get() as { n: number };
      assert.equal(orphans.n, 0);
      const polluted = db.prepare("SELECT COUNT(*) AS n FROM Message WHERE clientId LIKE '%proto%' OR text LIKE '%polluted%'").get() as { n: number };
      assert.equal(polluted.n, 0);
    } finally {
      db.close();
    }
  });
});
