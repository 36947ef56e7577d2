import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".next-*/**", "node_modules/**", "data/**", "cache/**", "test-results/**", "playwright-report/**", "tests/.tmp/**", "eval-out/**", "next-env.d.ts"],
  },
  {
    // lib/ is the product, free of UI frameworks: React and Next stay in app/ and components/.
    files: ["lib/**/*.{ts,tsx,mts}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["react", "react-dom", "react/*", "next", "next/*"], message: "lib/ must not import React or Next." },
            { group: ["@/components/*", "@/app/*", "**/components/*", "**/app/*"], message: "lib/ must not import components/ or app/." },
          ],
        },
      ],
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
];

export default config;
