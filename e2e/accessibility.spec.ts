import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { codeFlow, inspector, mintFrom, node, screenshot, start } from "./helpers.ts";

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
}

test("no serious or critical axe violations on the empty workspace", async ({ page }) => {
  await start(page);
  expect(await seriousViolations(page)).toEqual([]);
});

test("no serious or critical axe violations with every status, a warning and an error", async ({ page }) => {
  await start(page);
  const { sessionId, rt } = await codeFlow(page);
  const at2 = await mintFrom(page, node(page, "token", rt), "access_token");
  await node(page, "token", rt).click();
  await inspector(page).getByRole("button", { name: "Revoke token" }).click();
  await expect(node(page, "token", at2)).toHaveAttribute("data-warning", "ancestor_revoked");
  // At a readable zoom this graph is wider than the pane, and the view followed the new token to
  // the right: fit it again (the session outline, with the grant, is at its left) to reach the grant.
  await page.getByRole("button", { name: "Fit View" }).click();
  await node(page, "grant", sessionId).click();
  await inspector(page).getByLabel("Token type").selectOption("authorization_code");
  await inspector(page).getByRole("button", { name: "Mint token" }).click();
  await page.getByRole("button", { name: "+1 h" }).click();
  await node(page, "token", at2).click();
  await inspector(page).getByRole("button", { name: "Register usage" }).click();
  await page.getByRole("complementary", { name: "API console" }).getByLabel("Operation").selectOption("mintToken");
  await page.getByRole("complementary", { name: "API console" }).getByRole("button", { name: "Mint token" }).click();
  await expect(page.getByRole("complementary", { name: "API console" }).getByRole("alert")).toBeVisible();
  await screenshot(page, "overview");
  expect(await seriousViolations(page)).toEqual([]);
});
