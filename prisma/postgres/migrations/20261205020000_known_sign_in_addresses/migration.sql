-- CreateTable
CREATE TABLE "KnownSignInAddress" (
    "userId" INTEGER NOT NULL,
    "address" TEXT NOT NULL,
    "lastSignInAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KnownSignInAddress_pkey" PRIMARY KEY ("userId","address")
);

-- CreateIndex
CREATE INDEX "KnownSignInAddress_lastSignInAt_idx" ON "KnownSignInAddress"("lastSignInAt");

-- AddForeignKey
ALTER TABLE "KnownSignInAddress" ADD CONSTRAINT "KnownSignInAddress_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
