import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isoDate, isoDateOrNull } from "@/lib/server/db/dates";

// Every text form a DateTime column can hold reads as the same instant (lib/server/db/dates.ts).
describe("stored dates", () => {
  const instant = "2026-12-05T18:04:05.123Z";

  it("reads the forms the app writes, Prisma wrote and the databases produce on their own", () => {
    for (const form of [
      "2026-12-05T18:04:05.123Z",
      "2026-12-05T18:04:05.123+00:00",
      "2026-12-05 18:04:05.123",
      "2026-12-05T19:04:05.123+01:00",
      "2026-12-05 18:04:05.123+00",
    ]) {
      assert.equal(isoDate(form), instant, form);
    }
    assert.equal(isoDate("2026-12-05 18:04:05"), "2026-12-05T18:04:05.000Z", "SQLite's CURRENT_TIMESTAMP, UTC");
    assert.equal(isoDate("2026-12-05 18:04:05.1"), "2026-12-05T18:04:05.100Z", "PostgreSQL drops trailing zeros");
    assert.equal(isoDate("2026-12-05"), "2026-12-05T00:00:00.000Z");
    assert.equal(isoDate(Date.parse(instant)), instant, "epoch milliseconds");
    assert.equal(isoDateOrNull(null), null);
  });

  it("refuses text that is no time rather than inventing one", () => {
    assert.throws(() => isoDate("yesterday"), /expected a timestamp/);
  });
});
