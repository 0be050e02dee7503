import { readRows, writeTransaction } from "@/lib/server/db/db";
import { text } from "@/lib/server/db/sql-cells";
import { SqlParams } from "@/lib/server/db/sql-params";
import { SESSION_MAX_AGE_S } from "@/lib/server/auth/session-codec";

// Browser sessions that signed out, by their JWT `sid`. Every node refuses them at the handshake
// and closes their sockets in its sweep, so a sign-out counts everywhere even when the adapter's
// message is lost (Redis away). A JWT cannot outlive its lifetime: older rows are pruned.

/** Ids per query, as for the session sweep's other reads (lib/server/users/session-versions.ts). */
const CHUNK = 2_000;

export async function recordEndedSession(input: { sessionId: string }): Promise<void> {
  await writeTransaction((tx) =>
    tx.endedSession.upsert({ where: { id: input.sessionId }, create: { id: input.sessionId }, update: {}, select: { id: true } }),
  );
}

/** Of `sessionIds`, those that ended: one raw statement per CHUNK ids. */
export async function listEndedSessions(input: { sessionIds: string[] }): Promise<Set<string>> {
  const ended = new Set<string>();
  for (let i = 0; i < input.sessionIds.length; i += CHUNK) {
    const p = new SqlParams();
    const json = p.add(JSON.stringify(input.sessionIds.slice(i, i + CHUNK)));
    const ids = p.postgres ? `(SELECT value FROM json_array_elements_text(CAST(${json} AS json)))` : `(SELECT value FROM json_each(${json}))`;
    for (const [id] of await readRows({ sql: `SELECT "id" FROM "EndedSession" WHERE "id" IN ${ids}`, params: p.values })) ended.add(text(id));
  }
  return ended;
}

export async function isSessionEnded(input: { sessionId: string }): Promise<boolean> {
  return (await listEndedSessions({ sessionIds: [input.sessionId] })).size > 0;
}

/** Forgets sessions ended longer ago than any JWT lives. */
export async function pruneEndedSessions(now = Date.now()): Promise<number> {
  const before = new Date(now - SESSION_MAX_AGE_S * 1000);
  return writeTransaction(async (tx) => (await tx.endedSession.deleteMany({ where: { endedAt: { lt: before } } })).count);
}
