// The shape every comparative scenario shares: the same measurement against the baseline relay,
// then against the chat server, each on a fresh server with its own load generator.
import { Load } from "./clients";
import type { RoomSeed } from "./seed";
import { finish, prepare, type Kind, type Target } from "./servers";

export interface Session {
  kind: Kind;
  target: Target;
  load: Load;
  /** Session cookie of bench user i (empty for the baseline, which checks nothing). */
  cookies: string[];
}

/** Starts a server seeded with `users` and `rooms`, runs `body`, then stops everything it started. */
export async function withServer<T>(kind: Kind, users: number, rooms: RoomSeed[], body: (s: Session) => Promise<T>): Promise<T> {
  const { target, cookies } = await prepare(kind, users, rooms);
  const load = new Load(target);
  try {
    return await body({ kind, target, load, cookies });
  } finally {
    await load.close();
    await finish(target);
  }
}

/** Runs one measurement against the baseline, then the app. */
export async function againstBaseline<T>(one: (kind: Kind) => Promise<T>): Promise<{ baseline: T; app: T }> {
  const baseline = await one("baseline");
  const app = await one("app");
  return { baseline, app };
}
