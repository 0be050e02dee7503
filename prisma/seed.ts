import { ensureRoom } from "@/lib/server/rooms/rooms";
import { ensureUser } from "@/lib/server/users/users";
import { disconnectDb } from "@/lib/server/db/database";
import { env } from "@/lib/server/env";
import { defaultSeedUsers, parseSeedUsers } from "@/lib/server/users/seed-users";

// Idempotent: existing rooms and users are left exactly as they are.
const users = parseSeedUsers(env.seedUsers ?? defaultSeedUsers);
try {
  const roomCreated = await ensureRoom({ slug: "lobby", name: "Lobby" });
  console.log(`room lobby: ${roomCreated ? "created" : "exists"}`);
  for (const user of users) {
    const created = await ensureUser(user);
    console.log(`user ${user.username}: ${created ? "created" : "exists"}`);
  }
} finally {
  await disconnectDb();
}
