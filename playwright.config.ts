import { defineConfig } from "@playwright/test";
import fs from "node:fs";
import { E2E_PORTS } from "./tests/support/ports";

// Debian's Chromium by default; CHROMIUM_PATH names another; otherwise Playwright's own browser.
const chromiumPath = process.env.CHROMIUM_PATH || (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

// A build folder and data folders of the tests' own; E2E_DIST_DIR and E2E_PORT_OFFSET let two runs coexist.
const distDir = process.env.E2E_DIST_DIR || ".next-e2e";
const offset = Number(process.env.E2E_PORT_OFFSET || 0);

const serverEnv = (name: string, port: number, extra: Record<string, string> = {}) => ({
  NEXT_DIST_DIR: distDir,
  NEXT_TELEMETRY_DISABLED: "1",
  PORT: String(port),
  HOST: "127.0.0.1",
  DATA_DIR: `tests/.tmp/e2e-${name}-${offset}`,
  OPENAI_API_KEY: "",
  OPENAI_BASE_URL: "",
  ACCESS_TOKEN: "",
  ...extra,
});

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: /.*\.spec\.ts/,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? "list" : [["list"]],
  use: {
    headless: true,
    trace: "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "offline", testMatch: /.*\.offline\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${E2E_PORTS.offline}` } },
    { name: "llm", testMatch: /.*\.llm\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${E2E_PORTS.llm}` } },
  ],
  webServer: [
    {
      command: `npx tsx tests/support/fake-llm-server.ts --port ${E2E_PORTS.fakeLlm}`,
      url: `http://127.0.0.1:${E2E_PORTS.fakeLlm}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // Builds .next-e2e once when needed; the second app reuses that build.
      command: "node tests/support/e2e-server.mjs",
      url: `http://127.0.0.1:${E2E_PORTS.offline}/api/health`,
      env: serverEnv("offline", E2E_PORTS.offline),
      reuseExistingServer: false,
      timeout: 240_000,
    },
    {
      command: "node tests/support/e2e-server.mjs",
      url: `http://127.0.0.1:${E2E_PORTS.llm}/api/health`,
      env: serverEnv("llm", E2E_PORTS.llm, {
        OPENAI_BASE_URL: `http://127.0.0.1:${E2E_PORTS.fakeLlm}/v1`,
        OPENAI_API_KEY: "sk-test-e2e-secret-never-shown",
        LLM_TIMEOUT_MS: "5000",
        LLM_MAX_RETRIES: "1",
      }),
      reuseExistingServer: false,
      timeout: 240_000,
    },
  ],
});
