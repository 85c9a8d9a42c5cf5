import { defineConfig } from "@playwright/test";
import base, { chromiumLaunchOptions } from "../../playwright.config.ts";

// The graph benchmark (npm run bench:e2e): prints figures, asserts no timings. Not part of test:e2e.
export default defineConfig({
  ...base,
  testDir: ".",
  testMatch: "*.bench.spec.ts",
  testIgnore: [],
  timeout: 300_000,
  use: { ...base.use, launchOptions: chromiumLaunchOptions, trace: "off" },
  projects: [{ name: "chromium-bench", use: { viewport: { width: 1440, height: 900 }, launchOptions: chromiumLaunchOptions } }],
});
