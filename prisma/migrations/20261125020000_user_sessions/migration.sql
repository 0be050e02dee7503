-- AlterTable (ADD COLUMN rather than Prisma's table rebuild: no copy of the users, no foreign-key juggling)
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "User" ADD COLUMN "disabledAt" DATETIME;
