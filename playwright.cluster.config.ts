import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// The end-to-end chat tests again, through nginx in front of two nodes sharing PostgreSQL and
// Redis (e2e/start-cluster.ts, deploy/nginx-chat.conf). Needs nginx, PostgreSQL and Redis.
const port = Number(process.env.E2E_CLUSTER_PORT ?? 3220);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  ...base,
  testIgnore: [],
  testMatch: ["chat.spec.ts", "cluster.spec.ts"],
  outputDir: "test-results/cluster",
  reporter: [["list"]],
  use: { ...base.use, baseURL },
  webServer: {
    command: "node --import tsx e2e/start-cluster.ts",
    url: `${baseURL}/api/ready`,
    env: { E2E_CLUSTER_PORT: String(port) },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
