/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Pages and API responses get their security headers from proxy.ts, which skips build output.
  async headers() {
    return [{ source: "/_next/static/:path*", headers: [{ key: "X-Content-Type-Options", value: "nosniff" }] }];
  },
  // Native and Wasm-backed packages are loaded by Node at run time, not bundled.
  serverExternalPackages: [
    "@prisma/client",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "better-sqlite3",
    "pg",
    "argon2",
    "pino",
    "prom-client",
    "rate-limiter-flexible",
  ],
};

export default nextConfig;
