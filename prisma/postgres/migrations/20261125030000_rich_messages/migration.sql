-- AlterTable
ALTER TABLE "Room" ADD COLUMN     "lastRev" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "deletedAt" TIMESTAMP(3),
ADD COLUMN     "editedAt" TIMESTAMP(3),
ADD COLUMN     "replyToSeq" INTEGER,
ADD COLUMN     "rev" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "MessageMention" (
    "roomId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "username" TEXT NOT NULL,

    CONSTRAINT "MessageMention_pkey" PRIMARY KEY ("roomId","seq","username")
);

-- CreateTable
CREATE TABLE "Reaction" (
    "messageId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "emoji" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reaction_pkey" PRIMARY KEY ("messageId","userId","emoji")
);

-- CreateIndex
CREATE INDEX "MessageMention_username_roomId_seq_idx" ON "MessageMention"("username", "roomId", "seq");

-- CreateIndex
CREATE INDEX "Message_roomId_rev_idx" ON "Message"("roomId", "rev");

-- AddForeignKey
ALTER TABLE "MessageMention" ADD CONSTRAINT "MessageMention_roomId_seq_fkey" FOREIGN KEY ("roomId", "seq") REFERENCES "Message"("roomId", "seq") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reaction" ADD CONSTRAINT "Reaction_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reaction" ADD CONSTRAINT "Reaction_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

