import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
// localhost, not 127.0.0.1: NEXTAUTH_URL is http://localhost:<port> and the socket handshake checks the Origin.
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "e2e",
  // Needs two nodes behind nginx: run by playwright.cluster.config.ts.
  testIgnore: ["cluster.spec.ts"],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // Generous: CI machines have 2 cores, and two browser contexts plus the server share them.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          // Debian's chromium package; Playwright's own browsers cannot be downloaded here.
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    // The production build must exist (`npm run build`); the script gives the server a fresh database.
    command: "node --import tsx e2e/start-server.ts",
    url: `${baseURL}/api/auth/csrf`,
    env: { E2E_PORT: String(port) },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
