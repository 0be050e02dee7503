import { addressGroup } from "@/lib/server/auth/address-group";
import { verifyCredentials } from "@/lib/server/users/users";
import type { LoginInput } from "@/lib/shared/login-schema";
import { assertMayTryLogin, recordLoginFailure, recordLoginSuccess } from "@/lib/server/auth/login-throttle";

/**
 * Checks a sign-in under the throttle: a throttled attempt throws before the password is even
 * hashed (NextAuth hands the error's message to the sign-in form); a wrong one counts. Addresses
 * are counted by group: an IPv6 /64 is one address.
 */
export async function authorizeLogin(input: LoginInput, address: string) {
  const group = addressGroup(address);
  await assertMayTryLogin(input.username, group);
  const user = await verifyCredentials(input);
  if (!user) {
    await recordLoginFailure(input.username, group);
    return null;
  }
  await recordLoginSuccess(user, group);
  return { id: String(user.id), username: user.username, name: user.name };
}
