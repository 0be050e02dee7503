import { ensureRoom } from "@/lib/data/rooms";
import { ensureUser } from "@/lib/data/users";
import { disconnectDb } from "@/lib/db";
import { env } from "@/lib/env";
import { defaultSeedUsers, parseSeedUsers } from "@/lib/seed-users";

// Idempotent: existing rooms and users are left exactly as they are.
const users = parseSeedUsers(env.seedUsers ?? defaultSeedUsers);
const roomCreated = await ensureRoom({ slug: "lobby", name: "Lobby" });
console.log(`room lobby: ${roomCreated ? "created" : "exists"}`);
for (const user of users) {
  const created = await ensureUser(user);
  console.log(`user ${user.username}: ${created ? "created" : "exists"}`);
}
await disconnectDb();
