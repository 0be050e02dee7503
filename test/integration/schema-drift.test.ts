import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { copyTemplate, freshPostgres, testDatabase } from "../helpers/template-db";

const prisma = path.join(process.cwd(), "node_modules", ".bin", "prisma");
const schemaFile = testDatabase === "postgres" ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma";

describe(`the ${testDatabase} migrations build exactly the ${schemaFile} schema`, () => {
  const dir = mkdtempSync(path.join(tmpdir(), "chat-drift-"));
  const drops: (() => Promise<void>)[] = [];
  after(async () => {
    for (const drop of drops) await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a database migrated by `prisma migrate deploy` has no difference from the schema", async () => {
    // The template database was built by the real `prisma migrate deploy`.
    const db = testDatabase === "postgres" ? await freshPostgres() : { url: `file:${copyTemplate(dir)}`, drop: async () => {} };
    drops.push(db.drop);
    const env = { ...process.env, DATABASE_URL: db.url };
    const pulled = execFileSync(prisma, ["db", "pull", "--print"], { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    const pulledFile = path.join(dir, "pulled.prisma");
    // The CLI's own lines come first; the schema starts at its first block.
    writeFileSync(pulledFile, pulled.slice(pulled.search(/^(generator|datasource) /m)));
    const diff = spawnSync(
      prisma,
      ["migrate", "diff", "--from-schema-datamodel", pulledFile, "--to-schema-datamodel", schemaFile, "--script", "--exit-code"],
      { env, encoding: "utf8" },
    );
    // --exit-code: 0 when identical, 2 when the migrations and the schema differ.
    assert.equal(diff.status, 0, `the migrations and ${schemaFile} differ; the SQL that would reconcile them:\n${diff.stdout}${diff.stderr}`);
  });
});
