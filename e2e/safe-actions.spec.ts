import { expect, test } from "@playwright/test";
import { codeFlow, createSession, inspector, mintFrom, node, start } from "./helpers.ts";

test("a double-click on Register usage registers one use and triggers nothing else", async ({ page }) => {
  await start(page);
  const sessionId = await createSession(page);
  const code = await mintFrom(page, node(page, "grant", sessionId), "authorization_code");
  await mintFrom(page, node(page, "token", code), "access_token");
  await node(page, "token", code).click();
  await expect(page.getByText("Now: after step 3 of 3", { exact: true })).toBeVisible();
  await inspector(page).getByRole("button", { name: "Register usage" }).dblclick();
  await expect(node(page, "token", code)).toHaveAttribute("data-status", "used");
  await expect(page.getByText("Now: after step 4 of 4", { exact: true })).toBeVisible();
  await expect(node(page, "token")).toHaveCount(2);
  for (const status of await node(page, "token").evaluateAll((els) => els.map((e) => e.getAttribute("data-status")))) expect(status).not.toBe("revoked");
});

test("the inspector's buttons keep their places when an action changes the node's explanation", async ({ page }) => {
  await start(page);
  const sessionId = await createSession(page);
  const code = await mintFrom(page, node(page, "grant", sessionId), "authorization_code");
  await node(page, "token", code).click();
  const revokeRecursively = inspector(page).getByRole("button", { name: "Revoke recursively" });
  const before = await revokeRecursively.boundingBox();
  await inspector(page).getByRole("button", { name: "Register usage" }).click();
  await expect(node(page, "token", code)).toHaveAttribute("data-status", "used");
  expect(await revokeRecursively.boundingBox()).toEqual(before);
});

test("the destructive actions stand apart, in a group of their own", async ({ page }) => {
  await start(page);
  const { code } = await codeFlow(page);
  await node(page, "token", code).click();
  const group = inspector(page).getByRole("group", { name: "Revoke or remove" });
  for (const name of ["Revoke token", "Revoke recursively", "Revoke grant", "Revoke client session", "Remove session"]) {
    await expect(group.getByRole("button", { name, exact: true })).toBeVisible();
  }
  await expect(group.getByRole("button", { name: "Register usage" })).toHaveCount(0);
});

test("a recursive revocation and a session removal offer to take the step back in their message", async ({ page }) => {
  await start(page);
  const { sessionId, code, at } = await codeFlow(page);
  await node(page, "token", code).click();
  await inspector(page).getByRole("button", { name: "Revoke recursively" }).click();
  await expect(node(page, "token", at)).toHaveAttribute("data-status", "revoked");
  await inspector(page).getByRole("button", { name: /^Revert step \d+$/ }).click();
  await expect(node(page, "token", at)).toHaveAttribute("data-status", "active");

  await node(page, "grant", sessionId).click();
  await inspector(page).getByRole("button", { name: "Remove session" }).click();
  await expect(node(page, "grant")).toHaveCount(0);
  await inspector(page).getByRole("button", { name: /^Revert step \d+$/ }).click();
  await expect(node(page, "grant", sessionId)).toBeVisible();
});
