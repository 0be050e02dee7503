import { reader, writeTransaction } from "@/lib/server/db/database";
import { storedDate } from "@/lib/server/db/dates";
import { jsonList } from "@/lib/server/db/json-rows";
import { prepare } from "@/lib/server/db/prepared";
import { SESSION_MAX_AGE_S } from "@/lib/server/auth/session-codec";

// Browser sessions that signed out, by their JWT `sid`. Every node refuses them at the handshake
// and closes their sockets in its sweep, so a sign-out counts everywhere even when the adapter's
// message is lost (Redis away). A JWT cannot outlive its lifetime: older rows are pruned.

/** Ids per query, as for the session sweep's other reads (lib/server/users/session-users.ts). */
const CHUNK = 2_000;

// Every handshake asks: prepared once (lib/server/db/prepared.ts).
const selectEnded = prepare((db, v: { ids: string }) => db.selectFrom("EndedSession").select("id").where("id", "in", jsonList<string>(v.ids, "text")));

export async function recordEndedSession(input: { sessionId: string }): Promise<void> {
  await writeTransaction((tx) =>
    tx
      .insertInto("EndedSession")
      .values({ id: input.sessionId, endedAt: storedDate() })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute(),
  );
}

/** Of `sessionIds`, those that ended: one statement per CHUNK ids, each chunk one JSON parameter. */
export async function listEndedSessions(input: { sessionIds: string[] }): Promise<Set<string>> {
  const ended = new Set<string>();
  if (input.sessionIds.length === 0) return ended;
  const db = await reader();
  for (let i = 0; i < input.sessionIds.length; i += CHUNK) {
    const rows = await selectEnded(db, { ids: JSON.stringify(input.sessionIds.slice(i, i + CHUNK)) });
    for (const row of rows) ended.add(row.id);
  }
  return ended;
}

export async function isSessionEnded(input: { sessionId: string }): Promise<boolean> {
  return (await listEndedSessions({ sessionIds: [input.sessionId] })).size > 0;
}

/** Forgets sessions ended longer ago than any JWT lives. */
export async function pruneEndedSessions(now = Date.now()): Promise<number> {
  const before = storedDate(new Date(now - SESSION_MAX_AGE_S * 1000));
  const result = await writeTransaction((tx) => tx.deleteFrom("EndedSession").where("endedAt", "<", before).executeTakeFirst());
  return Number(result.numDeletedRows);
}
