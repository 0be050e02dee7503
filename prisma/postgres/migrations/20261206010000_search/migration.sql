-- CreateTable
CREATE TABLE "SearchCursor" (
    "roomId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL DEFAULT 0,
    "rev" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SearchCursor_pkey" PRIMARY KEY ("roomId")
);

-- The search index (lib/server/search/), outside Prisma's models (prisma.config.ts lists it as an
-- external table). One row per indexed message, written by the indexer after delivery.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is not IMMUTABLE, so index expressions refuse it: this wrapper names its dictionary
-- and is (STACK-FEATURES.md, "Search").
CREATE OR REPLACE FUNCTION search_fold(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

CREATE TABLE "MessageSearch" (
    "messageId" INTEGER NOT NULL,
    "roomId" INTEGER NOT NULL,
    -- The segmented text (lib/server/search/segment-text.ts) as `simple` lexemes, folded.
    "words" TSVECTOR NOT NULL,
    -- The message text, folded (search_fold), for substrings through trigrams.
    "body" TEXT NOT NULL,

    CONSTRAINT "MessageSearch_pkey" PRIMARY KEY ("messageId"),
    CONSTRAINT "MessageSearch_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE
);
CREATE INDEX "MessageSearch_words_idx" ON "MessageSearch" USING gin ("words");
CREATE INDEX "MessageSearch_body_idx" ON "MessageSearch" USING gin ("body" gin_trgm_ops);
