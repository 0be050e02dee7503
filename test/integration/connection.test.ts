import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { call, clientId, collect, connect, connectAs, login, loginOrFail, logout, until, waitFor } from "../helpers/client";
import { startServer, type TestServer } from "../helpers/server";

describe("socket handshake", () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ env: { ALLOWED_ORIGINS: "https://chat.example.com" } });
  });
  after(() => server.stop());

  it("refuses a socket without a session with connect_error 'unauthorized'", async () => {
    await assert.rejects(connect(server.url), (error: Error) => error.message === "unauthorized");
  });

  it("refuses a forged or foreign-secret session cookie", async () => {
    const cookie = "next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..forged.forged.forged";
    await assert.rejects(connect(server.url, { cookie }), (error: Error) => error.message === "unauthorized");
  });

  it("refuses a valid session from a foreign Origin", async () => {
    const cookie = await loginOrFail(server.url, "alice");
    await assert.rejects(
      connect(server.url, { cookie, origin: "https://evil.example" }),
      (error: Error & { data?: { code: string } }) => error.message === "forbidden" && error.data?.code === "forbidden",
    );
    // Over long-polling too: the check is not a WebSocket-only one.
    await assert.rejects(
      connect(server.url, { cookie, origin: "https://evil.example", transports: ["polling"] }),
      (error: Error) => error.message === "forbidden",
    );
  });

  it("accepts the app's own origin, a configured one, and no Origin header at all", async () => {
    const cookie = await loginOrFail(server.url, "alice");
    for (const origin of [server.url, "https://chat.example.com", undefined]) {
      const socket = await connect(server.url, { cookie, origin });
      socket.close();
    }
  });

  it("gives no session for a wrong password or an unknown user", async () => {
    assert.equal(await login(server.url, "alice", "wrong-password"), null);
    assert.equal(await login(server.url, "nobody", "alice-password"), null);
    assert.equal(await login(server.url, "", ""), null);
  });

  it("subscribes sockets of different users opened at once to their own rooms only", async () => {
    // Handshakes arriving together share one read of users and rooms: no socket may get another's.
    const owner = await connectAs(server.url, "alice");
    const created = await call(owner, "room:create", { name: `batch ${clientId()}`, visibility: "private" });
    assert.ok(created.ok, JSON.stringify(created));
    const slug = created.room.slug;
    const cookies = await Promise.all(["alice", "alice", "bob", "carol", "bob"].map((u) => loginOrFail(server.url, u)));
    const sockets = await Promise.all(cookies.map((cookie) => connect(server.url, { cookie })));
    const inboxes = sockets.map(collect);
    const sent = await call(owner, "message:send", { room: slug, text: "members only", clientId: clientId() });
    assert.ok(sent.ok, JSON.stringify(sent));
    await until(sockets[1]!, () => inboxes[0]!.length === 1 && inboxes[1]!.length === 1, "alice's new sockets get the message");
    // bob's and carol's sockets are not members: a message to a room of theirs would have arrived by now too.
    const lobby = await call(sockets[2]!, "room:join", { room: "lobby" });
    assert.ok(lobby.ok, JSON.stringify(lobby));
    assert.deepEqual(inboxes.slice(2).map((m) => m.length), [0, 0, 0]);
    const refused = await call(sockets[3]!, "message:send", { room: slug, text: "not a member", clientId: clientId() });
    assert.equal(refused.ok ? "ok" : refused.error.code, "forbidden");
    for (const socket of [owner, ...sockets]) socket.close();
  });

  it("closes every socket of a browser session when it signs out, and only those", async () => {
    const browser = await loginOrFail(server.url, "alice");
    const phone = await loginOrFail(server.url, "alice");
    const [tab1, tab2, other] = await Promise.all([connect(server.url, { cookie: browser }), connect(server.url, { cookie: browser }), connect(server.url, { cookie: phone })]);
    const reasons: string[] = [];
    for (const tab of [tab1, tab2]) tab.on("disconnect", (reason) => reasons.push(reason));
    await logout(server.url, browser);
    await waitFor(() => reasons.length === 2, "both tabs disconnected");
    assert.deepEqual(reasons, ["io server disconnect", "io server disconnect"]);
    assert.equal(other.connected, true, "the same user's other device stays signed in");
    other.close();
  });
});

