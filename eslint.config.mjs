import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const SOCKET_MODULE = "lib/browser/connection/socket.ts";
const AUTH_MODULE = "lib/browser/auth/auth-client.ts";

/** The imports browser code may not make, less `allowed` (for the one module that wraps it). */
function browserImports(allowed) {
  const paths = [
    { name: "zod", message: "Validation runs on the server; zod is 35 KB gzipped in the browser." },
    { name: "socket.io-client", message: `Use @/${SOCKET_MODULE.replace(/\.ts$/, "")}.` },
    { name: "next-auth/react", message: `Use @/${AUTH_MODULE.replace(/\.ts$/, "")}.` },
    { name: "@/lib/shared/protocol", allowTypeImports: true, message: "Runtime values come from @/lib/shared/protocol/limits (zod-free)." },
  ];
  return {
    paths: paths.filter((p) => p.name !== allowed),
    patterns: [{ group: ["@/lib/shared/protocol/schemas", "@/lib/shared/protocol/models"], allowTypeImports: true, message: "Types only in browser code." }],
  };
}

const config = [
  { ignores: [".next/**", "node_modules/**", "lib/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "bench/results/**"] },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      // Environment is read in lib/server/env.ts only.
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Import env from @/lib/server/env." }],
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  // Browser code: keeps zod out of the page bundles (docs/benchmarks.md); socket.io-client and
  // NextAuth's client are each reached through one module of ours.
  { files: ["components/**", "lib/browser/**"], rules: { "@typescript-eslint/no-restricted-imports": ["error", browserImports()] } },
  { files: [SOCKET_MODULE], rules: { "@typescript-eslint/no-restricted-imports": ["error", browserImports("socket.io-client")] } },
  { files: [AUTH_MODULE], rules: { "@typescript-eslint/no-restricted-imports": ["error", browserImports("next-auth/react")] } },
  { files: ["lib/server/env.ts", "prisma.config.ts", "test/**", "e2e/**", "playwright.config.ts", "playwright.cluster.config.ts", "bench/**", "scripts/**"], rules: { "no-restricted-properties": "off" } },
];

export default config;
