import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { getScenario, scenarioJournal } from "../src/scenarios/index.ts";
import { scenarioAtNow } from "./helpers.ts";

// The tables beside the graph, on the "Authorization code flow" scenario at now.
const SCENARIO = getScenario("code-flow");
const JOURNAL = scenarioJournal("code-flow");
const SESSION_ID = (JOURNAL[0] as { result: { sessionId: string } }).result.sessionId;
const mints = JOURNAL.filter((e) => e.operation.op === "mintToken").map((e) => (e as { result: { value: string } }).result.value);
const [CODE, AT, RT, IDT] = mints;

const graphNode = (page: Page, kind: string, id: string) => page.locator(`[data-node-kind="${kind}"][data-node-id="${id}"]`);
const inspector = (page: Page) => page.getByRole("complementary", { name: /^Inspector/ });

const codeFlowAtNow = (page: Page) => scenarioAtNow(page, SCENARIO.title);

function rowOf(page: Page, table: string, name: string) {
  return page.getByRole("table", { name: table }).getByRole("row").filter({ has: page.getByRole("button", { name, exact: true }) });
}

test("a node selected in the graph is the selected row in its table, and back", async ({ page }) => {
  await codeFlowAtNow(page);
  await graphNode(page, "token", AT).click();
  await expect(inspector(page)).toHaveAccessibleName("Inspector: Token");

  await page.getByRole("tab", { name: "Tables" }).click();
  await expect(page.getByRole("tab", { name: /^Tokens/ })).toHaveAttribute("aria-selected", "true");
  await expect(rowOf(page, "Tokens", AT)).toHaveAttribute("aria-current", "true");
  await expect(rowOf(page, "Tokens", AT)).toContainText("active");

  // From a table to the graph: the grant.
  await page.getByRole("tab", { name: /^Grants/ }).click();
  await page.getByRole("table", { name: "Grants" }).getByRole("button", { name: SESSION_ID, exact: true }).click();
  await expect(inspector(page)).toHaveAccessibleName("Inspector: Grant");
  await page.getByRole("tab", { name: "Graph" }).click();
  await expect(graphNode(page, "grant", SESSION_ID)).toHaveClass(/selected/);

  // And a token row, by keyboard: Arrow Down from the selected code moves to the access token.
  await graphNode(page, "token", CODE).click();
  await page.getByRole("tab", { name: "Tables" }).click();
  await page.getByRole("table", { name: "Tokens" }).getByRole("button", { name: CODE, exact: true }).focus();
  await page.keyboard.press("ArrowDown");
  await expect(rowOf(page, "Tokens", AT)).toHaveAttribute("aria-current", "true");
  await expect(inspector(page).getByText(AT).first()).toBeVisible();
  await expect(page.getByRole("table", { name: "Tokens" }).getByRole("button", { name: AT, exact: true })).toBeFocused();
});

test("the token table shows own versus effective status, uses and based_on, and sorts, filters and searches", async ({ page }) => {
  await codeFlowAtNow(page);
  await page.getByRole("tab", { name: "Tables" }).click();
  // The tables open at the level of the node selected (the scenario selected the new session).
  await page.getByRole("tab", { name: /^Tokens/ }).click();
  const tokens = page.getByRole("table", { name: "Tokens" });
  await expect(tokens).toHaveAttribute("aria-rowcount", "5");
  await expect(rowOf(page, "Tokens", CODE)).toContainText("1 / 1");
  await expect(rowOf(page, "Tokens", CODE)).toContainText("max_usage_reached");
  await expect(rowOf(page, "Tokens", RT)).toContainText(CODE);

  const typeHeader = tokens.getByRole("columnheader", { name: /^Type/ });
  await typeHeader.getByRole("button").click();
  await expect(typeHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(tokens.getByRole("row").nth(1)).toContainText(AT);
  // The sorting is still there after a visit to the graph.
  await page.getByRole("tab", { name: "Graph" }).click();
  await page.getByRole("tab", { name: "Tables" }).click();
  await page.getByRole("tab", { name: /^Tokens/ }).click();
  await expect(typeHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(tokens.getByRole("row").nth(1)).toContainText(AT);

  await page.getByLabel("Filter by type").selectOption("id_token");
  await expect(tokens).toHaveAttribute("aria-rowcount", "2");
  await expect(rowOf(page, "Tokens", IDT)).toBeVisible();
  await page.getByLabel("Filter by type").selectOption("");
  await page.getByLabel("Search by id or value").fill(RT.slice(3, 15));
  await expect(tokens).toHaveAttribute("aria-rowcount", "2");
  await page.getByLabel("Search by id or value").fill("");

  // Logout: every token keeps its own is_active, but none is usable any more.
  await page.getByRole("tab", { name: "Graph" }).click();
  await graphNode(page, "grant", SESSION_ID).click();
  await inspector(page).getByRole("button", { name: "Revoke client session" }).click();
  await page.getByRole("tab", { name: "Tables" }).click();
  await page.getByRole("tab", { name: /^Tokens/ }).click();
  await expect(rowOf(page, "Tokens", AT)).toContainText("client_session_revoked");
  await expect(rowOf(page, "Tokens", AT).getByRole("cell").nth(4)).toHaveText(/true/);
});

test("no serious or critical axe violations in the tables and the timeline", async ({ page }) => {
  await codeFlowAtNow(page);
  await page.getByRole("tab", { name: "Tables" }).click();
  await page.getByRole("tab", { name: /^Tokens/ }).click();
  await expect(page.getByRole("table", { name: "Tokens" })).toBeVisible();
  const serious = async () => {
    const results = await new AxeBuilder({ page }).include(".workbench").analyze();
    return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  };
  expect(await serious()).toEqual([]);
  // A past step (marked read only) with the scenario gallery open.
  await page.getByRole("listbox", { name: "Timeline" }).getByRole("option", { name: /^Step 3:/ }).click();
  await expect(page.locator(".wb-viewing")).toBeVisible();
  await page.getByRole("button", { name: "Scenarios" }).click();
  await expect(page.getByRole("dialog", { name: "Guided scenarios" })).toBeVisible();
  expect(await serious()).toEqual([]);
});
