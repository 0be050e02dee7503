import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { postgresSchema } from "../../prisma/postgres-schema";

const migrations = (dir: string) => readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

describe("the PostgreSQL schema stays in step with SQLite's", () => {
  it("is exactly what scripts/postgres-schema.ts generates from prisma/schema.prisma", () => {
    const expected = postgresSchema(readFileSync("prisma/schema.prisma", "utf8"));
    assert.equal(readFileSync("prisma/postgres/schema.prisma", "utf8"), expected, "run `npm run db:schema`");
  });

  it("has a migration for every SQLite migration, under the same name", () => {
    assert.deepEqual(migrations("prisma/postgres/migrations"), migrations("prisma/migrations"));
  });
});
