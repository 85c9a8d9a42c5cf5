import { expect, test } from "@playwright/test";
import { codeFlow, graphCanvas, inspector, mintFrom, node, screenshot, start } from "./helpers.ts";

test("recursive revocation: every descendant ends revoked, siblings untouched, the wave finishes", async ({ page }) => {
  await start(page);
  const { code, at, rt, idt } = await codeFlow(page);
  const rt2 = await mintFrom(page, node(page, "token", rt), "refresh_token");
  const at2 = await mintFrom(page, node(page, "token", rt), "access_token");
  const at3 = await mintFrom(page, node(page, "token", rt2), "access_token");
  // A second session for another client: its tokens are siblings the revocation must not reach.
  await page.getByRole("complementary", { name: "API console" }).getByLabel("Client id (defaults to authReq.client_id)").fill("client_2");
  await page.getByRole("button", { name: "Create session" }).click();
  await expect(node(page, "grant")).toHaveCount(2);
  const otherGrant = (await node(page, "grant").nth(1).getAttribute("data-node-id"))!;
  const otherCode = await mintFrom(page, node(page, "grant", otherGrant), "authorization_code");

  await node(page, "token", rt).click();
  await inspector(page).getByRole("button", { name: "Revoke recursively" }).click();
  // The state is committed first; the graph then turns nodes revoked level by level: the refresh
  // token, then rt2 and at2 minted from it, then at3. The canvas keeps the last wave's level sizes.
  await screenshot(page, "revocation-wave");
  await expect(graphCanvas(page)).toHaveAttribute("data-last-wave", /^\d+:1,2,1$/);
  await expect(graphCanvas(page)).toHaveAttribute("data-animating", "false");

  for (const value of [rt, rt2, at2, at3]) await expect(node(page, "token", value)).toHaveAttribute("data-status", "revoked");
  // Siblings and ancestors keep their state.
  await expect(node(page, "token", code)).toHaveAttribute("data-status", "used");
  await expect(node(page, "token", at)).toHaveAttribute("data-status", "active");
  await expect(node(page, "token", idt)).toHaveAttribute("data-status", "active");
  await expect(node(page, "token", otherCode)).toHaveAttribute("data-status", "active");
  await expect(inspector(page).getByRole("status")).toContainText(`"revoked":["${rt}","${rt2}","${at2}","${at3}"]`);
  await screenshot(page, "revocation-done");
});

test("a plain revocation leaves descendants working, with a warning mark that explains it", async ({ page }) => {
  await start(page);
  const { rt } = await codeFlow(page);
  const at2 = await mintFrom(page, node(page, "token", rt), "access_token");
  await node(page, "token", rt).click();
  await inspector(page).getByRole("button", { name: "Revoke token" }).click();
  await expect(node(page, "token", rt)).toHaveAttribute("data-status", "revoked");
  const child = node(page, "token", at2);
  await expect(child).toHaveAttribute("data-status", "active");
  await expect(child).toHaveAttribute("data-warning", "ancestor_revoked");
  await expect(child).toContainText("revoked ancestor");
  await expect(child).toHaveAttribute("aria-label", /warning: a token it was minted from is revoked/);
  await child.click();
  await expect(inspector(page)).toContainText("The refresh token this was minted from is revoked, but this access token was not: revoke recursively to reach it.");
  await screenshot(page, "ancestor-revoked-warning");
});

test("revoking the grant leaves tokens is_active() on their own but inactive because of the grant", async ({ page }) => {
  await start(page);
  const { sessionId, at, code } = await codeFlow(page);
  await node(page, "grant", sessionId).click();
  await inspector(page).getByRole("button", { name: "Revoke grant" }).click();
  await expect(graphCanvas(page)).toHaveAttribute("data-animating", "false");
  await expect(node(page, "grant", sessionId)).toHaveAttribute("data-status", "revoked");
  await expect(node(page, "token", at)).toHaveAttribute("data-status", "inactive-ancestor");
  await expect(node(page, "token", code)).toHaveAttribute("data-status", "used");
  await node(page, "token", at).click();
  await expect(inspector(page)).toContainText(
    "This access token is still is_active() on its own, but its grant was revoked: an endpoint that only checks the token would still accept it.",
  );
  await screenshot(page, "grant-revoked");
});

test("with reduced motion the final state shows at once", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await start(page);
  const { code, at, rt, idt } = await codeFlow(page);
  await node(page, "token", code).click();
  await inspector(page).getByRole("button", { name: "Revoke recursively" }).click();
  await expect(node(page, "token", code)).toHaveAttribute("data-status", "revoked");
  // Every level is final in the same frame as the first: no wave, nothing pending.
  const states = await page.evaluate(
    (values) => values.map((v) => document.querySelector(`[data-node-id="${v}"]`)?.getAttribute("data-status")),
    [at, rt, idt],
  );
  expect(states).toEqual(["revoked", "revoked", "revoked"]);
  await expect(graphCanvas(page)).toHaveAttribute("data-animating", "false");
  // No wave was drawn at all.
  await expect(graphCanvas(page)).not.toHaveAttribute("data-last-wave");
});
