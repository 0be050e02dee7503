import { z } from "zod";
import { usernameSchema } from "@/lib/shared/protocol/schemas";

export interface SeedUser {
  username: string;
  name: string;
  password: string;
}

const passwordSchema = z.string().min(8, "passwords need at least 8 characters").max(1024);

export const defaultSeedUsers = "alice:alice-password,bob:bob-password";

/** Parses `name:password,...` (a password may itself contain ':'). Throws a readable error. */
export function parseSeedUsers(spec: string): SeedUser[] {
  return spec
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const colon = entry.indexOf(":");
      if (colon < 1) throw new Error(`SEED_USERS entry "${entry.split(":")[0]}" must look like name:password`);
      const username = usernameSchema.parse(entry.slice(0, colon));
      const password = passwordSchema.parse(entry.slice(colon + 1));
      return { username, password, name: username.charAt(0).toUpperCase() + username.slice(1) };
    });
}
