-- CreateTable
CREATE TABLE "SearchCursor" (
    "roomId" INTEGER NOT NULL PRIMARY KEY,
    "seq" INTEGER NOT NULL DEFAULT 0,
    "rev" INTEGER NOT NULL DEFAULT 0
);

-- The search index (lib/server/search/), outside Prisma's models (prisma.config.ts lists these
-- as external tables). Contentless: the text lives in Message, rowid = Message.id.
-- Words: segmented text (lib/server/search/segment-text.ts), folded case and diacritics.
CREATE VIRTUAL TABLE "MessageWords" USING fts5(text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
-- Trigrams: substrings of 3 characters or more, inside long tokens and unspaced scripts.
CREATE VIRTUAL TABLE "MessageTrigrams" USING fts5(text, content='', contentless_delete=1, tokenize='trigram remove_diacritics 1');
