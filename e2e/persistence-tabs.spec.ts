import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { codeFlow, createSession, drawn, inspector, mintFrom, node, selectionStored, start, stored, steps } from "./helpers.ts";

// What is built survives a reload, a file round trip, and is seen by a second tab on the same workspace.

function workspacePicker(page: Page) {
  return page.getByLabel("Workspace", { exact: true });
}

/** A code flow, a revocation and a second session: 9 journal entries, a mix of statuses. */
async function buildState(page: Page) {
  const flow = await codeFlow(page);
  await node(page, "token", flow.rt).click();
  await inspector(page).getByRole("button", { name: "Revoke token" }).click();
  await expect(node(page, "token", flow.rt)).toHaveAttribute("data-status", "revoked");
  const second = await createSession(page);
  const code2 = await mintFrom(page, node(page, "grant", second), "authorization_code");
  await expect(steps(page, 9)).toBeVisible();
  return { ...flow, second, code2 };
}

test("a reload shows the same graph, statuses, journal and selection", async ({ page }) => {
  await start(page);
  const { at } = await buildState(page);
  await node(page, "token", at).click();
  await expect(inspector(page).getByText(at, { exact: true })).toBeVisible();
  const before = await drawn(page);
  // diana at client_1 twice: one user, one client session, two grants, five tokens (the refresh token revoked).
  expect(before.map((row) => row.split(" ")[0]).join(",")).toBe("client,grant,grant,token,token,token,token,token,user");
  expect(before.filter((row) => row.endsWith(" revoked"))).toHaveLength(1);
  // The view state (selection) is saved 400 ms after it last changes: reload once it is stored.
  await selectionStored(page, node(page, "token", at));

  await page.reload();
  await expect(steps(page, 9)).toBeVisible();
  expect(await drawn(page)).toEqual(before);
  await expect(page.getByRole("heading", { name: "Inspector: Token" })).toBeVisible();
  await expect(inspector(page).getByText(at, { exact: true })).toBeVisible();
  await expect(page.getByText("Storage is memory-only")).toHaveCount(0);

  // Undo after the reload removes the last stored entry, and that too survives a reload.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(steps(page, 8)).toBeVisible();
  const undone = await drawn(page);
  expect(undone.length).toBe(before.length - 1);
  await page.reload();
  await expect(steps(page, 8)).toBeVisible();
  expect(await drawn(page)).toEqual(undone);
});

test("Export then Import gives a second workspace with the same graph and journal", async ({ page }) => {
  await start(page);
  await buildState(page);
  const original = await drawn(page);

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("My workspace.oidc-session.json");
  const text = readFileSync((await file.path())!, "utf8");
  expect(JSON.parse(text).journal).toHaveLength(9);

  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Import" }).click();
  await (await chooser).setFiles({ name: file.suggestedFilename(), mimeType: "application/json", buffer: Buffer.from(text) });
  await expect(workspacePicker(page).locator("option")).toHaveCount(2);
  // Never overwrites: the import is a new workspace whose clashing name got a suffix.
  await expect(workspacePicker(page).locator("option:checked")).toHaveText("My workspace (2) (9 steps)");
  await expect(steps(page, 9)).toBeVisible();
  expect(await drawn(page)).toEqual(original);

  // Exporting the import gives the same journal and state back.
  const again = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const second = JSON.parse(readFileSync((await (await again).path())!, "utf8"));
  const first = JSON.parse(text);
  expect(second.journal).toEqual(first.journal);
  expect(second.snapshot).toEqual(first.snapshot);
  expect({ ...second, name: "", exported_at: "" }).toEqual({ ...first, name: "", exported_at: "" });

  await workspacePicker(page).selectOption({ label: "My workspace (9 steps)" });
  expect(await drawn(page)).toEqual(original);
});

test("a second tab on the same workspace sees the first tab's operations, and the first sees the second's", async ({ page, context }) => {
  await start(page);
  const sid = await createSession(page);
  const other = await context.newPage();
  await other.goto("/");
  // The second tab reopens the workspace the first was on.
  await expect(node(other, "grant", sid)).toBeVisible();
  await expect(steps(other, 1)).toBeVisible();

  const code = await mintFrom(page, node(page, "grant", sid), "authorization_code");
  await expect(node(other, "token", code)).toHaveAttribute("data-status", "active");
  await expect(steps(other, 2)).toBeVisible();

  // A node added by another tab is not brought into view (only the tab's own additions are): fit the view first.
  await other.getByRole("button", { name: "Fit View" }).click();
  await node(other, "token", code).click();
  await inspector(other).getByRole("button", { name: "Revoke token" }).click();
  await expect(node(page, "token", code)).toHaveAttribute("data-status", "revoked");
  await expect(steps(page, 3)).toBeVisible();

  await page.getByRole("button", { name: "Undo" }).click();
  await expect(node(other, "token", code)).toHaveAttribute("data-status", "active");
  await expect(steps(other, 2)).toBeVisible();
  expect(await drawn(other)).toEqual(await drawn(page));
});

test("two tabs acting at the same moment never store two entries with the same step", async ({ page, context }) => {
  await start(page);
  await createSession(page);
  const other = await context.newPage();
  await other.goto("/");
  await expect(steps(other, 1)).toBeVisible();

  for (let round = 0; round < 3; round++) {
    await Promise.all([page.getByRole("button", { name: "Create session" }).click(), other.getByRole("button", { name: "Create session" }).click()]);
  }
  // Each click was either stored or refused as a conflict (the loser is told, and shows what is stored).
  // Reload once both tabs show what is stored: read through IndexedDB from each tab, so writes
  // either tab has begun finish first.
  const shown = async (p: Page) => Number(/step (\d+) of/.exec((await p.getByText(/^Now: after step \d+ of \d+$/).textContent()) ?? "")?.[1] ?? NaN);
  await expect
    .poll(async () => {
      const [a, b] = [(await stored(page))[0].journal, (await stored(other))[0].journal];
      return a === b && (await shown(page)) === a && (await shown(other)) === a;
    })
    .toBe(true);
  await page.reload();
  await other.reload();
  const journalText = async (p: Page) => (await p.getByText(/^Now: after step \d+ of \d+$/).textContent())!;
  await expect(page.getByText(/^Now: after step \d+ of \d+$/)).toBeVisible();
  await expect(other.getByText(/^Now: after step \d+ of \d+$/)).toBeVisible();
  const n = Number(/step (\d+) of/.exec(await journalText(page))![1]);
  expect(await journalText(other)).toBe(await journalText(page));
  expect(n).toBeGreaterThanOrEqual(4);
  expect(n).toBeLessThanOrEqual(7);
  // One grant per stored createSession: nothing stored twice, nothing lost.
  await expect(node(page, "grant")).toHaveCount(n);
  expect(await drawn(other)).toEqual(await drawn(page));

  // The exported journal numbers its entries 1..n with no gap or repeat.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const journal = JSON.parse(readFileSync((await (await download).path())!, "utf8")).journal as { seq: number }[];
  expect(journal.map((e) => e.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
});
