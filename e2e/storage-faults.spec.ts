import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { createSession, drawn, inspector, mintFrom, node, start, steps } from "./helpers.ts";

// Storage that fails: no IndexedDB at all, a full quota or an aborted transaction in the middle of
// work, and the database deleted by another tab. The page says what happened, shows only what is
// stored, and goes on working.

declare global {
  interface Window {
    __faults: { kind: "quota" | "abort" | null; after: number; journalAdds: number };
  }
}

/**
 * Wraps `IDBObjectStore.prototype.add` (Dexie appends journal entries with `add`) so that, once
 * armed, the journal add after `after` more successful ones fails: `quota` throws the browser's
 * QuotaExceededError, `abort` aborts the transaction after the request is made.
 */
function injectFaults() {
  const add = IDBObjectStore.prototype.add;
  window.__faults = { kind: null, after: 0, journalAdds: 0 };
  IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore["add"]>) {
    const f = window.__faults;
    if (this.name === "journal") {
      f.journalAdds++;
      if (f.kind !== null && f.after-- <= 0) {
        const kind = f.kind;
        f.kind = null;
        if (kind === "quota") throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
        const request = add.apply(this, args);
        this.transaction.abort();
        return request;
      }
    }
    return add.apply(this, args);
  };
}

async function exportedSeqs(page: Page): Promise<number[]> {
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export", exact: true }).click();
  return (JSON.parse(readFileSync((await (await download).path())!, "utf8")).journal as { seq: number }[]).map((e) => e.seq);
}

const MEMORY_BANNER = /Storage is memory-only: nothing is saved in this browser\./;

test("without IndexedDB the playground works in memory and says that nothing is saved", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "indexedDB", { configurable: true, get: () => undefined });
  });
  await start(page);
  await expect(page.getByText(MEMORY_BANNER)).toBeVisible();
  await expect(page.getByText(MEMORY_BANNER)).toContainText("no IndexedDB");
  const sid = await createSession(page);
  const code = await mintFrom(page, node(page, "grant", sid), "authorization_code");
  await expect(node(page, "token", code)).toHaveAttribute("data-status", "active");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(node(page, "token")).toHaveCount(0);
  // Export still works, so the work can be kept as a file.
  expect(await exportedSeqs(page)).toEqual([1]);
  // Nothing was saved: a reload starts empty, and says so again.
  await page.reload();
  await expect(page.getByText(MEMORY_BANNER)).toBeVisible();
  await expect(node(page, "grant")).toHaveCount(0);
});

test("when the browser refuses IndexedDB (private mode), the banner gives the reason", async ({ page }) => {
  await page.addInitScript(() => {
    IDBFactory.prototype.open = function () {
      throw new DOMException("The user denied permission to access the database.", "SecurityError");
    };
  });
  await start(page);
  await expect(page.getByText(MEMORY_BANNER)).toContainText("does not let the playground use IndexedDB");
  await createSession(page);
  await expect(node(page, "grant")).toHaveCount(1);
});

for (const kind of ["quota", "abort"] as const) {
  test(`a ${kind === "quota" ? "full quota" : "transaction abort"} during work is reported, the page shows what is stored, and work goes on`, async ({ page }) => {
    await page.addInitScript(injectFaults);
    await start(page);
    const sid = await createSession(page);
    const code = await mintFrom(page, node(page, "grant", sid), "authorization_code");
    await expect(steps(page, 2)).toBeVisible();

    // Two more writes succeed, the third fails.
    await page.evaluate((kind) => Object.assign(window.__faults, { kind, after: 2 }), kind);
    const at = await mintFrom(page, node(page, "token", code), "access_token");
    await mintFrom(page, node(page, "token", code), "refresh_token");
    await expect(steps(page, 4)).toBeVisible();
    const stored = await drawn(page);

    await node(page, "token", at).click();
    await inspector(page).getByRole("button", { name: "Revoke token" }).click();
    const alert = page.getByRole("alert").filter({ hasText: kind === "quota" ? "quota_exceeded" : "transaction_aborted" });
    await expect(alert.first()).toContainText(kind === "quota" ? "storage quota for this site is full" : "Saving was interrupted");
    // The refused change is not shown as done: the token is still active, the journal still has 4 entries.
    await expect(node(page, "token", at)).toHaveAttribute("data-status", "active");
    await expect(steps(page, 4)).toBeVisible();
    expect(await drawn(page)).toEqual(stored);

    // What is shown is what is stored.
    await page.reload();
    await expect(steps(page, 4)).toBeVisible();
    expect(await drawn(page)).toEqual(stored);

    // Going on: the same change now succeeds, once.
    await node(page, "token", at).click();
    await inspector(page).getByRole("button", { name: "Revoke token" }).click();
    await expect(node(page, "token", at)).toHaveAttribute("data-status", "revoked");
    await expect(steps(page, 5)).toBeVisible();
    await page.reload();
    await expect(steps(page, 5)).toBeVisible();
    await expect(node(page, "token", at)).toHaveAttribute("data-status", "revoked");
    expect(await exportedSeqs(page)).toEqual([1, 2, 3, 4, 5]);
  });
}

test("a database deleted by another tab gives a clear message, no crash, and saving works again", async ({ page, context }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await start(page);
  await createSession(page);
  await expect(steps(page, 1)).toBeVisible();

  const other = await context.newPage();
  await other.goto("/favicon.svg"); // same origin, without the app
  const deleted = await other.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const request = indexedDB.deleteDatabase("oidc-session-playground");
        request.onsuccess = () => resolve("deleted");
        request.onerror = () => resolve(`error: ${request.error}`);
      }),
  );
  expect(deleted).toBe("deleted");
  // Said at once, before anything else is tried.
  await expect(page.getByRole("alert").first()).toContainText("deleted in another tab");
  await expect(page.getByRole("alert").first()).toContainText("not saved anymore");

  await page.getByRole("button", { name: "Create session" }).click();
  const alert = page.getByRole("alert").first();
  await expect(alert).toContainText("deleted in another tab");
  await expect(alert).toContainText("not saved");
  await expect(steps(page, 1)).toBeVisible();

  // The page still answers: a new workspace saves again, and survives a reload.
  await page.getByRole("button", { name: "New workspace" }).click();
  await expect(node(page, "grant")).toHaveCount(0);
  await expect(steps(page, 0)).toBeVisible();
  const sid = await createSession(page);
  await page.reload();
  await expect(node(page, "grant", sid)).toBeVisible();
  expect(errors).toEqual([]);
});
