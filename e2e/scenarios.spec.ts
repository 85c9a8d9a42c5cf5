import { expect, test, type Page } from "@playwright/test";
import { listScenarios } from "../src/scenarios/index.ts";

// Every guided scenario, loaded from the gallery and walked through with its explanation panel.
const SCENARIOS = listScenarios();

async function start(page: Page) {
  await page.goto("/");
  await expect(page.getByRole("button", { name: "Create session" })).toBeVisible();
}

/** Opens the gallery and loads a scenario by its title. */
export async function loadScenario(page: Page, title: string) {
  await page.getByRole("button", { name: "Scenarios" }).click();
  const gallery = page.getByRole("dialog", { name: "Guided scenarios" });
  await expect(gallery).toBeVisible();
  await gallery.getByRole("article", { name: title }).getByRole("button", { name: "Load scenario" }).click();
  await expect(gallery).toBeHidden();
  await expect(page.getByRole("region", { name: `Scenario: ${title}` })).toBeVisible();
}

const attr = (s: string) => s.replace(/(["\\])/g, "\\$1");

test("the gallery lists every scenario with its title and summary", async ({ page }) => {
  await start(page);
  await page.getByRole("button", { name: "Scenarios" }).click();
  const gallery = page.getByRole("dialog", { name: "Guided scenarios" });
  expect(SCENARIOS.length).toBeGreaterThanOrEqual(7);
  for (const s of SCENARIOS) {
    const card = gallery.getByRole("article", { name: s.title });
    await expect(card).toContainText(s.summary);
    await expect(card.getByRole("button", { name: "Load scenario" })).toBeEnabled();
  }
  await gallery.getByRole("button", { name: "Close" }).click();
  await expect(gallery).toBeHidden();
});

for (const scenario of SCENARIOS) {
  test(`loads "${scenario.title}" as a new workspace and walks through its ${scenario.steps.length} steps`, async ({ page }) => {
    await start(page);
    const workspaces = page.getByLabel("Workspace", { exact: true });
    const before = await workspaces.locator("option").count();
    await loadScenario(page, scenario.title);
    await expect(workspaces.locator("option")).toHaveCount(before + 1);

    const guide = page.getByRole("region", { name: `Scenario: ${scenario.title}` });
    const timeline = page.getByRole("listbox", { name: "Timeline" });
    const n = scenario.steps.length;
    await expect(timeline.getByRole("option")).not.toHaveCount(0);

    for (const step of scenario.steps) {
      const k = step.seq;
      await expect(guide).toContainText(`Step ${k} of ${n}`);
      await expect(guide).toContainText(step.explanation);
      // The timeline shows the same step, and the graph the state after it.
      await expect(timeline.getByRole("option", { selected: true })).toHaveAttribute("data-seq", String(k));
      if (k < n) await expect(page.getByText(`Viewing step ${k} of ${n}`, { exact: false }).first()).toBeVisible();
      if (step.expectError) {
        await expect(guide).toContainText(`Refused with ${step.expectError}`);
        await expect(timeline.getByRole("option", { selected: true })).toHaveAttribute("data-failed", "true");
        await expect(timeline.getByRole("option", { selected: true })).toHaveAccessibleName(new RegExp(`refused: ${step.expectError}`));
      }
      // The first node the step changes (if it still exists) is selected in the graph.
      const present = step.focus[0];
      if (present && !(step.operation.op === "removeSession")) {
        const el = page.locator(`[data-node-id="${attr(present)}"]`).first();
        await expect(el).toHaveClass(/selected/);
      }
      if (k < n) await guide.getByRole("button", { name: "Next step" }).click();
    }
    // The last step is the present: no longer marked as a past step.
    await expect(page.locator(".wb-viewing")).toHaveCount(0);
    await expect(page.getByText(`Now: after step ${n} of ${n}`)).toBeVisible();
    await expect(guide.getByRole("button", { name: "Next step" })).toBeDisabled();
  });
}

test("Previous step goes back, and closing the explanation keeps the workspace", async ({ page }) => {
  await start(page);
  const s = SCENARIOS.find((x) => x.id === "code-flow")!;
  await loadScenario(page, s.title);
  const guide = page.getByRole("region", { name: `Scenario: ${s.title}` });
  await guide.getByRole("button", { name: "Next step" }).click();
  await expect(guide).toContainText(`Step 2 of ${s.steps.length}`);
  await guide.getByRole("button", { name: "Previous step" }).click();
  await expect(guide).toContainText(`Step 1 of ${s.steps.length}`);
  await guide.getByRole("button", { name: "Previous step" }).click();
  await expect(guide).toContainText(`Before step 1 of ${s.steps.length}`);
  await expect(page.getByText("No sessions yet.")).toBeVisible();
  await guide.getByRole("button", { name: "Close explanation" }).click();
  await expect(guide).toBeHidden();
  await expect(page.getByText(`Viewing step 0 of ${s.steps.length}`).first()).toBeVisible();
});
