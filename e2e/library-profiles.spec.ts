import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { inspector, node, scenarioAtNow, screenshot } from "./helpers.ts";

// Library profiles in the built app: a workspace's journal compared under a real library, the
// comparison opened as a workspace of that profile, a new workspace under a profile, and a Python
// dump that opens under its library's profile.

function profilePanel(page: Page) {
  return page.getByRole("region", { name: "Library behaviour" });
}

test("compares the code flow under idpy-oidc, then opens it as an idpy-oidc workspace where the timeline says what the library did", async ({ page }) => {
  await scenarioAtNow(page, "Authorization code flow");
  const panel = profilePanel(page);
  await expect(panel).toContainText("Playground (SPEC)");
  await panel.getByRole("combobox", { name: "Compare with" }).selectOption("idpy-oidc-5.0");
  const comparison = page.getByRole("region", { name: "Compared with idpy-oidc 5.0" });
  // idpy-oidc counts the access-token mint as a use of the code, so the refresh and ID token mints are refused.
  await expect(comparison.getByRole("status")).toContainText("steps come out differently");
  await expect(comparison.getByRole("table", { name: "Steps that differ" })).toContainText("MintingNotAllowed: Token inactive");
  await comparison.scrollIntoViewIfNeeded();
  await screenshot(page, "profile-comparison");
  // Each node that ends up different selects itself in the graph.
  const codeChange = comparison.getByRole("list", { name: "Nodes that end up different" }).getByRole("button").first();
  await codeChange.click();
  await expect(page.locator(".react-flow__node.selected")).toHaveCount(1);

  await comparison.getByRole("button", { name: "Open as a workspace under idpy-oidc 5.0" }).click();
  await expect(panel).toContainText("This workspace runs as idpy-oidc 5.0 does");
  // A new workspace: the comparison chosen in the other one is not carried over.
  await expect(panel.getByRole("combobox", { name: "Compare with" })).toHaveValue("");
  await expect(page.getByRole("region", { name: /^Compared with/ })).toHaveCount(0);
  // The refused mints are in the journal with what idpy-oidc raised; the step that used the code says why (step 4: the access token minted from it).
  await expect(page.getByRole("option", { name: /library_raised/ }).first()).toBeVisible();
  await page.getByRole("option", { name: /^Step 4:/ }).click();
  await expect(page.getByRole("list", { name: "What the library did at step 4" })).toContainText("counts this mint as a use of");
  // The inspector says it where the node is: the code, selected, lists what idpy-oidc did to it.
  await page.locator('[data-node-kind="token"][aria-label*="(authorization code)"]').first().click();
  await expect(inspector(page).getByRole("region", { name: "What the library did here" })).toContainText("Step 4: idpy-oidc 5.0 counts this mint as a use of");
  await screenshot(page, "profile-idpy-workspace");
});

test("starts an empty workspace under oidc-op, whose createSession keeps the grant's scope empty", async ({ page }) => {
  await page.goto("/");
  const panel = profilePanel(page);
  await panel.getByRole("combobox", { name: "New empty workspace as" }).selectOption("oidc-op-2.4");
  await panel.getByRole("button", { name: "Create" }).click();
  await expect(panel).toContainText("This workspace runs as oidc-op 2.4 does");
  await page.getByRole("button", { name: "Create session" }).click();
  await expect(node(page, "grant")).toHaveCount(1);
  await expect(page.getByRole("list", { name: /What the library did at step 1/ })).toContainText("scope only from scopes=");
});

test("a Python dump opens under its library's profile", async ({ page }) => {
  await page.goto("/");
  const text = readFileSync(new URL("../src/interop/fixtures/oidc-op-code-flow.json", import.meta.url), "utf8");
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Open Python dump" }).click();
  await (await chooser).setFiles({ name: "oidc-op-code-flow.json", mimeType: "application/json", buffer: Buffer.from(text) });
  await expect(page.getByRole("region", { name: "Python session dump" })).toBeVisible();
  await expect(profilePanel(page)).toContainText("This workspace runs as oidc-op 2.4 does");
});
