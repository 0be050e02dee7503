import { sql } from "kysely";
import type { Tx } from "@/lib/server/db/database";
import { jsonIds, jsonTable } from "@/lib/server/db/json-rows";
import { env } from "@/lib/server/env";
import { indexedWords } from "@/lib/server/search/segment-text";

// The index rows of messages, written by the indexer (indexer.ts) only. Every write replaces a
// message's rows whole (delete, then insert the current text), so writing a message twice, from
// two nodes or after a retry, leaves the same rows as writing it once.

export interface IndexedMessage {
  id: number;
  roomId: number;
  text: string;
}

type Row = { id: number; roomId: number; words: string; text: string };
const COLUMNS = { id: "integer", roomId: "integer", words: "text", text: "text" } as const;

/** Removes the index rows of `ids`, then indexes `messages` (the ones still to be found). */
export async function replaceIndexRows(tx: Tx, input: { ids: readonly number[]; messages: readonly IndexedMessage[] }): Promise<void> {
  const rows: Row[] = input.messages.map((m) => ({ id: m.id, roomId: m.roomId, words: indexedWords(m.text), text: m.text }));
  const json = JSON.stringify(rows);
  if (env.databaseProvider === "postgresql") return replacePostgres(tx, input.ids, json);
  await sql`DELETE FROM "MessageWords" WHERE rowid IN ${jsonIds(input.ids)}`.execute(tx);
  await sql`DELETE FROM "MessageTrigrams" WHERE rowid IN ${jsonIds(input.ids)}`.execute(tx);
  if (rows.length === 0) return;
  const table = jsonTable<Row, "r">(json, COLUMNS, "r");
  await sql`INSERT INTO "MessageWords" (rowid, text) SELECT r.id, r.words FROM ${table}`.execute(tx);
  await sql`INSERT INTO "MessageTrigrams" (rowid, text) SELECT r.id, r.text FROM ${table}`.execute(tx);
}

async function replacePostgres(tx: Tx, ids: readonly number[], json: string): Promise<void> {
  await sql`DELETE FROM "MessageSearch" WHERE "messageId" IN ${jsonIds(ids)}`.execute(tx);
  const table = jsonTable<Row, "r">(json, COLUMNS, "r");
  // Folded (search_fold: lower case, no accents) before both the tsvector and the trigrams.
  await sql`INSERT INTO "MessageSearch" ("messageId", "roomId", "words", "body")
    SELECT r.id, r."roomId", to_tsvector('simple', search_fold(r.words)), search_fold(r.text) FROM ${table}`.execute(tx);
}
