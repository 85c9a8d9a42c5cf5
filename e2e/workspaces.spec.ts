import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { Workspace } from "../src/ops/index.ts";
import { largeSnapshot } from "../src/persistence/test-fixtures.ts";
import { codeFlow, createSession, node, screenshot, start, steps } from "./helpers.ts";

test("workspaces: new, rename, switch, and delete only after confirming", async ({ page }) => {
  await start(page);
  await createSession(page);
  const picker = page.getByLabel("Workspace", { exact: true });
  await page.getByRole("button", { name: "New workspace" }).click();
  await expect(node(page, "grant")).toHaveCount(0);
  await page.getByRole("button", { name: "Rename workspace" }).click();
  await page.getByLabel("New name").fill("Logout experiment");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(picker.locator("option:checked")).toHaveText(/^Logout experiment/);

  await picker.selectOption({ label: "My workspace (1 step)" });
  await expect(node(page, "grant")).toHaveCount(1);

  await picker.selectOption({ label: "Logout experiment (0 steps)" });
  await page.getByRole("button", { name: "Delete workspace" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete workspace “Logout experiment”?" });
  await expect(dialog).toBeVisible();
  await screenshot(page, "delete-confirmation");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(picker.locator("option")).toHaveCount(2);
  await page.getByRole("button", { name: "Delete workspace" }).click();
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(picker.locator("option")).toHaveCount(1);
  await expect(node(page, "grant")).toHaveCount(1);
});

test("Export writes a state file that Import opens as a new workspace with the same state", async ({ page }) => {
  await start(page);
  const { code, at } = await codeFlow(page);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.oidc-session\.json$/);
  const text = readFileSync((await file.path())!, "utf8");
  expect(JSON.parse(text)).toMatchObject({ format: "oidc-session-playground", version: 1 });

  // While it imports, the page says so (recorded as it appears: a small file is done in a moment).
  await page.evaluate(() => {
    const w = window as unknown as { __said: string[] };
    w.__said = [];
    new MutationObserver(() => {
      for (const e of document.querySelectorAll('[role="status"]')) if (e.textContent?.startsWith("Importing")) w.__said.push(e.textContent);
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Import" }).click();
  await (await chooser).setFiles({ name: file.suggestedFilename(), mimeType: "application/json", buffer: Buffer.from(text) });
  await expect(page.getByLabel("Workspace", { exact: true }).locator("option")).toHaveCount(2);
  await expect(node(page, "token", code)).toHaveAttribute("data-status", "used");
  await expect(node(page, "token", at)).toHaveAttribute("data-status", "active");
  expect(await page.evaluate(() => (window as unknown as { __said: string[] }).__said[0])).toMatch(/^Importing the state file \(\d+ KB\)…$/);
  await expect(page.getByRole("status").filter({ hasText: "Importing" })).toHaveCount(0);
});

test("Export of a large imported state, after a reload, is byte for byte the file imported (copied from IndexedDB's Blobs)", async ({ page }) => {
  // Over 1 MB, so the export is compact and assembled from what IndexedDB holds: the import's
  // journal Blob and the idle snapshot's Blob, both read back after the reload.
  const workspace = new Workspace({ name: "Large import", seed: "e2e-large", start_time: 1_700_000_000 });
  workspace.apply({ op: "importState", args: { source: "e2e", snapshot: largeSnapshot(4000) } });
  for (let i = 0; i < 5; i++) workspace.apply({ op: "advanceClock", args: { seconds: 60 } });
  const withoutDate = (text: string) => text.replace(/"exported_at":"[^"]*"/, '"exported_at":""');
  const text = workspace.toStateFile();
  expect(text.length).toBeGreaterThan(1024 * 1024);

  await start(page);
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Import" }).click();
  await (await chooser).setFiles({ name: "large.oidc-session.json", mimeType: "application/json", buffer: Buffer.from(text) });
  await expect(steps(page, 6)).toBeVisible();
  const snapshots = () =>
    page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const request = indexedDB.open("oidc-session-playground");
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const count = request.result.transaction("snapshots").objectStore("snapshots").count();
            count.onsuccess = () => {
              resolve(count.result);
              request.result.close();
            };
          };
        }),
    );
  await expect.poll(snapshots, { timeout: 15_000 }).toBeGreaterThan(0);
  await page.reload();
  await expect(steps(page, 6)).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const exported = readFileSync((await (await download).path())!, "utf8");
  expect(exported.length).toBe(text.length);
  expect(withoutDate(exported) === withoutDate(text)).toBe(true);
});

test("a damaged state file is refused with the problem and its path, and nothing changes", async ({ page }) => {
  await start(page);
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Import" }).click();
  await (await chooser).setFiles({ name: "broken.oidc-session.json", mimeType: "application/json", buffer: Buffer.from('{"format": "oidc-session-playground", "version": 1, "journal": [') });
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("invalid_state_file");
  await expect(alert).toContainText("line 1");
  await expect(page.getByLabel("Workspace", { exact: true }).locator("option")).toHaveCount(1);
});

test("a Python session dump opens as a workspace with its tokens and revocations", async ({ page }) => {
  await start(page);
  const dump = readFileSync(new URL("../src/interop/fixtures/idpy-oidc-revoked.json", import.meta.url));
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Import" }).click();
  await (await chooser).setFiles({ name: "idpy-oidc-revoked.json", mimeType: "application/json", buffer: dump });
  await expect(page.getByRole("status").filter({ hasText: "session dump" })).toContainText("idpy-oidc");
  await expect(node(page, "token").first()).toBeVisible();
  await expect(page.locator('[data-node-kind="token"][data-status="revoked"]').first()).toBeVisible();
  await screenshot(page, "python-dump");
});

test("Share link carries the workspace in the URL fragment and opens it elsewhere", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await start(page);
  const { code } = await codeFlow(page);
  await page.getByRole("button", { name: "Share link" }).click();
  const link = await page.getByLabel("Shareable link to this workspace").inputValue();
  expect(link).toMatch(/#state=/);

  const other = await context.browser()!.newContext();
  const second = await other.newPage();
  await second.goto(link);
  // The link asks before it creates anything.
  await second.getByRole("dialog", { name: "Open the shared workspace?" }).getByRole("button", { name: "Open as new workspace" }).click();
  await expect(node(second, "token", code)).toHaveAttribute("data-status", "used");
  await expect(second.getByRole("status").filter({ hasText: "share link" })).toBeVisible();
  // The fragment is dropped once imported, so a reload does not import it twice.
  await expect.poll(() => new URL(second.url()).hash).toBe("");
  await other.close();
});
