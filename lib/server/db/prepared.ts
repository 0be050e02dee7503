import type { Compilable, CompiledQuery } from "kysely";
import type { Db } from "@/lib/server/db/database";

// Queries on hot paths (a handshake, a history page, a group commit) are built and compiled once
// and bound per call: building and compiling through Kysely's builder took more CPU and garbage
// than SQLite spent running the query (docs/benchmarks.md, "One data path"). Kysely has no
// placeholders of its own, so the query is built once with a stand-in for each value, objects no
// real value can be, and each call puts its own values where the stand-ins landed. The SQL text
// depends only on the provider, which is the process's, so the first connection's compile serves
// every later one, a transaction's (a Kysely too) included.

const KEY = Symbol("prepared value");
type StandIn = { readonly [KEY]: string };

const isStandIn = (value: unknown): value is StandIn => typeof value === "object" && value !== null && KEY in value;

/**
 * A query whose values come from `values` at each call. `build` may only place the values it is
 * given (not compute with them): it runs once, with stand-ins. Returns the query's rows.
 */
export function prepare<V extends Record<string, unknown>, R>(build: (db: Db, values: V) => Compilable<R>): (db: Db, values: V) => Promise<R[]> {
  let template: CompiledQuery<R> | undefined;
  return async (db, values) => {
    template ??= compileTemplate(db, build);
    const parameters = template.parameters.map((p) => (isStandIn(p) ? values[p[KEY]] : p));
    return (await db.executeQuery<R>({ ...template, parameters })).rows;
  };
}

function compileTemplate<V extends Record<string, unknown>, R>(db: Db, build: (db: Db, values: V) => Compilable<R>): CompiledQuery<R> {
  const used = new Map<string, StandIn>();
  const standIns = new Proxy({} as V, {
    get(_, key) {
      if (typeof key !== "string") return undefined;
      let standIn = used.get(key);
      if (!standIn) used.set(key, (standIn = Object.freeze({ [KEY]: key })));
      return standIn;
    },
  });
  const template = build(db, standIns).compile();
  // A value that was computed with (spread, stringified, compared) instead of placed would be
  // frozen into the statement: refuse the query rather than bind a constant by mistake.
  for (const [key, standIn] of used) {
    if (!template.parameters.includes(standIn)) throw new Error(`prepared query: value "${key}" was not placed as a parameter`);
  }
  return template;
}
