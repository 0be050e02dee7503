import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { connect, login, loginOrFail, logout, waitFor } from "../helpers/client";
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

