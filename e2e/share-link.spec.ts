import { expect, test, type Page } from "@playwright/test";
import { deflateSync, strToU8 } from "fflate";
import { Workspace } from "../src/ops/index.ts";
import { codeFlow, drawn, inspector, node, start } from "./helpers.ts";

// Share links carry a workspace in the URL fragment; opening one asks first and makes a new workspace.

function options(page: Page) {
  return page.getByLabel("Workspace", { exact: true }).locator("option");
}

function askDialog(page: Page) {
  return page.getByRole("dialog", { name: "Open the shared workspace?" });
}

async function shareLink(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Share link" }).click();
  return page.getByLabel("Shareable link to this workspace").inputValue();
}

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

test("a share link opens in another browser after asking, as a new workspace with the same graph", async ({ page, browser }) => {
  await start(page);
  const { at } = await codeFlow(page);
  await node(page, "token", at).click();
  await inspector(page).getByRole("button", { name: "Revoke token" }).click();
  await expect(node(page, "token", at)).toHaveAttribute("data-status", "revoked");
  const original = await drawn(page);
  const link = await shareLink(page);
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#state=[A-Za-z0-9_-]+$/);

  const elsewhere = await browser.newContext();
  const second = await elsewhere.newPage();
  await second.goto(link);
  const dialog = askDialog(second);
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("“My workspace” (7 steps)");
  // Nothing is imported before the answer.
  await expect(options(second)).toHaveCount(1);
  await expect(node(second, "grant")).toHaveCount(0);

  await dialog.getByRole("button", { name: "Open as new workspace" }).click();
  await expect(options(second)).toHaveCount(2);
  await expect(second.getByText("Now: after step 7 of 7", { exact: true })).toBeVisible();
  expect(await drawn(second)).toEqual(original);
  // The fragment is dropped once handled: a reload neither asks nor imports again.
  expect(new URL(second.url()).hash).toBe("");
  await second.reload();
  await expect(second.getByText("Now: after step 7 of 7", { exact: true })).toBeVisible();
  await expect(askDialog(second)).toBeHidden();
  await expect(options(second)).toHaveCount(2);
  await elsewhere.close();
});

test("declining a share link creates nothing", async ({ page }) => {
  await start(page);
  await codeFlow(page);
  const link = await shareLink(page);
  const other = await page.context().newPage();
  await other.goto(link);
  await askDialog(other).getByRole("button", { name: "Cancel" }).click();
  await expect(askDialog(other)).toBeHidden();
  await expect(options(other)).toHaveCount(1);
  expect(new URL(other.url()).hash).toBe("");
  // Accepting the same link in the same browser adds a workspace next to the original, never over it.
  await other.goto(link);
  await askDialog(other).getByRole("button", { name: "Open as new workspace" }).click();
  await expect(options(other)).toHaveCount(2);
  await expect(options(other).nth(1)).toHaveText("My workspace (2) (6 steps)");
});

test("a link pasted into an open tab is offered too", async ({ page }) => {
  await start(page);
  await codeFlow(page);
  const link = await shareLink(page);
  await page.getByRole("button", { name: "New workspace" }).click();
  await expect(node(page, "grant")).toHaveCount(0);
  await page.evaluate((hash) => (location.hash = hash), new URL(link).hash);
  await askDialog(page).getByRole("button", { name: "Open as new workspace" }).click();
  await expect(node(page, "grant")).toHaveCount(1);
  await expect(options(page)).toHaveCount(3);
});

test("a damaged link is refused with the reason, and nothing is created", async ({ page }) => {
  await start(page);
  await codeFlow(page);
  const link = await shareLink(page);
  const fragment = new URL(link).hash;
  const cases: [string, RegExp][] = [
    [`#state=${fragment.slice(7, -40)}`, /damaged|ends too early/],
    ["#state=not*base64!", /damaged: it is not base64url text/],
    [`#state=${base64url(strToU8("plain text, not deflated at all"))}`, /damaged/],
    [`#state=${base64url(deflateSync(strToU8('{"format":"something-else","version":1}')))}`, /not an OIDC Session Playground link/],
  ];
  const other = await page.context().newPage();
  for (const [hash, reason] of cases) {
    await other.goto(`/${hash}`);
    const alert = other.getByRole("alert");
    await expect(alert).toContainText("invalid_state_file");
    await expect(alert).toContainText(reason);
    await expect(askDialog(other)).toBeHidden();
    await expect(options(other)).toHaveCount(1);
    await alert.getByRole("button", { name: "Dismiss" }).click();
  }
});

test("an oversized link and a decompression bomb are refused before anything is built", async ({ page }) => {
  await start(page);
  await page.goto(`/#state=${"A".repeat(70 * 1024)}`);
  await expect(page.getByRole("alert")).toContainText("more than the 64 KB a share link may hold");
  await expect(options(page)).toHaveCount(1);

  // 30 MB of spaces deflate to a few kilobytes; inflating stops at 20 MB.
  const bomb = base64url(deflateSync(new Uint8Array(30 * 1024 * 1024).fill(32), { level: 9 }));
  expect(bomb.length).toBeLessThan(64 * 1024);
  await page.goto(`/#state=${bomb}`);
  await expect(page.getByRole("alert")).toContainText("unpacks to more than 20 MB");
  await expect(options(page)).toHaveCount(1);
});

test("a workspace too large for a link is not offered one: export a file instead", async ({ page }) => {
  // About 3,000 entries with random token values: far more than 64 KB even deflated.
  const ws = new Workspace({ name: "Big", seed: "share-big", start_time: 1_700_000_000 });
  for (let i = 0; i < 600; i++) {
    const e = ws.apply({ op: "createSession", args: { userId: `user${i}`, clientId: "client_1" } });
    const sid = (e as { result: { sessionId: string } }).result.sessionId;
    for (let t = 0; t < 4; t++) ws.apply({ op: "mintToken", args: { sessionId: sid, type: "access_token" } });
  }
  await start(page);
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Import" }).click();
  await (await chooser).setFiles({ name: "big.oidc-session.json", mimeType: "application/json", buffer: Buffer.from(ws.toStateFile()) });
  await expect(page.getByText("Now: after step 3000 of 3000", { exact: true })).toBeVisible({ timeout: 30_000 });
  await page.getByRole("button", { name: "Share link" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("share_link_too_large");
  await expect(alert).toContainText("Export it as a file");
  await expect(page.getByLabel("Shareable link to this workspace")).toHaveCount(0);
});
