import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import pg from "pg";
import { CatalogTextClient } from "../../prisma/cli-adapters";

// prisma/cli-adapters.ts: the Prisma CLI's pg pool reports catalog types (name, "char", ...) as
// text, which the pg adapter can deserialize (prisma/prisma#27403), in every form pg answers in.

const url = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const SQL = "SELECT typname, typtype, ARRAY[typname] AS names, 1::int AS one FROM pg_type WHERE typname = 'int4'";
const typesOf = (result: pg.QueryResult) => result.fields.map((field) => field.dataTypeID);
// text, text, text[], int4: name, "char" and name[] reported as text, other types as they are.
const EXPECTED = [25, 25, 1009, 23];

describe("the Prisma CLI's pg client", () => {
  const pool = new pg.Pool({ connectionString: url, allowExitOnIdle: true, Client: CatalogTextClient });
  after(() => pool.end());

  it("reports catalog types as text to promise queries, as the pg adapter makes them", async () => {
    const result = await pool.query({ text: SQL, rowMode: "array" });
    assert.deepEqual(typesOf(result), EXPECTED);
    assert.deepEqual(result.rows[0], ["int4", "b", "{int4}", 1]);
  });

  it("and to callback queries, and to each result of a script, in a transaction's client too", async () => {
    const client = await pool.connect();
    try {
      const viaCallback = await new Promise<pg.QueryResult>((resolve, reject) => {
        client.query(SQL, [], (error: Error | null, result: pg.QueryResult) => (error ? reject(error) : resolve(result)));
      });
      assert.deepEqual(typesOf(viaCallback), EXPECTED);
      const script = (await client.query(`BEGIN; ${SQL}; COMMIT`)) as unknown as pg.QueryResult[];
      assert.deepEqual(typesOf(script[1]!), EXPECTED);
    } finally {
      client.release();
    }
  });

  it("is needed: pg alone reports the catalog's own types", async () => {
    const plain = new pg.Client({ connectionString: url });
    await plain.connect();
    try {
      assert.deepEqual(typesOf(await plain.query(SQL)), [19, 18, 1003, 23]);
    } finally {
      await plain.end();
    }
  });
});
