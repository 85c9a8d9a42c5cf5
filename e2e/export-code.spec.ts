import { expect, test, type Page } from "@playwright/test";
import { toPython, toTypeScript } from "../src/export/index.ts";
import { getScenario, loadScenario } from "../src/scenarios/index.ts";
import { scenarioAtNow } from "./helpers.ts";

// "Copy as TypeScript" / "Copy as Python" on the "Authorization code flow" scenario: the text the
// app copies is the exporters' output for the same journal.
const SCENARIO = getScenario("code-flow");
const N = SCENARIO.steps.length;

const codeFlowAtNow = (page: Page) => scenarioAtNow(page, SCENARIO.title);

const exportGroup = (page: Page) => page.getByRole("group", { name: "Export as code" });

test.describe("with a clipboard", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("Copy as TypeScript puts the replay snippet on the clipboard and says so", async ({ page }) => {
    await codeFlowAtNow(page);
    await exportGroup(page).getByRole("button", { name: "Copy as TypeScript" }).click();
    await expect(exportGroup(page).getByRole("status")).toHaveText(`Copied the TypeScript replay of ${N} steps to the clipboard.`);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(toTypeScript(loadScenario("code-flow")));
    expect(copied).toContain("manager.mintToken(sid1, \"authorization_code\")");
  });

  test("Copy as Python copies pytest code against the chosen library", async ({ page }) => {
    await codeFlowAtNow(page);
    await exportGroup(page).getByLabel("Python library").selectOption("oidc-op");
    await exportGroup(page).getByRole("button", { name: "Copy as Python" }).click();
    await expect(exportGroup(page).getByRole("status")).toHaveText(`Copied the Python (oidc-op) replay of ${N} steps to the clipboard.`);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(toPython(loadScenario("code-flow"), { target: "oidc-op" }));
    expect(copied).toContain("create_session(");
  });

  test("while a past step is viewed, the copy replays the journal up to that step", async ({ page }) => {
    await codeFlowAtNow(page);
    await page.getByRole("listbox", { name: "Timeline" }).getByRole("option", { name: /^Step 2:/ }).click();
    await exportGroup(page).getByRole("button", { name: "Copy as TypeScript" }).click();
    await expect(exportGroup(page).getByRole("status")).toHaveText("Copied the TypeScript replay of 2 steps (up to the step viewed) to the clipboard.");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain("// Step 2,");
    expect(copied).not.toContain("// Step 3,");
  });
});

test("without a clipboard, the code is shown in a read-only text box to copy by hand", async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, "clipboard", { configurable: true, get: () => undefined }));
  await codeFlowAtNow(page);
  await exportGroup(page).getByRole("button", { name: "Copy as Python" }).click();
  await expect(exportGroup(page).getByRole("status")).toHaveText(`The clipboard is not available: the Python (idpy-oidc) replay of ${N} steps is shown to copy by hand.`);
  const dialog = page.getByRole("dialog", { name: "Python replay" });
  await expect(dialog).toBeVisible();
  const box = dialog.getByRole("textbox", { name: "Python code" });
  await expect(box).toHaveAttribute("readonly", "");
  expect(await box.inputValue()).toBe(toPython(loadScenario("code-flow")));
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
});
