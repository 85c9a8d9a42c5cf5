import { expect, type Locator, type Page } from "@playwright/test";
import { DATABASE_NAME } from "../src/persistence/db.ts";

/** A graph node by kind and contract id (`data-node-kind`, `data-node-id`). */
export function node(page: Page, kind: "user" | "client" | "grant" | "token", id?: string): Locator {
  const base = `[data-node-kind="${kind}"]`;
  return page.locator(id === undefined ? base : `${base}[data-node-id="${id.replace(/(["\\])/g, "\\$1")}"]`);
}

export function inspector(page: Page): Locator {
  return page.getByRole("complementary", { name: /^Inspector/ });
}

export function apiConsole(page: Page): Locator {
  return page.getByRole("complementary", { name: "API console" });
}

export function graphCanvas(page: Page): Locator {
  return page.locator(".graph-canvas");
}

/** Opens the app on a fresh browser profile and waits until the workspace is open. */
export async function start(page: Page): Promise<void> {
  await page.goto("/");
  await expect(page.getByRole("button", { name: "Create session" })).toBeVisible();
}

async function ids(locator: Locator): Promise<string[]> {
  return locator.evaluateAll((els) => els.map((e) => e.getAttribute("data-node-id") ?? ""));
}

/** Waits for exactly one new node of `kind` and returns its contract id. */
async function newNodeId(page: Page, kind: "grant" | "token", before: string[]): Promise<string> {
  const all = node(page, kind);
  await expect(all).toHaveCount(before.length + 1);
  const after = await ids(all);
  const added = after.filter((id) => !before.includes(id));
  expect(added).toHaveLength(1);
  return added[0];
}

/** "Create session" with the console's defaults (diana at client_1); returns the session id. */
export async function createSession(page: Page): Promise<string> {
  const before = await ids(node(page, "grant"));
  await page.getByRole("button", { name: "Create session" }).click();
  return newNodeId(page, "grant", before);
}

/** Selects `from` (a grant or token node) and mints a token of `type` from it in the inspector; returns the new value. */
export async function mintFrom(page: Page, from: Locator, type: string): Promise<string> {
  await from.click();
  const panel = inspector(page);
  await panel.getByLabel("Token type").selectOption(type);
  const before = await ids(node(page, "token"));
  await panel.getByRole("button", { name: "Mint token" }).click();
  return newNodeId(page, "token", before);
}

/** Session, code, and an access, refresh and ID token minted from the code, then one use of the code. */
export async function codeFlow(page: Page): Promise<{ sessionId: string; code: string; at: string; rt: string; idt: string }> {
  const sessionId = await createSession(page);
  const code = await mintFrom(page, node(page, "grant", sessionId), "authorization_code");
  const at = await mintFrom(page, node(page, "token", code), "access_token");
  const rt = await mintFrom(page, node(page, "token", code), "refresh_token");
  const idt = await mintFrom(page, node(page, "token", code), "id_token");
  await node(page, "token", code).click();
  await inspector(page).getByRole("button", { name: "Register usage" }).click();
  await expect(node(page, "token", code)).toHaveAttribute("data-status", "used");
  return { sessionId, code, at, rt, idt };
}

/** Presses Tab until the focused element matches `predicate` (at most `max` times). */
export async function tabUntil(page: Page, description: string, predicate: (el: Element) => boolean, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(`(${predicate.toString()})(document.activeElement)`)) return;
  }
  throw new Error(`Tab never reached ${description}`);
}

/** Every graph node as "kind id status", sorted: the state as the page draws it (once laid out, with no wave animating). */
export async function drawn(page: Page): Promise<string[]> {
  await expect(page.locator(".graph-canvas")).toHaveAttribute("data-animating", "false");
  // Laid out too: until then nodes can still move (after a reload, to the laid-out places and the
  // saved viewport), and a click whose press and release land on different elements is a pane click.
  await expect(page.locator(".graph-canvas")).toHaveAttribute("data-layout", "done");
  const rows = await page.locator("[data-node-kind]").evaluateAll((els) =>
    els.map((e) => `${e.getAttribute("data-node-kind")} ${e.getAttribute("data-node-id")} ${e.getAttribute("data-status")}`),
  );
  return rows.sort();
}

/** The timeline's "Now: after step n of n". */
export function steps(page: Page, n: number): Locator {
  return page.getByText(`Now: after step ${n} of ${n}`, { exact: true });
}

/** Opens the app, loads a guided scenario from the gallery, closes its explanation and goes to its last step. */
export async function scenarioAtNow(page: Page, title: string): Promise<void> {
  await start(page);
  await page.getByRole("button", { name: "Scenarios" }).click();
  await page.getByRole("dialog", { name: "Guided scenarios" }).getByRole("article", { name: title }).getByRole("button", { name: "Load scenario" }).click();
  await page.getByRole("button", { name: "Close explanation" }).click();
  await page.getByRole("button", { name: "Back to now" }).click();
  await expect(page.locator(".wb-viewing")).toHaveCount(0);
}

/** The react-flow id of a graph node (what the view state stores as the selection). */
export async function flowId(locator: Locator): Promise<string> {
  const id = await locator.evaluate((el) => el.closest(".react-flow__node")?.getAttribute("data-id") ?? null);
  if (!id) throw new Error("not a graph node");
  return id;
}

/**
 * Reads the page's IndexedDB: per workspace, its stored journal length and selected node. The read
 * is a readwrite transaction over the tables written, so a write this origin has already begun
 * finishes first (IndexedDB runs overlapping transactions in the order they were created).
 */
export async function stored(page: Page): Promise<{ workspaceId: string; journal: number; selected: string | null }[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      const tx = db.transaction(["workspaces", "journal", "views"], "readwrite");
      const all = <T,>(request: IDBRequest<T>) => new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const [ids, keys, views] = await Promise.all([
        all(tx.objectStore("workspaces").getAllKeys()),
        all(tx.objectStore("journal").getAllKeys()),
        all(tx.objectStore("views").getAll()) as Promise<{ workspaceId: string; view?: { selectedNodeId?: string | null } }[]>,
      ]);
      return ids.map((id) => ({
        workspaceId: String(id),
        journal: keys.filter((k) => Array.isArray(k) && k[0] === id).length,
        selected: views.find((v) => v.workspaceId === id)?.view?.selectedNodeId ?? null,
      }));
    } finally {
      db.close();
    }
  }, DATABASE_NAME);
}

/** Waits until the view state stored in IndexedDB selects `locator`'s node (it is saved 400 ms after it changes). */
export async function selectionStored(page: Page, locator: Locator): Promise<void> {
  const id = await flowId(locator);
  await expect.poll(async () => (await stored(page)).map((w) => w.selected)).toContain(id);
}

// Screenshots of the main states. Tests write them to an ignored folder; `npm run screenshots`
// (SCREENSHOTS=update) writes them over the tracked ones the README shows, in e2e/screenshots/.
const SCREENSHOT_DIR = process.env.SCREENSHOTS === "update" ? "e2e/screenshots" : "test-results/screenshots";

/** Saves a screenshot of the page as `<name>.png` (see SCREENSHOT_DIR). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` });
}
