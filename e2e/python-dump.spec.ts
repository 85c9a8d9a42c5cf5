import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { importPythonDump, type PythonDumpImport } from "../src/interop/index.ts";
import { inspector, node, selectionStored, start } from "./helpers.ts";

// Opening the real Python session dumps (idpy-oidc, oidc-op) in the built app, by the file picker
// and by dropping the file on the page, and writing them back.

const FIXTURES = ["idpy-oidc-code-flow", "idpy-oidc-two-clients-pairwise", "idpy-oidc-revoked", "oidc-op-code-flow"] as const;
const GRANT = "diana;;client_1;;f2c4a5374737e44f6520b35a19e7ca8f";

function fixtureText(name: string): string {
  return readFileSync(new URL(`../src/interop/fixtures/${name}.json`, import.meta.url), "utf8");
}

function banner(page: Page) {
  return page.getByRole("region", { name: "Python session dump" });
}

async function openByPicker(page: Page, fileName: string, text: string): Promise<void> {
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Open Python dump" }).click();
  await (await chooser).setFiles({ name: fileName, mimeType: "application/json", buffer: Buffer.from(text) });
}

/** Drops a file on the page the way a browser does: dragover, then drop, with a DataTransfer made in the page. */
async function openByDrop(page: Page, fileName: string, text: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ fileName, text }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], fileName, { type: "application/json" }));
      return dt;
    },
    { fileName, text },
  );
  await page.dispatchEvent(".app", "dragover", { dataTransfer });
  await page.dispatchEvent(".app", "drop", { dataTransfer });
}

/** What the graph must show for an import: one node per user, client session, grant and token, and the revoked ones. */
async function expectDrawn(page: Page, imported: PythonDumpImport): Promise<void> {
  const c = imported.counts;
  await expect(node(page, "user")).toHaveCount(c.users);
  await expect(node(page, "client")).toHaveCount(c.clients);
  await expect(node(page, "grant")).toHaveCount(c.grants);
  await expect(node(page, "token")).toHaveCount(c.tokens);
  const manager = imported.workspace.manager;
  for (const userId of manager.keys().filter((k) => !k.includes(";;"))) {
    for (const sid of manager.getSidsByUserId(userId)) {
      const grant = manager.getGrant(sid);
      if (grant.revoked) await expect(node(page, "grant", sid)).toHaveAttribute("data-status", "revoked");
      for (const t of grant.issued_token) if (t.revoked) await expect(node(page, "token", t.value)).toHaveAttribute("data-status", "revoked");
    }
  }
}

for (const name of FIXTURES) {
  test(`${name}: opens by the file picker and by drag-and-drop with its library, version, counts and revocations`, async ({ page }) => {
    const text = fixtureText(name);
    const imported = importPythonDump(text, { name });
    await start(page);

    await openByPicker(page, `${name}.json`, text);
    const status = banner(page).getByRole("status");
    await expect(status).toContainText(`from an ${imported.library} session dump, version ${imported.versionGuess}`);
    await expect(status).toContainText(`${imported.counts.revoked} revoked`);
    await expect(page.getByLabel("Workspace", { exact: true }).locator("option:checked")).toHaveText(new RegExp(`^${name} `));
    await expectDrawn(page, imported);

    await openByDrop(page, `${name}.json`, text);
    await expect(page.getByLabel("Workspace", { exact: true }).locator("option")).toHaveCount(3);
    // The same name is taken, so the dropped copy gets a suffix: a second, separate workspace.
    await expect(page.getByLabel("Workspace", { exact: true }).locator("option:checked")).toHaveText(new RegExp(`^${name} \\(2\\) `));
    await expect(status).toContainText(imported.library);
    await expectDrawn(page, imported);
  });
}

test("the revoked dump shows its revoked grant and tokens as revoked", async ({ page }) => {
  await start(page);
  await openByPicker(page, "idpy-oidc-revoked.json", fixtureText("idpy-oidc-revoked"));
  await expect(page.locator('[data-node-kind="token"][data-status="revoked"]')).not.toHaveCount(0);
  await expect(page.locator('[data-node-kind="grant"][data-status="revoked"]')).toHaveCount(1);
});

test("a damaged dump lists its warnings with their keys, marks their nodes, and a warning selects its node", async ({ page }) => {
  const dump = JSON.parse(fixtureText("idpy-oidc-code-flow"));
  dump.db.diana[1].subordinate = ["diana;;client_1", "diana;;client_9"];
  const tokens = dump.db[GRANT][1].issued_token as Record<string, Record<string, unknown>>[];
  const access = Object.values(tokens[1])[0];
  access.based_on = "no-such-token";
  dump.db[GRANT][1].tenant = { id: "acme" };
  await start(page);
  await openByPicker(page, "damaged.json", JSON.stringify(dump));

  const list = banner(page).getByRole("list", { name: "Dump warnings" });
  await expect(list.getByRole("listitem")).toHaveCount(3);
  const dangling = list.locator('[data-warning-code="dangling_subordinate"]');
  await expect(dangling).toContainText("diana");
  await expect(dangling).toContainText("diana;;client_9");
  await expect(list.locator('[data-warning-code="dangling_based_on"]')).toContainText(GRANT);
  await expect(list.locator('[data-warning-code="unknown_field"]')).toContainText("tenant");

  // Marks on the graph: the user (dangling subordinate), the access token (dangling based_on), the grant (unknown field).
  await expect(node(page, "user", "diana")).toHaveAttribute("data-warning", /python_dump.*dangling_subordinate/);
  await expect(node(page, "token", access.value as string)).toHaveAttribute("data-warning", /python_dump.*dangling_based_on/);
  await expect(node(page, "grant", GRANT)).toHaveAttribute("data-warning", /python_dump.*unknown_field/);
  await expect(node(page, "client")).not.toHaveAttribute("data-warning", /python_dump/);

  await list.locator('[data-warning-code="dangling_based_on"]').getByRole("button").click();
  await expect(inspector(page).getByRole("heading", { name: "Inspector: Token" })).toBeVisible();
  await expect(inspector(page).getByText(access.value as string, { exact: true })).toBeVisible();

  await list.locator('[data-warning-code="unknown_field"]').getByRole("button").click();
  await expect(inspector(page).getByRole("heading", { name: "Inspector: Grant" })).toBeVisible();
  const kept = inspector(page).getByRole("region", { name: "Not understood: kept as is" });
  await expect(kept).toContainText("tenant");
  await expect(kept).toContainText('"acme"');

  // The warnings are part of the workspace: a reload shows them again.
  await selectionStored(page, node(page, "grant", GRANT)); // the selection is saved 400 ms after it changes
  await page.reload();
  await expect(banner(page).getByRole("list", { name: "Dump warnings" }).getByRole("listitem")).toHaveCount(3);
  await expect(node(page, "token", access.value as string)).toHaveAttribute("data-warning", /dangling_based_on/);
  await expect(inspector(page).getByRole("region", { name: "Not understood: kept as is" })).toContainText("tenant");

  await banner(page).getByRole("button", { name: "Dismiss" }).click();
  await expect(banner(page)).toHaveCount(0);
});

test("a file that is neither a dump nor a state file is refused, and nothing opens", async ({ page }) => {
  await start(page);
  await openByPicker(page, "cut.json", fixtureText("idpy-oidc-code-flow").slice(0, 300));
  await expect(page.getByRole("alert")).toContainText("invalid_state_file");
  await expect(page.getByLabel("Workspace", { exact: true }).locator("option")).toHaveCount(1);
  await expect(banner(page)).toHaveCount(0);
});

test("Export Python dump writes the dump back as it was read, and as the other library's dump", async ({ page }) => {
  const text = fixtureText("idpy-oidc-revoked");
  await start(page);
  await openByPicker(page, "idpy-oidc-revoked.json", text);
  await expect(banner(page)).toBeVisible();

  const exportAs = async (flavour: string) => {
    await page.getByRole("button", { name: "Export Python dump" }).click();
    const download = page.waitForEvent("download");
    await page.getByRole("group", { name: "Write the dump for" }).getByRole("button", { name: flavour, exact: true }).click();
    const file = await download;
    return { fileName: file.suggestedFilename(), text: readFileSync((await file.path())!, "utf8") };
  };

  const same = await exportAs("idpy-oidc");
  expect(same.fileName).toBe("idpy-oidc-revoked.idpy-oidc.dump.json");
  expect(JSON.parse(same.text)).toEqual(JSON.parse(text));

  const other = await exportAs("oidc-op");
  expect(other.fileName).toBe("idpy-oidc-revoked.oidc-op.dump.json");
  const back = importPythonDump(other.text);
  expect(back.library).toBe("oidc-op");
  expect(back.counts).toEqual(importPythonDump(text).counts);

  // The oidc-op dump opens again with the same tree.
  await openByPicker(page, other.fileName, other.text);
  await expect(banner(page).getByRole("status")).toContainText("from an oidc-op session dump");
  await expectDrawn(page, back);
});

test("a state built in the playground is written as a dump the import reads back", async ({ page }) => {
  await start(page);
  await page.getByRole("button", { name: "Create session" }).click();
  await expect(node(page, "grant")).toHaveCount(1);
  await page.getByRole("button", { name: "Export Python dump" }).click();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "oidc-op", exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("My workspace.oidc-op.dump.json");
  const back = importPythonDump(readFileSync((await file.path())!, "utf8"));
  expect(back.counts).toMatchObject({ users: 1, clients: 1, grants: 1 });
  expect(back.warnings).toEqual([]);
});
