import { tmpdir } from "node:os";
import { defineConfig } from "@playwright/test";

// Browser tests run in Debian's Chromium (Playwright cannot download browsers here)
// against the release server, which Playwright starts and stops itself.
const port = process.env.AURA_E2E_PORT ?? "3100";
const baseURL = `http://127.0.0.1:${port}`;
// The mock Google (OAuth and Google Ads API) and X (OAuth and API v2) the server
// connects to in these tests.
const mockPort = process.env.AURA_E2E_MOCK_PORT ?? "3901";
const mock = `http://127.0.0.1:${mockPort}`;

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: "./test-results",
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
      ],
    },
  },
  webServer: [
    {
      command: "node mock-platforms.mjs",
      url: `${mock}/healthz`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: { AURA_E2E_MOCK_PORT: mockPort },
    },
    {
      command: process.env.AURA_SERVER_BIN ?? "../target/release/server",
      cwd: "..",
      url: `${baseURL}/readyz`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        AURA_ADDR: `127.0.0.1:${port}`,
        AURA_ENV: "development",
        // The whole suite signs in from one address, far more often than a person
        // would; the per-address limit has its own test (server/tests/api/security.rs).
        AURA_AUTH_BURST: "1000",
        RUST_LOG: "warn",
        // Google Ads and GA4 are configured against the mock; Shopify and Meta are
        // left unconfigured, so the page shows both states.
        AURA_GOOGLE_CLIENT_ID: "aura-e2e.apps.googleusercontent.com",
        AURA_GOOGLE_CLIENT_SECRET: "e2e-secret",
        AURA_GOOGLE_ADS_DEVELOPER_TOKEN: "e2e-developer-token",
        AURA_GOOGLE_AUTH_URL: `${mock}/google/auth`,
        AURA_GOOGLE_TOKEN_URL: `${mock}/google/token`,
        AURA_GOOGLE_ADS_API_URL: `${mock}/googleads/v18`,
        // X (connect and publish) too; the other social platforms stay unconfigured.
        AURA_X_CLIENT_ID: "aura-e2e-x",
        AURA_X_CLIENT_SECRET: "e2e-x-secret",
        AURA_X_AUTH_URL: `${mock}/x/i/oauth2/authorize`,
        AURA_X_API_URL: `${mock}/x`,
        // "Draft with AI" against the mock's OpenAI-compatible model server.
        AURA_AI_BASE_URL: `${mock}/openai/v1`,
        AURA_AI_MODEL: "mock-llama",
        // Meta's webhooks into the inbox, signed with this app secret.
        AURA_META_APP_SECRET: "e2e-meta-app-secret",
        AURA_META_WEBHOOK_VERIFY_TOKEN: "e2e-verify",
        // Uploaded files of these runs stay out of the project's data directory.
        AURA_MEDIA_DIR: process.env.AURA_MEDIA_DIR ?? `${tmpdir()}/aura-e2e-media`,
      },
    },
  ],
});
