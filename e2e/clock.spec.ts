import { expect, test } from "@playwright/test";
import { createSession, inspector, mintFrom, node, screenshot, start } from "./helpers.ts";

test("advancing the virtual clock expires a code (new workspaces give codes ten minutes)", async ({ page }) => {
  await start(page);
  const sessionId = await createSession(page);
  const code = await mintFrom(page, node(page, "grant", sessionId), "authorization_code");
  const codeNode = node(page, "token", code);
  await expect(codeNode).toHaveAttribute("data-status", "active");
  await expect(codeNode).toContainText("expires in 10m");

  const clock = page.getByRole("group", { name: "Virtual clock" });
  const before = await clock.locator("output").textContent();
  await clock.getByRole("button", { name: "+5 min" }).click();
  await expect(codeNode).toContainText("expires in 5m");
  await clock.getByRole("button", { name: "+5 min" }).click();
  // At exactly expires_at an item is still active.
  await expect(codeNode).toContainText("expires in 0s");
  await expect(codeNode).toHaveAttribute("data-status", "active");
  await clock.getByRole("button", { name: "+1 min" }).click();
  await expect(codeNode).toHaveAttribute("data-status", "expired");
  await expect(codeNode).toContainText("expired 1m ago");
  await expect(clock.locator("output")).not.toHaveText(before!);

  // The expired code can no longer be exchanged.
  await codeNode.click();
  await expect(inspector(page)).toContainText("It expired at");
  await inspector(page).getByLabel("Token type").selectOption("access_token");
  await inspector(page).getByRole("button", { name: "Mint token" }).click();
  await expect(inspector(page).getByRole("alert")).toContainText("token_inactive");
  await screenshot(page, "code-expired");

  // Time moves only through journaled operations, so Undo moves it back.
  await page.getByRole("button", { name: "Undo" }).click(); // the refused mint
  await page.getByRole("button", { name: "Undo" }).click(); // +1 min
  await expect(codeNode).toHaveAttribute("data-status", "active");
});

test("Advance clock moves time by the seconds given, and the core refuses a non-positive step", async ({ page }) => {
  await start(page);
  const sessionId = await createSession(page);
  const code = await mintFrom(page, node(page, "grant", sessionId), "authorization_code");
  const clock = page.getByRole("group", { name: "Virtual clock" });
  await clock.getByLabel("Seconds").fill("601");
  await clock.getByRole("button", { name: "Advance clock" }).click();
  await expect(node(page, "token", code)).toHaveAttribute("data-status", "expired");
  await clock.getByLabel("Seconds").fill("0");
  await clock.getByRole("button", { name: "Advance clock" }).click();
  await expect(clock.getByRole("alert")).toContainText("invalid_argument");
});
