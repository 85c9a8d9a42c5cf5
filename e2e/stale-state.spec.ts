import { expect, test } from "@playwright/test";
import { apiConsole, codeFlow, createSession, inspector, mintFrom, node, start } from "./helpers.ts";

// What the page says belongs to the state it was said about: another workspace, an Undo or a
// step viewed in the past makes it stale, and stale words mislead.

test("the API console forgets the previous workspace's session id and based_on when another workspace opens", async ({ page }) => {
  await start(page);
  const sessionId = await createSession(page);
  const code = await mintFrom(page, node(page, "grant", sessionId), "authorization_code");
  await node(page, "token", code).click();
  await apiConsole(page).getByLabel("Operation").selectOption("mintToken");
  const sid = apiConsole(page).getByLabel("Session id: user;;client;;grant");
  const basedOn = apiConsole(page).getByLabel("Value of the token to mint from");
  await expect(sid).toHaveValue(sessionId);
  await expect(basedOn).toHaveValue(code);

  await page.getByRole("button", { name: "New workspace" }).click();
  await expect(node(page, "grant")).toHaveCount(0);
  await expect(sid).toHaveValue("");
  await expect(basedOn).toHaveValue("");
});

test("an action's result message goes after Undo, and is not shown on another node", async ({ page }) => {
  await start(page);
  const { rt, at } = await codeFlow(page);
  await node(page, "token", rt).click();
  await inspector(page).getByRole("button", { name: "Revoke token" }).click();
  const message = inspector(page).getByRole("status").filter({ hasText: "revokeToken done" });
  await expect(message).toBeVisible();

  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await expect(node(page, "token", rt)).toHaveAttribute("data-status", "active");
  await expect(message).toHaveCount(0);

  await inspector(page).getByRole("button", { name: "Revoke token" }).click();
  await expect(message).toBeVisible();
  await node(page, "token", at).click();
  await expect(page.getByRole("heading", { name: "Inspector: Token" })).toBeVisible();
  await expect(inspector(page)).toContainText(at);
  await expect(message).toHaveCount(0);
});

test.describe("with a clipboard", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("the copy notice goes when another workspace opens", async ({ page }) => {
    await start(page);
    await createSession(page);
    const group = page.getByRole("group", { name: "Export as code" });
    await group.getByRole("button", { name: "Copy as TypeScript" }).click();
    await expect(group.getByRole("status")).toHaveText(/^Copied the TypeScript replay/);
    await page.getByRole("button", { name: "New workspace" }).click();
    await expect(node(page, "grant")).toHaveCount(0);
    await expect(group).not.toContainText("Copied");
  });
});

test("the header clock shows the time of the step viewed, not the present", async ({ page }) => {
  await start(page);
  await page.getByRole("button", { name: "Scenarios" }).click();
  await page.getByRole("dialog", { name: "Guided scenarios" }).getByRole("article", { name: "Expiry on the virtual clock" }).getByRole("button", { name: "Load scenario" }).click();
  const clock = page.getByRole("group", { name: "Virtual clock" }).locator("output");
  await page.getByRole("button", { name: "Back to now" }).click();
  const present = (await clock.textContent())!;

  // Step 1 ran at the scenario's start, before the clock was advanced.
  await page.getByRole("listbox", { name: "Timeline" }).getByRole("option", { name: /^Step 1:/ }).click();
  const ranAt = (await page.getByRole("listbox", { name: "Timeline" }).getByRole("option", { name: /^Step 1:/ }).locator(".tl-at").textContent())!;
  await expect(clock).toHaveText(ranAt);
  expect(ranAt).not.toBe(present);
  await page.getByRole("button", { name: "Back to now" }).click();
  await expect(clock).toHaveText(present);
});
