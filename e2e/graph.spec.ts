import { expect, test } from "@playwright/test";
import { largeWorkspace } from "./bench/large-workspace.ts";
import { codeFlow, inspector, node, screenshot, start } from "./helpers.ts";

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
  await screenshot(page, "collapsed");
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

test("a large graph is drawn only where it is in view, also while another large workspace is laid out", async ({ page }) => {
  const { workspace, nodes } = largeWorkspace(700);
  const file = { name: "large.oidc-session.json", mimeType: "application/json", buffer: Buffer.from(workspace.toStateFile()) };
  await start(page);
  const importFile = async () => {
    const chooser = page.waitForEvent("filechooser");
    await page.getByRole("button", { name: "Import" }).click();
    await (await chooser).setFiles(file);
  };
  await importFile();
  await expect(page.locator('.graph-canvas[data-layout="done"] [data-node-kind="token"]').first()).toBeVisible();

  // Count every graph node the page draws while the second copy opens and is laid out.
  await page.evaluate(() => {
    const w = window as unknown as { __drawn: number };
    w.__drawn = 0;
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n instanceof Element && n.matches(".react-flow__node")) w.__drawn++;
    }).observe(document.body, { childList: true, subtree: true });
  });
  await importFile();
  await expect(page.getByLabel("Workspace", { exact: true }).locator("option")).toHaveCount(3);
  await expect(page.locator('.graph-canvas[data-layout="done"] [data-node-kind="token"]').first()).toBeVisible();
  const drawn = await page.evaluate(() => (window as unknown as { __drawn: number }).__drawn);
  // The view holds a few hundred nodes at most; drawing the whole graph would be all of them.
  expect(nodes).toBeGreaterThan(600);
  expect(drawn).toBeGreaterThan(0);
  expect(drawn).toBeLessThan(nodes / 2);
});
