-- CreateTable
CREATE TABLE "KnownSignInAddress" (
    "userId" INTEGER NOT NULL,
    "address" TEXT NOT NULL,
    "lastSignInAt" DATETIME NOT NULL,

    PRIMARY KEY ("userId", "address"),
    CONSTRAINT "KnownSignInAddress_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "KnownSignInAddress_lastSignInAt_idx" ON "KnownSignInAddress"("lastSignInAt");
