import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { start } from "./helpers.ts";

test("Settings shows where work is saved, the browser's answer to persistent storage, and the workspace's seed", async ({ page }) => {
  await start(page);
  await page.getByRole("button", { name: "Settings" }).click();
  const dialog = page.getByRole("dialog", { name: "Settings" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Saved in this browser (IndexedDB)");
  // What Chromium answered to navigator.storage.persist() when the app started, in words.
  const answered = await page.evaluate(() => navigator.storage.persisted());
  await expect(dialog.getByText(answered ? /^Granted:/ : /^Not granted:/)).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Ask for persistent storage" })).toHaveCount(answered ? 0 : 1);
  await expect(dialog).toContainText(/\d+(\.\d)? [KM]B of the \d+(\.\d)? [KM]B this browser allows this site/);
  await expect(dialog.locator("dt", { hasText: "Workspace seed" })).toBeVisible();

  const results = await new AxeBuilder({ page }).include(".settings-dialog").analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});
