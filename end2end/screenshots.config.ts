import base from "./playwright.config";
import { defineConfig } from "@playwright/test";

// Not a test suite: `scripts/screenshots` runs this to refresh the README's
// pictures in docs/screenshots/ against the demo workspace.
export default defineConfig({ ...base, testDir: "./screenshots" });
