import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  { ignores: [".next/**", "node_modules/**", "lib/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "bench/results/**"] },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      // Environment is read in lib/env.ts only.
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Import env from @/lib/env." }],
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  { files: ["lib/env.ts", "prisma.config.ts", "test/**", "e2e/**", "playwright.config.ts", "playwright.cluster.config.ts", "bench/**", "scripts/**"], rules: { "no-restricted-properties": "off" } },
];

export default config;
