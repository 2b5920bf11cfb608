import next from "eslint-config-next";
import tseslint from "typescript-eslint";

const config = [
  { ignores: [".next/**", "node_modules/**", "dist/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "bench/data/**"] },
  ...next,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // lib/ is the framework-free core: it runs in workers and in Node too.
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["react", "react-dom", "next", "next/*", "zustand", "@/components/*"] }],
    },
  },
];

export default config;
