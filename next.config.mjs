/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Pages and API responses get their security headers from proxy.ts, which skips build output.
  async headers() {
    return [{ source: "/_next/static/:path*", headers: [{ key: "X-Content-Type-Options", value: "nosniff" }] }];
  },
  // Native packages are loaded by Node at run time, not bundled; so is Kysely, whose instances
  // server.ts and Next's routes share (lib/server/db/database.ts).
  serverExternalPackages: [
    "kysely",
    "better-sqlite3",
    "pg",
    "argon2",
    "pino",
    "prom-client",
    "rate-limiter-flexible",
  ],
};

export default nextConfig;
