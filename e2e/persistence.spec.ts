import { expect, test } from "@playwright/test";
import { codeFlow, node, selectionStored, start } from "./helpers.ts";

test("a reload reopens the workspace as it was: state, journal and selection", async ({ page }) => {
  await start(page);
  const { code, at } = await codeFlow(page);
  await node(page, "token", at).click();
  await expect(page.getByText("Storage is memory-only")).toHaveCount(0);
  // The view state (selection) is saved 400 ms after it last changed: reload once it is stored.
  await selectionStored(page, node(page, "token", at));
  await page.reload();
  await expect(node(page, "token", code)).toHaveAttribute("data-status", "used");
  await expect(node(page, "token", at)).toHaveAttribute("data-status", "active");
  await expect(page.getByText("Now: after step 6 of 6")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Inspector: Token" })).toBeVisible();
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(node(page, "token", code)).toHaveAttribute("data-status", "active");
});
