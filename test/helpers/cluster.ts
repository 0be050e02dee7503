import { createClient } from "redis";
import { startServer, type TestServer } from "./server";
import { freshPostgres } from "./template-db";

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export interface TestCluster {
  a: TestServer;
  b: TestServer;
  /** The Redis key prefix of this cluster alone, so test runs never see each other's keys. */
  prefix: string;
  /** Stops both nodes, drops the database and deletes the cluster's Redis keys. */
  stop(): Promise<void>;
}

/** Two server processes on different ports sharing a fresh PostgreSQL database and the machine's Redis. */
export async function startCluster(env: Record<string, string> = {}): Promise<TestCluster> {
  const db = await freshPostgres();
  const prefix = `chat-test-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}:`;
  const nodeEnv = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, ...env };
  const [a, b] = await Promise.all([startServer({ databaseUrl: db.url, env: nodeEnv }), startServer({ databaseUrl: db.url, env: nodeEnv })]);
  return {
    a,
    b,
    prefix,
    async stop() {
      await Promise.all([a.stop(), b.stop()]);
      await db.drop();
      const redis = createClient({ url: TEST_REDIS_URL });
      await redis.connect();
      for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) if (keys.length) await redis.del(keys);
      await redis.close();
    },
  };
}
