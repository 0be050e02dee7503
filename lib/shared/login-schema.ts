import "@/lib/shared/zod-setup";
import { z } from "zod";

// What the sign-in form posts; NextAuth's authorize() parses it before touching the database.
export const loginSchema = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(1024),
});

export type LoginInput = z.infer<typeof loginSchema>;
