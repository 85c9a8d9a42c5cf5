import { expect, test } from "@playwright/test";
import { node, start, tabUntil } from "./helpers.ts";

const isButton = (name: string) => new Function("el", `return el && el.tagName === "BUTTON" && el.textContent.trim() === ${JSON.stringify(name)};`) as (el: Element) => boolean;
const isNode = (kind: string) => new Function("el", `return el && el.getAttribute("data-node-kind") === ${JSON.stringify(kind)};`) as (el: Element) => boolean;

test("keyboard only: create a session, mint a code, select it and revoke it", async ({ page }) => {
  await start(page);
  await page.locator("body").focus();

  await tabUntil(page, "Create session", isButton("Create session"));
  await page.keyboard.press("Enter");
  await expect(node(page, "grant")).toHaveCount(1);

  // Into the graph: focus the grant node and select it with Enter.
  await tabUntil(page, "the grant node", isNode("grant"));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Inspector: Grant" })).toBeVisible();
  // The selected node offers a way to the inspector without tabbing through every node.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Go to inspector" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Inspector: Grant" })).toBeFocused();
  await tabUntil(page, "Mint token", isButton("Mint token"));
  await page.keyboard.press("Enter");
  await expect(node(page, "token")).toHaveCount(1);
  await expect(node(page, "token")).toHaveAttribute("data-status", "active");

  // Back to the graph, select the code, and revoke it from the inspector.
  await page.getByRole("heading", { name: "Inspector: Grant" }).focus();
  await page.keyboard.press("Shift+Tab");
  await tabUntil(page, "the token node", isNode("token"), 200);
  await page.keyboard.press("Space");
  await expect(page.getByRole("heading", { name: "Inspector: Token" })).toBeVisible();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await tabUntil(page, "Revoke token", isButton("Revoke token"));
  await page.keyboard.press("Enter");
  await expect(node(page, "token")).toHaveAttribute("data-status", "revoked");

  // Undo from the keyboard shortcut (focus is not in a text field).
  await page.keyboard.press("Control+z");
  await expect(node(page, "token")).toHaveAttribute("data-status", "active");
  await page.keyboard.press("Control+Shift+z");
  await expect(node(page, "token")).toHaveAttribute("data-status", "revoked");
});
