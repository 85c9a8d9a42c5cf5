import { expect, test, type Page } from "@playwright/test";
import { Workspace } from "../src/ops/index.ts";
import { encodeShareLink } from "../src/persistence/index.ts";
import { apiConsole, inspector, node, start } from "./helpers.ts";

// Data is rendered as text, whatever it holds: ids, names and URIs from a state file, the console,
// a Python dump or a share link never become markup, script or links. The page also carries a
// Content-Security-Policy that forbids inline script.

declare global {
  interface Window {
    __pwned?: number;
    __inline?: number;
  }
}

const HOSTILE_USER = '<img src=x onerror="window.__pwned=1">';
const HOSTILE_CLIENT = '"><svg onload="window.__pwned=2">';
const HOSTILE_NAME = "<script>window.__pwned=3</script>";
const JS_URI = "javascript:alert(1)";

/** Nothing from the data became an element, a handler or a link, and no script ran. */
async function expectInert(page: Page): Promise<void> {
  const found = await page.evaluate(() => ({
    pwned: window.__pwned,
    images: document.querySelectorAll("img").length,
    handlers: document.querySelectorAll("[onerror], [onload], [onclick]").length,
    svgFromData: [...document.querySelectorAll("svg")].filter((s) => s.getAttribute("onload") !== null).length,
    scripts: [...document.querySelectorAll("script")].filter((s) => !s.src).length,
    jsLinks: [...document.querySelectorAll("a[href], area[href], [src], [action], [formaction]")].filter((el) =>
      ["href", "src", "action", "formaction"].some((a) => /^\s*javascript:/i.test(el.getAttribute(a) ?? "")),
    ).length,
  }));
  expect(found).toEqual({ pwned: undefined, images: 0, handlers: 0, svgFromData: 0, scripts: 0, jsLinks: 0 });
}

function hostileWorkspace(): Workspace {
  const ws = new Workspace({ name: HOSTILE_NAME, seed: "hostile", start_time: 1_700_000_000 });
  const authReq = { client_id: HOSTILE_CLIENT, redirect_uri: JS_URI, scope: "openid <b>bold</b>", response_type: "code" };
  const e = ws.apply({ op: "createSession", args: { userId: HOSTILE_USER, clientId: HOSTILE_CLIENT, authReq } });
  const sessionId = (e as { result: { sessionId: string } }).result.sessionId;
  ws.apply({ op: "mintToken", args: { sessionId, type: "authorization_code", value: '<img src=x onerror="window.__pwned=4">' } });
  return ws;
}

async function importStateFile(page: Page, text: string): Promise<void> {
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Import" }).click();
  await (await chooser).setFiles({ name: "hostile.oidc-session.json", mimeType: "application/json", buffer: Buffer.from(text) });
}

test("the page carries a Content-Security-Policy that forbids inline script", async ({ page }) => {
  await start(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(csp).toBeTruthy();
  const directives = new Map(csp!.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values] as const));
  expect(directives.get("script-src")).toEqual(["'self'"]);
  expect(directives.get("object-src")).toEqual(["'none'"]);
  expect(directives.get("base-uri")).toEqual(["'none'"]);
  // And it is in force: an inline script added to the page does not run.
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.__inline = 1";
    document.head.append(script);
  });
  expect(await page.evaluate(() => window.__inline)).toBeUndefined();
});

test("hostile ids, names and a javascript: redirect URI in a state file render as text", async ({ page }) => {
  await start(page);
  await importStateFile(page, hostileWorkspace().toStateFile());
  const user = node(page, "user", HOSTILE_USER);
  await expect(user).toBeVisible();
  await expect(user).toContainText(HOSTILE_USER.slice(0, 12));
  await expect(page.getByLabel("Workspace", { exact: true }).locator("option:checked")).toHaveText(`${HOSTILE_NAME} (2 steps)`);

  await user.click();
  await expect(inspector(page).getByText(HOSTILE_USER, { exact: true })).toBeVisible();
  await node(page, "grant").click();
  await expect(inspector(page).getByLabel("Node JSON")).toContainText(JS_URI);
  await expectInert(page);

  // The tables and the timeline show the same data as text too.
  await page.getByRole("tab", { name: "Tables" }).click();
  await expect(page.getByText(HOSTILE_USER).first()).toBeVisible();
  await expectInert(page);
  await page.getByRole("tab", { name: "Graph" }).click();
  await expect(page.getByRole("listbox", { name: "Timeline" })).toContainText("Create session");
  await expectInert(page);
});

test("hostile input typed into the API console renders as text", async ({ page }) => {
  await start(page);
  const form = apiConsole(page);
  await form.getByLabel("User id").fill(HOSTILE_USER);
  await form.getByLabel(/^Authorization request/).fill(JSON.stringify({ client_id: "client_1", redirect_uri: JS_URI, scope: "openid", response_type: "code" }));
  await form.getByLabel(/^Client id/).fill(HOSTILE_CLIENT);
  await page.getByRole("button", { name: "Create session" }).click();
  await expect(node(page, "user", HOSTILE_USER)).toBeVisible();
  await node(page, "grant").click();
  await expect(inspector(page).getByLabel("Node JSON")).toContainText(JS_URI);
  await expectInert(page);
});

test("a hostile Python dump and a hostile share link render as text", async ({ page, browser }) => {
  await start(page);
  const grantKey = `${HOSTILE_USER};;client_1;;f2c4a5374737e44f6520b35a19e7ca8f`;
  const dump = {
    db: {
      [HOSTILE_USER]: ["idpyoidc.server.session.info.UserSessionInfo", { subordinate: [`${HOSTILE_USER};;client_1`, "<img src=x onerror=window.__pwned=5>"], revoked: false, type: "UserSessionInfo", extra_args: {}, id: HOSTILE_USER }],
      [`${HOSTILE_USER};;client_1`]: ["idpyoidc.server.session.info.ClientSessionInfo", { subordinate: [grantKey], revoked: false, type: "ClientSessionInfo", extra_args: {}, id: "client_1", note: HOSTILE_NAME }],
      [grantKey]: ["idpyoidc.server.session.grant.Grant", { issued_at: 1700000000, expires_at: 0, revoked: false, scope: ["openid"], sub: "x" }],
    },
    crypt_config: { "<img src=x onerror=window.__pwned=6>": JS_URI },
  };
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Open Python dump" }).click();
  await (await chooser).setFiles({ name: "hostile.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(dump)) });
  const banner = page.getByRole("region", { name: "Python session dump" });
  await expect(banner).toContainText("idpy-oidc");
  await expect(banner.getByRole("list", { name: "Dump warnings" })).toContainText("<img src=x onerror=window.__pwned=5>");
  await node(page, "client").click();
  await expect(inspector(page).getByRole("region", { name: "Not understood: kept as is" })).toContainText(HOSTILE_NAME);
  await expectInert(page);

  // A share link whose workspace is named with markup: the question shows the name as text.
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await other.goto(`/#${encodeShareLink(hostileWorkspace())}`);
  const dialog = other.getByRole("dialog", { name: "Open the shared workspace?" });
  await expect(dialog).toContainText(`“${HOSTILE_NAME}”`);
  await dialog.getByRole("button", { name: "Open as new workspace" }).click();
  await expect(node(other, "user", HOSTILE_USER)).toBeVisible();
  await expectInert(other);
  await elsewhere.close();
});
