-- CreateTable
CREATE TABLE "MessageMention" (
    "roomId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "username" TEXT NOT NULL,

    PRIMARY KEY ("roomId", "seq", "username"),
    CONSTRAINT "MessageMention_roomId_seq_fkey" FOREIGN KEY ("roomId", "seq") REFERENCES "Message" ("roomId", "seq") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Reaction" (
    "messageId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "emoji" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("messageId", "userId", "emoji"),
    CONSTRAINT "Reaction_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Reaction_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (columns added in place: no copy of the message table)
ALTER TABLE "Room" ADD COLUMN "lastRev" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Message" ADD COLUMN "rev" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Message" ADD COLUMN "editedAt" DATETIME;
ALTER TABLE "Message" ADD COLUMN "deletedAt" DATETIME;
ALTER TABLE "Message" ADD COLUMN "replyToSeq" INTEGER;

-- CreateIndex
CREATE INDEX "Message_roomId_rev_idx" ON "Message"("roomId", "rev");

-- CreateIndex
CREATE INDEX "MessageMention_username_roomId_seq_idx" ON "MessageMention"("username", "roomId", "seq");

