import argon2 from "argon2";

// argon2id at OWASP's first recommended configuration (Password Storage Cheat Sheet: m = 19 MiB,
// t = 2, p = 1). The library's defaults (64 MiB, t = 3, p = 4) took 0.4 to 0.9 s per sign-in on a
// busy 2-core machine, most of the time between the click and a working chat (docs/benchmarks.md);
// these take 0.1 to 0.15 s and stay at the OWASP floor. Do not lower them.
const PARAMS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, PARAMS);
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2.verify(hash, password).catch(() => false);
}

/** The hash was made with other parameters (older defaults): re-hash at the next sign-in. */
export function hashIsOutdated(hash: string): boolean {
  try {
    return argon2.needsRehash(hash, PARAMS);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the time a real check would, so response time does not reveal unknown usernames. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("not-a-real-password");
  await verifyPassword(await dummyHash, password);
}
