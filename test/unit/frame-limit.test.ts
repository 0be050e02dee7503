import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { MAX_FRAME_BYTES } from "@/lib/shared/protocol/limits";

// The frame limit is stated in prose and in nginx's configuration as well as in code; these
// tests fail when a statement drifts from MAX_FRAME_BYTES (they once said 128 KiB for 64).

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), "utf8");

/** Every size stated on the lines that talk about frames: "N KiB", "N bytes" (N of 1,024 or more). */
function frameSizes(text: string): { line: string; bytes: number }[] {
  const sizes: { line: string; bytes: number }[] = [];
  for (const line of text.split("\n").filter((l) => /frame/i.test(l))) {
    for (const [, n] of line.matchAll(/(\d+(?:[  ,]\d{3})*)\s*KiB/g)) sizes.push({ line, bytes: Number(n!.replace(/\D/g, "")) * 1024 });
    for (const [, n] of line.matchAll(/(\d+(?:[  ,]\d{3})*)\s*bytes/g)) {
      const bytes = Number(n!.replace(/\D/g, ""));
      if (bytes >= 1024) sizes.push({ line, bytes });
    }
  }
  return sizes;
}

/** nginx sizes: a bare number of bytes, or with k/m. */
function nginxBytes(size: string): number {
  const match = /^(\d+)([kKmM]?)$/.exec(size);
  assert.ok(match, `nginx size ${size}`);
  const unit = { "": 1, k: 1024, m: 1024 * 1024 }[match[2]!.toLowerCase() as "" | "k" | "m"];
  return Number(match[1]) * unit;
}

describe("one frame limit", () => {
  it("is 64 KiB, and every document that states it states that number", () => {
    assert.equal(MAX_FRAME_BYTES, 65_536);
    for (const file of ["docs/protocol.md", "docs/security.md", "docs/architecture.md", "deploy/nginx-chat.conf"]) {
      const sizes = frameSizes(read(file));
      assert.ok(sizes.length > 0, `${file} states the frame limit`);
      for (const { line, bytes } of sizes) assert.equal(bytes, MAX_FRAME_BYTES, `${file}: ${line.trim()}`);
    }
  });

  it("is nginx's client_max_body_size, so a polling POST nginx lets through is one the server takes", () => {
    const directives = [...read("deploy/nginx-chat.conf").matchAll(/^\s*client_max_body_size\s+(\S+);/gm)];
    assert.equal(directives.length, 1);
    assert.equal(nginxBytes(directives[0]![1]!), MAX_FRAME_BYTES);
  });
});
