import { expect, test, type Page } from "@playwright/test";
import { getScenario, scenarioJournal } from "../src/scenarios/index.ts";

// Time travel on the "Authorization code replay" scenario: a code, three tokens minted from it, a
// token refreshed, a refused second exchange (step 11) and the recursive revocation (step 12).
const SCENARIO = getScenario("code-replay");
const JOURNAL = scenarioJournal("code-replay");
const N = JOURNAL.length;
const valueAt = (seq: number) => (JOURNAL[seq - 1] as { result: { value: string } }).result.value;
const CODE = valueAt(2);
const AT = valueAt(4);
const IDT = valueAt(6);
const REFRESHED_AT = valueAt(9);

const token = (page: Page, value: string) => page.locator(`[data-node-kind="token"][data-node-id="${value}"]`);
const timeline = (page: Page) => page.getByRole("listbox", { name: "Timeline" });
const viewing = (page: Page) => page.locator(".wb-viewing");

async function loadCodeReplay(page: Page) {
  await page.goto("/");
  await expect(page.getByRole("button", { name: "Create session" })).toBeVisible();
  await page.getByRole("button", { name: "Scenarios" }).click();
  await page.getByRole("dialog", { name: "Guided scenarios" }).getByRole("article", { name: SCENARIO.title }).getByRole("button", { name: "Load scenario" }).click();
  await expect(viewing(page)).toHaveText(/Viewing step 1 of 12/);
}

async function expectStep(page: Page, k: number) {
  await expect(timeline(page).getByRole("option", { selected: true })).toHaveAttribute("data-seq", String(k));
  if (k < N) await expect(viewing(page)).toContainText(`Viewing step ${k} of ${N}`);
  else await expect(viewing(page)).toHaveCount(0);
}

test("one option per journal entry, with its arguments, result, and the refused entry's error code", async ({ page }) => {
  await loadCodeReplay(page);
  const list = timeline(page);
  await expect(list.getByRole("option")).toHaveCount(N + 1);
  await expect(list.getByRole("option", { name: /^Step 4: Mint token \(access_token from code_/ })).toContainText(`→ ${AT.slice(0, 16)}…`);
  const refused = list.getByRole("option", { name: /^Step 11:/ });
  await expect(refused).toHaveAttribute("data-failed", "true");
  await expect(refused).toContainText("refused: minting_not_allowed");
  await expect(refused).toContainText("✕");
  await expect(list.getByRole("option", { name: /^Step 12: Revoke token/ })).toContainText("→ 5 revoked");
});

test("arrow keys step through the journal and the graph shows the state at each step", async ({ page }) => {
  await loadCodeReplay(page);
  const list = timeline(page);
  await list.focus();
  await page.keyboard.press("End");
  await expectStep(page, N);
  for (const v of [CODE, AT, IDT, REFRESHED_AT]) await expect(token(page, v)).toHaveAttribute("data-status", "revoked");

  // Before the recursive revocation: the refreshed access token works, the used code does not.
  await page.keyboard.press("ArrowUp");
  await expectStep(page, 11);
  await expect(token(page, AT)).toHaveAttribute("data-status", "active");
  await expect(token(page, REFRESHED_AT)).toHaveAttribute("data-status", "active");
  await expect(token(page, CODE)).toHaveAttribute("data-status", "used");

  // Before the code's use is registered (step 7) it is still active.
  for (let k = 10; k >= 6; k--) {
    await page.keyboard.press("ArrowLeft");
    await expectStep(page, k);
  }
  await expect(token(page, CODE)).toHaveAttribute("data-status", "active");
  await expect(token(page, IDT)).toHaveCount(1);
  await expect(token(page, REFRESHED_AT)).toHaveCount(0);
  await page.keyboard.press("ArrowUp");
  await expectStep(page, 5);
  await expect(token(page, IDT)).toHaveCount(0);

  await page.keyboard.press("Home");
  await expectStep(page, 0);
  await expect(page.getByText("No sessions yet.")).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowRight");
  await expectStep(page, 2);
  await expect(token(page, CODE)).toHaveAttribute("data-status", "active");
});

test("a past step is read only: operations are refused with a clear message until Back to now", async ({ page }) => {
  await loadCodeReplay(page);
  await timeline(page).getByRole("option", { name: /^Step 7:/ }).click();
  await expectStep(page, 7);
  const console = page.getByRole("complementary", { name: "API console" });
  await console.getByRole("button", { name: "Create session" }).click();
  await expect(console.getByRole("alert")).toContainText("read_only_step");
  await expect(console.getByRole("alert")).toContainText("You are viewing step 7 of 12, which is read only.");
  await expect(timeline(page).getByRole("option")).toHaveCount(N + 1);

  await page.getByRole("region", { name: "Timeline" }).getByRole("button", { name: "Back to now" }).click();
  await expectStep(page, N);
  await console.getByRole("button", { name: "Create session" }).click();
  await expect(page.getByText(`Now: after step ${N + 1} of ${N + 1}`)).toBeVisible();
});

test("Fork from here opens a new workspace holding the first k entries", async ({ page }) => {
  await loadCodeReplay(page);
  await timeline(page).getByRole("option", { name: /^Step 9:/ }).click();
  await expectStep(page, 9);
  await page.getByRole("button", { name: "Fork from here" }).click();
  await expect(page.getByLabel("Workspace", { exact: true }).locator("option:checked")).toHaveText(/fork at step 9/);
  await expect(page.getByText("Now: after step 9 of 9")).toBeVisible();
  await expect(timeline(page).getByRole("option")).toHaveCount(10);
  await expect(token(page, REFRESHED_AT)).toHaveAttribute("data-status", "active");
  await expect(token(page, CODE)).toHaveAttribute("data-status", "used");
  // The fork is live: operations apply to it.
  await page.getByRole("complementary", { name: "API console" }).getByRole("button", { name: "Create session" }).click();
  await expect(page.getByText("Now: after step 10 of 10")).toBeVisible();
});

test("the tables show the step being viewed, marked read only", async ({ page }) => {
  await loadCodeReplay(page);
  await page.getByRole("tab", { name: "Tables" }).click();
  const tokens = page.getByRole("table", { name: "Tokens" });
  const row = (value: string) => tokens.getByRole("row").filter({ has: page.getByRole("button", { name: value, exact: true }) });
  await timeline(page).getByRole("option", { name: /^Step 11:/ }).click();
  await expect(page.getByRole("tabpanel").filter({ has: tokens }).first()).toContainText("Viewing step 11 of 12");
  await expect(row(AT)).toContainText("active");
  await expect(row(CODE)).toContainText("max_usage_reached");
  await page.getByRole("button", { name: "Back to now" }).click();
  await expect(row(AT)).toContainText("revoked");
  await expect(page.locator(".wb-viewing")).toHaveCount(0);
});
