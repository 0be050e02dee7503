import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { rawRequest } from "../helpers/raw-http";
import { startServer, type TestServer } from "../helpers/server";

// fetch cannot send `*` or an absolute-form target: these requests are written on a TCP socket.

describe("request targets other than a path", () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  it("answers OPTIONS * about the server as a whole: 204, Allow, no body (RFC 9110 §9.3.7)", async () => {
    for (let i = 0; i < 3; i++) {
      const res = await rawRequest(server.port, "OPTIONS * HTTP/1.1\r\nHost: localhost");
      assert.equal(res.status, 204);
      assert.deepEqual(res.headers.get("allow")?.split(/,\s*/).sort(), ["GET", "HEAD", "OPTIONS", "POST"]);
      assert.equal(res.headers.get("x-content-type-options"), "nosniff");
      assert.equal(res.body, "");
    }
  });

  it("refuses * with another method, and absolute-form targets, with 400 (not a 500, not a redirect)", async () => {
    const absolute = `http://localhost:${server.port}`;
    for (const line of ["GET *", "POST *", `GET ${absolute}/login`, `OPTIONS ${absolute}/`, `GET ${absolute}/socket.io/?EIO=4&transport=polling`]) {
      const res = await rawRequest(server.port, `${line} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0`);
      assert.equal(res.status, 400, line);
      assert.equal((JSON.parse(res.body) as { error: { code: string } }).error.code, "invalid", line);
    }
  });

  it("refuses a WebSocket upgrade to * with 400, once Next listens for upgrades too", async () => {
    // Next adds its upgrade listener on its first request.
    assert.equal((await fetch(`${server.url}/login`)).status, 200);
    const upgrade = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13";
    for (const target of ["*", `http://localhost:${server.port}/socket.io/?EIO=4&transport=websocket`]) {
      const res = await rawRequest(server.port, `GET ${target} HTTP/1.1\r\nHost: localhost\r\n${upgrade}`);
      assert.equal(res.status, 400, target);
    }
  });

  it("still serves paths, and logged no error or stack trace for any of the above", async () => {
    assert.equal((await fetch(`${server.url}/api/health`)).status, 200);
    const lines = server.output().split("\n");
    assert.deepEqual(lines.filter((l) => /Invalid URL|Error|^\s+at /.test(l)).slice(0, 5), []);
  });
});
