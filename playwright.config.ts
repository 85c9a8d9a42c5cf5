import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, devices } from "@playwright/test";
import { findChromium } from "./e2e/ensure-chromium.mjs";

// End-to-end tests run against the built app (vite build + vite preview) in Chromium: the one
// PLAYWRIGHT_CHROMIUM_PATH names, else the system's (Debian's /usr/bin/chromium), else Playwright's
// own download, which `npm test` installs when there is no other (e2e/ensure-chromium.mjs).
const chromium = await findChromium();
const PORT = Number(process.env.E2E_PORT ?? 4173);
// A build directory of its own (not dist/), so a build running elsewhere cannot change the files under test.
const OUT_DIR = join(tmpdir(), `oidc-session-playground-e2e-${PORT}`);

export const chromiumLaunchOptions = {
  // undefined: Playwright's own Chromium.
  executablePath: chromium && chromium.source !== "playwright" ? chromium.path : undefined,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
};

export default defineConfig({
  testDir: "./e2e",
  testIgnore: ["**/bench/**", "**/fixtures/**"],
  outputDir: "./test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1440, height: 900 },
    trace: "retain-on-failure",
    launchOptions: chromiumLaunchOptions,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 }, launchOptions: chromiumLaunchOptions } }],
  webServer: {
    command: `npx vite build --outDir "${OUT_DIR}" --emptyOutDir && npx vite preview --outDir "${OUT_DIR}" --host 127.0.0.1 --port ${PORT} --strictPort`,
    // The app's root, also when a config elsewhere (the benchmark's) reuses this one.
    cwd: dirname(fileURLToPath(import.meta.url)),
    url: `http://127.0.0.1:${PORT}`,
    // Never test whatever else answers on the port (another checkout's build); set E2E_PORT to run beside one.
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
