import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { originAllowed } from "@/lib/server/realtime/handshake-origin";

const allowed = ["http://localhost:3000", "https://chat.example.com"];

describe("handshake Origin", () => {
  it("passes no header, one allowed origin, or allowed origins listed more than once", () => {
    for (const header of [
      undefined,
      "http://localhost:3000",
      "http://localhost:3000, http://localhost:3000",
      "http://localhost:3000,https://chat.example.com",
      "http://localhost:3000 https://chat.example.com",
    ]) {
      assert.equal(originAllowed(header, allowed), true, String(header));
    }
  });

  it("refuses a list with any foreign, empty or garbled entry", () => {
    for (const header of [
      "",
      " ",
      "null",
      "https://evil.example",
      "http://localhost:3000, https://evil.example",
      "http://localhost:3000,,http://localhost:3000",
      "http://localhost:3000,",
      "http://localhost:3000/",
      "HTTP://LOCALHOST:3000",
    ]) {
      assert.equal(originAllowed(header, allowed), false, JSON.stringify(header));
    }
  });
});
