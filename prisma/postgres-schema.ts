// The PostgreSQL schema is generated from prisma/schema.prisma (the SQLite schema, the one to
// edit): same models, PostgreSQL provider. It has no generator: the app's Kysely types are made
// once, from the SQLite schema, and serve both providers (their tables and columns are the same).
export function postgresSchema(sqlite: string): string {
  const replaced =
    "// GENERATED from prisma/schema.prisma by scripts/postgres-schema.ts: edit that file, then run `npm run db:schema`.\n\n" +
    sqlite
      .replace(/^\/\/ SQLite schema.*\n/m, "")
      .replace(/^(\/\/.*\n)*generator kysely \{[^}]*\}\n\n/m, "")
      .replace('provider = "sqlite"', 'provider = "postgresql"');
  if (replaced.includes('"sqlite"') || replaced.includes("kysely")) {
    throw new Error("prisma/schema.prisma no longer has the shape scripts/postgres-schema.ts expects");
  }
  return replaced;
}
