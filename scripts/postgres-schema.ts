// prisma/postgres/schema.prisma is generated from prisma/schema.prisma (the SQLite schema, the one
// to edit): same models, PostgreSQL provider, its own client. `--check` fails when they drift.
// Usage: node --import tsx scripts/postgres-schema.ts [--check]
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { postgresSchema } from "../prisma/postgres-schema";

const root = process.cwd();
const source = path.join(root, "prisma", "schema.prisma");
const target = path.join(root, "prisma", "postgres", "schema.prisma");

const expected = postgresSchema(readFileSync(source, "utf8"));
if (process.argv.includes("--check")) {
  const actual = readFileSync(target, "utf8");
  if (actual !== expected) {
    console.error("prisma/postgres/schema.prisma is out of date: run `npm run db:schema` and add a PostgreSQL migration");
    process.exit(1);
  }
  console.log("prisma/postgres/schema.prisma matches prisma/schema.prisma");
} else {
  writeFileSync(target, expected);
  console.log(`wrote ${path.relative(root, target)}`);
}
