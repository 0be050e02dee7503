import { verifyCredentials } from "@/lib/data/users";
import type { LoginInput } from "@/lib/login-schema";
import { assertMayTryLogin, recordLoginFailure, recordLoginSuccess } from "@/lib/login/login-throttle";

/**
 * Checks a sign-in under the throttle: a throttled attempt throws before the password is even
 * hashed (NextAuth hands the error's message to the sign-in form); a wrong one counts.
 */
export async function authorizeLogin(input: LoginInput, address: string) {
  assertMayTryLogin(input.username, address);
  const user = await verifyCredentials(input);
  if (!user) {
    recordLoginFailure(input.username, address);
    return null;
  }
  recordLoginSuccess(input.username, address);
  return { id: String(user.id), username: user.username, name: user.name };
}
