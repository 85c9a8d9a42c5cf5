import { expect, test } from "@playwright/test";
import { codeFlow, inspector, mintFrom, node, screenshot, start } from "./helpers.ts";

test("code flow: code → access, refresh and ID token → usage → a second exchange is refused", async ({ page }) => {
  await start(page);
  const { sessionId, code, at, rt, idt } = await codeFlow(page);

  await expect(node(page, "user", "diana")).toHaveAttribute("data-status", "active");
  await expect(node(page, "client", "diana;;client_1")).toHaveAttribute("data-status", "active");
  await expect(node(page, "grant", sessionId)).toHaveAttribute("data-status", "active");
  for (const value of [at, rt, idt]) await expect(node(page, "token", value)).toHaveAttribute("data-status", "active");
  await expect(node(page, "token", code)).toHaveAttribute("data-status", "used");
  await expect(node(page, "token", code)).toHaveAttribute("aria-label", /used up, used 1 of 1/);
  await expect(node(page, "token", code)).toContainText("used 1 / 1");

  // The code's inspector says why it is not usable, and that it cannot mint any more.
  await node(page, "token", code).click();
  const panel = inspector(page);
  await expect(panel).toContainText("It has been used 1 of 1 time, so it cannot be used again, and nothing can be minted from it.");
  await expect(panel.getByText(`"value": "${code}"`)).toBeVisible();

  // A second exchange of the code is refused by the core, with its code and reason shown verbatim.
  await panel.getByLabel("Token type").selectOption("access_token");
  await panel.getByRole("button", { name: "Mint token" }).click();
  const alert = panel.getByRole("alert");
  await expect(alert).toContainText("minting_not_allowed");
  await expect(alert).toContainText("token_inactive");
  await expect(alert).toContainText(`The authorization_code "${code}" is not active (used 1 of 1 times), so nothing can be minted from it.`);
  await expect(node(page, "token")).toHaveCount(4);
  await screenshot(page, "code-flow");

  // The refresh token goes on minting: a new access token based on it.
  const at2 = await mintFrom(page, node(page, "token", rt), "access_token");
  await expect(node(page, "token", at2)).toHaveAttribute("data-status", "active");
  await expect(page.locator(`.react-flow__edge.edge-based-on`)).toHaveCount(4);
});

test("the console fills from the selected node and shows the core's refusal next to the form", async ({ page }) => {
  await start(page);
  const { sessionId, at } = await codeFlow(page);
  await node(page, "token", at).click();
  const consolePanel = page.getByRole("complementary", { name: "API console" });
  await consolePanel.getByLabel("Operation").selectOption("registerUsage");
  await expect(consolePanel.getByLabel("Session id: user;;client;;grant")).toHaveValue(sessionId);
  await expect(consolePanel.getByLabel("Token value")).toHaveValue(at);
  // The inspector leaves Register usage to the console form now open, so the name stays unique.
  await expect(page.getByRole("button", { name: "Register usage" })).toHaveCount(1);
  await consolePanel.getByLabel("Token value").fill("no-such-token");
  await consolePanel.getByRole("button", { name: "Register usage" }).click();
  const alert = consolePanel.getByRole("alert");
  await expect(alert).toContainText("unknown_token");
  await expect(alert).toContainText(`No token with value "no-such-token" in session "${sessionId}". Check the value, or mint the token first.`);
});
