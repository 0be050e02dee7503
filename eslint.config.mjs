import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

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
  {
    // Browser code: keeps zod and NextAuth's client out of the page bundles (docs/benchmarks.md).
    files: ["components/**", "lib/browser/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "zod", message: "Validation runs on the server; zod is 35 KB gzipped in the browser." },
            { name: "next-auth/react", message: "Use @/lib/browser/auth/auth-client." },
            { name: "@/lib/shared/protocol", allowTypeImports: true, message: "Runtime values come from @/lib/shared/protocol/limits (zod-free)." },
          ],
          patterns: [{ group: ["@/lib/shared/protocol/schemas", "@/lib/shared/protocol/models"], allowTypeImports: true, message: "Types only in browser code." }],
        },
      ],
    },
  },
  { files: ["lib/server/env.ts", "prisma.config.ts", "test/**", "e2e/**", "playwright.config.ts", "playwright.cluster.config.ts", "bench/**", "scripts/**"], rules: { "no-restricted-properties": "off" } },
];

export default config;
