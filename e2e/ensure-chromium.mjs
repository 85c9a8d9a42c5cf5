// Finds the Chromium the end-to-end tests run in, in this order: the binary named by
// PLAYWRIGHT_CHROMIUM_PATH, the system's Chromium (Debian's /usr/bin/chromium, or `chromium` on
// the PATH), then Playwright's own download. playwright.config.ts uses `findChromium()`.
// Run as a script (`npm test` does, before Playwright), it installs Playwright's Chromium when
// none is found, and when that fails too it stops with one message naming both ways.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

const SYSTEM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
const SYSTEM_NAMES = ["chromium", "chromium-browser"];

/**
 * @typedef {{ source: "env" | "system" | "playwright", path: string }} Found
 * @typedef {{ env?: Record<string, string | undefined>, exists?: (path: string) => boolean, playwrightPath?: () => string | undefined }} Where
 */

/** Playwright's own Chromium, where `npx playwright install chromium` puts it. */
async function playwrightChromiumPath() {
  try {
    const { chromium } = await import("@playwright/test");
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/**
 * The Chromium to use, or null when there is none.
 * @param {Where} [where]
 * @returns {Promise<Found | null | { source: "env-missing", path: string }>}
 */
export async function findChromium(where = {}) {
  const env = where.env ?? process.env;
  const exists = where.exists ?? existsSync;
  const named = env.PLAYWRIGHT_CHROMIUM_PATH;
  if (named) return exists(named) ? { source: "env", path: named } : { source: "env-missing", path: named };
  const onPath = (env.PATH ?? "").split(delimiter).filter(Boolean).flatMap((dir) => SYSTEM_NAMES.map((name) => join(dir, name)));
  for (const path of [...SYSTEM_PATHS, ...onPath]) if (exists(path)) return { source: "system", path };
  const own = where.playwrightPath ? where.playwrightPath() : await playwrightChromiumPath();
  if (own && exists(own)) return { source: "playwright", path: own };
  return null;
}

export const HOW_TO_GET_CHROMIUM =
  "The end-to-end tests need Chromium. Either install your system's Chromium (on Debian or Ubuntu: `sudo apt-get install chromium`) " +
  "or name a Chromium binary in PLAYWRIGHT_CHROMIUM_PATH, or let Playwright download its own with `npx playwright install chromium` " +
  "(needs network access to Playwright's download host).";

/**
 * Makes sure a Chromium is there: finds one, or installs Playwright's. Returns the exit code.
 * @param {Where & { install?: () => number | null }} [where]
 */
export async function ensureChromium(where = {}) {
  const found = await findChromium(where);
  if (found && found.source === "env-missing") {
    console.error(`PLAYWRIGHT_CHROMIUM_PATH names ${found.path}, which does not exist.\n${HOW_TO_GET_CHROMIUM}`);
    return 1;
  }
  if (found) return 0;
  console.error("No Chromium found (PLAYWRIGHT_CHROMIUM_PATH is not set, and there is no system Chromium): running `npx playwright install chromium`.");
  const install = where.install ?? (() => spawnSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit", shell: process.platform === "win32" }).status);
  const status = install();
  if (status === 0 && (await findChromium(where))) return 0;
  console.error(`\nCould not install Playwright's Chromium either.\n${HOW_TO_GET_CHROMIUM}`);
  return 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = await ensureChromium();
