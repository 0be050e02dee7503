import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { jsonBytes, jsonStringBytes } from "@/lib/server/messages/wire-bytes";
import { DebtBuckets } from "@/lib/server/rate-limit/byte-bucket";

describe("jsonBytes: the UTF-8 size of a value's JSON, without building it", () => {
  const samples: unknown[] = [
    "",
    'quote " and backslash \\',
    "\u0001".repeat(4000),
    "\b\t\n\f\r\u000b\u001f\u007f",
    "é 漢 😀",
    "lone \ud800 and \udc00 surrogates, a pair \ud83d\ude00",
    { id: 1, text: "x", nested: { list: [1, -2.5e-7, null, true, false, "s"] }, skipped: undefined },
    [undefined, () => 1, {}],
    [],
    {},
    1e21,
    NaN,
  ];
  for (const [i, sample] of samples.entries()) {
    it(`counts sample ${i} as Buffer.byteLength(JSON.stringify(...)) does`, () => {
      assert.equal(jsonBytes(sample), Buffer.byteLength(JSON.stringify(sample)));
    });
  }

  it("a text of 4,000 × U+0001 is about 24 KB on the wire", () => {
    assert.equal(jsonStringBytes("\u0001".repeat(4000)), 24_002);
  });
});

describe("DebtBuckets: byte buckets that go into debt", () => {
  it("lets requests through until the bucket is in debt, then answers the wait until it is repaid", () => {
    const buckets = new DebtBuckets(1, 10); // 1 byte per ms, burst 10
    assert.equal(buckets.take(7, 6, 0), 0);
    assert.equal(buckets.take(7, 6, 0), 0, "4 left: not in debt, so it passes and goes to -2");
    assert.equal(buckets.take(7, 6, 0), 2, "in debt by 2 bytes: 2 ms");
    assert.equal(buckets.take(7, 6, 2), 0, "repaid");
    assert.equal(buckets.take(8, 6, 0), 0, "another key has its own bucket");
  });

  it("adjusts a reservation to what was served, refunds included, never above the burst", () => {
    const buckets = new DebtBuckets(1, 10);
    assert.equal(buckets.take(1, 10, 0), 0);
    buckets.adjust(1, 20, 0); // served 30 in all
    assert.equal(buckets.take(1, 1, 0), 20, "30 served from 10: in debt by 20");
    buckets.adjust(1, -100, 0);
    assert.equal(buckets.sweep(0), 0, "refunded to full (10, not 80): forgotten");
  });
});
