// The PostgreSQL schema is generated from prisma/schema.prisma (the SQLite schema, the one to
// edit): same models, PostgreSQL provider, its own client.
export function postgresSchema(sqlite: string): string {
  const replaced = sqlite
    .replace(/^\/\/ SQLite schema.*$/m, "// GENERATED from prisma/schema.prisma by scripts/postgres-schema.ts: edit that file, then run `npm run db:schema`.")
    .replace('output       = "../lib/generated/sqlite"', 'output       = "../../lib/generated/postgres"')
    .replace('provider = "sqlite"', 'provider = "postgresql"');
  if (replaced.includes('"sqlite"') || !replaced.includes("lib/generated/postgres")) {
    throw new Error("prisma/schema.prisma no longer has the shape scripts/postgres-schema.ts expects");
  }
  return replaced;
}
