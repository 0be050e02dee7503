import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { runAdmin } from "../helpers/admin";
import { connect, login, loginOrFail, waitFor, type TestSocket } from "../helpers/client";
import { startServer, type TestServer } from "../helpers/server";

/** The promise of docs/security-sessions.md: sockets of a revoked session close within this. */
const REVOCATION_MS = 5_000;

interface Watched {
  socket: TestSocket;
  ended: boolean;
  closed: boolean;
}

function watch(socket: TestSocket): Watched {
  const watched = { socket, ended: false, closed: false };
  socket.on("session:ended", () => (watched.ended = true));
  socket.on("disconnect", () => (watched.closed = true));
  return watched;
}

async function admin(server: TestServer, args: string[], stdin = ""): Promise<string> {
  const result = await runAdmin(server, args, stdin);
  assert.equal(result.code, 0, `admin ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout;
}

async function refusal(server: TestServer, cookie: string): Promise<string> {
  const error = await connect(server.url, { cookie }).then(
    (socket) => (socket.close(), "connected"),
    (e: Error) => e.message,
  );
  return error;
}

/** What the pages see of a session cookie: the signed-in username, or null. */
async function pageSession(server: TestServer, cookie: string): Promise<string | null> {
  const res = await fetch(`${server.url}/api/auth/session`, { headers: { cookie } });
  const body = (await res.json()) as { user?: { username: string } };
  return body.user?.username ?? null;
}

describe("ending sessions with the admin command", () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  it("disable closes the user's open sockets within 5 s, refuses sign-in, the old cookie and new handshakes", async () => {
    const cookie = await loginOrFail(server.url, "alice");
    const sockets = [watch(await connect(server.url, { cookie })), watch(await connect(server.url, { cookie }))];
    const bob = watch(await connect(server.url, { cookie: await loginOrFail(server.url, "bob") }));

    await admin(server, ["disable", "alice"]);
    const done = Date.now();
    await waitFor(() => sockets.every((s) => s.closed), "alice's sockets to close", REVOCATION_MS);
    assert.ok(Date.now() - done <= REVOCATION_MS);
    assert.ok(sockets.every((s) => s.ended), "each socket was told why (session:ended) before it closed");
    assert.equal(bob.closed, false, "other users keep their sockets");

    assert.equal(await login(server.url, "alice", "alice-password"), null, "a disabled user cannot sign in");
    assert.equal(await refusal(server, cookie), "unauthorized");
    assert.equal(await pageSession(server, cookie), null);
    const page = await fetch(`${server.url}/chat`, { headers: { cookie }, redirect: "manual" });
    assert.match(page.headers.get("location") ?? "", /\/login$/, "the chat page sends the old cookie to sign in");

    await admin(server, ["enable", "alice"]);
    assert.equal(await refusal(server, cookie), "unauthorized", "enabling does not revive old sessions");
    const fresh = await loginOrFail(server.url, "alice");
    assert.equal(await pageSession(server, fresh), "alice");
    bob.socket.close();
  });

  it("reset-password ends the sessions signed in with the old password", async () => {
    const cookie = await loginOrFail(server.url, "carol");
    const socket = watch(await connect(server.url, { cookie }));
    assert.equal(await pageSession(server, cookie), "carol");

    await admin(server, ["reset-password", "carol", "--password-stdin"], "a-new-password-for-carol\n");
    await waitFor(() => socket.closed, "carol's socket to close", REVOCATION_MS);
    assert.equal(socket.ended, true);
    assert.equal(await refusal(server, cookie), "unauthorized");
    assert.equal(await pageSession(server, cookie), null);
    assert.equal(await login(server.url, "carol", "carol-password"), null, "the old password is refused");
    assert.ok(await login(server.url, "carol", "a-new-password-for-carol"), "the new one works");
  });

  it("add creates a user who can sign in, with a generated password printed once; list shows it", async () => {
    const out = await admin(server, ["add", "Dora", "--name", "Dora <b>the</b> Explorer"]);
    const password = /^password: (\S+)$/m.exec(out)?.[1];
    assert.ok(password && password.length >= 16, out);
    assert.ok(await login(server.url, "dora", password));
    const listed = await admin(server, ["list"]);
    assert.match(listed, /^dora\tDora <b>the<\/b> Explorer\tactive$/m);
    assert.doesNotMatch(listed, new RegExp(password), "list never shows passwords");
  });

  it("refuses bad input with a message and a non-zero exit, changing nothing", async () => {
    const bad = await runAdmin(server, ["add", "no spaces allowed"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /usernames are 1 to 32/);
    const missing = await runAdmin(server, ["disable", "nobody"]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /there is no user nobody/);
    const taken = await runAdmin(server, ["add", "bob"]);
    assert.match(taken.stderr, /taken/);
    const short = await runAdmin(server, ["reset-password", "bob", "--password-stdin"], "short\n");
    assert.equal(short.code, 2);
    assert.ok(await login(server.url, "bob", "bob-password"), "bob's password is unchanged");
  });
});
