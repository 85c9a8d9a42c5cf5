import { expect, test } from "@playwright/test";
import { listScenarios } from "../src/scenarios/index.ts";
import { smallestGraphFont } from "./font-size.ts";

// Every label of the graph reads at 12 px or more at the view the app chooses itself: after
// loading each guided scenario, and at each of its steps.
const TITLES = listScenarios().map((s) => s.title);

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
]) {
  for (const title of TITLES) {
    test(`“${title}”: node labels render at 12 px or more at every step, at ${viewport.width}×${viewport.height}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto("/");
      // At 1280 px the API console starts collapsed: the graph and the inspector come first.
      await page.getByRole("button", { name: "Scenarios" }).click();
      const gallery = page.getByRole("dialog", { name: "Guided scenarios" });
      await gallery.getByRole("article", { name: title }).getByRole("button", { name: "Load scenario" }).click();
      await expect(gallery).toBeHidden();
      const next = page.getByRole("button", { name: "Next step" });
      let measured = 0;
      for (;;) {
        await expect(page.locator(".graph-canvas, .graph-empty").first()).toBeVisible();
        if ((await page.locator(".graph-empty").count()) === 0) {
          await expect(page.locator(".graph-canvas")).toHaveAttribute("data-animating", "false");
          await expect(page.locator('.graph-canvas[data-layout="done"] [data-node-kind]').first()).toBeVisible();
          const step = await page.locator(".guide-count").textContent();
          await expect
            .poll(async () => {
              const r = await smallestGraphFont(page);
              return r.labels > 0 ? r.min : 0;
            }, { message: `${title}, ${step}` })
            .toBeGreaterThanOrEqual(12);
          measured++;
        }
        if (await next.isDisabled()) break;
        await next.click();
      }
      expect(measured).toBeGreaterThan(0);
    });
  }
}
