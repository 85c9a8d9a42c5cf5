import { expect, test } from "@playwright/test";
import { codeFlow, inspector, node, SCREENSHOTS, start } from "./helpers.ts";

test("based_on edges are drawn apart from the tree: violet, dashed, with an arrow and a label", async ({ page }) => {
  await start(page);
  const { code, at } = await codeFlow(page);
  const basedOn = page.locator(".react-flow__edge.edge-based-on");
  await expect(basedOn).toHaveCount(3);
  const path = basedOn.first().locator("path.react-flow__edge-path");
  await expect(path).toHaveAttribute("marker-end", /url\(/);
  const style = await path.evaluate((el) => ({ dash: getComputedStyle(el).strokeDasharray, colour: getComputedStyle(el).stroke }));
  expect(style.dash).not.toBe("none");
  expect(style.colour).toBe("rgb(109, 40, 217)");
  await expect(basedOn.first().getByText("based_on")).toBeVisible();
  await expect(page.locator(".react-flow__edge.edge-tree")).toHaveCount(6);
  await expect(page.locator(`.react-flow__edge[aria-label="based_on: ${at} was minted from ${code}"]`)).toHaveCount(1);
});

test("a subtree collapses and expands, and the view fits on request", async ({ page }) => {
  await start(page);
  const { sessionId, code } = await codeFlow(page);
  await node(page, "grant", sessionId).click();
  await inspector(page).getByRole("button", { name: "Collapse subtree" }).click();
  await expect(node(page, "token")).toHaveCount(0);
  await expect(node(page, "grant", sessionId)).toContainText("+4 hidden");
  await page.screenshot({ path: `${SCREENSHOTS}/collapsed.png` });
  await inspector(page).getByRole("button", { name: "Expand subtree" }).click();
  await expect(node(page, "token")).toHaveCount(4);
  await expect(node(page, "token", code)).toBeVisible();

  await page.getByRole("button", { name: "Zoom In" }).click();
  await page.getByRole("button", { name: "Zoom In" }).click();
  await page.getByRole("button", { name: "Fit View" }).click();
  for (const kind of ["user", "client", "grant", "token"] as const) {
    const box = await node(page, kind).first().boundingBox();
    const canvas = await page.locator(".graph-canvas").boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(canvas!.x);
    expect(box!.x + box!.width).toBeLessThanOrEqual(canvas!.x + canvas!.width);
  }
  await expect(page.getByRole("img", { name: /^Overview of the session graph \(7 nodes\)/ })).toBeVisible();
});
