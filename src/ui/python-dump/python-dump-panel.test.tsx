// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MemoryWorkspaceRepository } from "../../persistence/index.ts";
import { createAppStore } from "../../store/index.ts";
import { selectGraph } from "../graph/graph-selectors.ts";
import { grantNodeId, userNodeId } from "../graph/project-graph.ts";
import { StoreProvider } from "../store-context.tsx";
import { KeptFieldsSection } from "./kept-fields-section.tsx";
import { openPythonDumpText } from "./open-python-dump.ts";
import { PythonDumpPanel } from "./python-dump-panel.tsx";

afterEach(cleanup);

// jsdom gives modules an http: URL, so the interop helpers cannot find the fixtures from here.
function fixtureText(name: string): string {
  return readFileSync(join(process.cwd(), "src/interop/fixtures", `${name}.json`), "utf8");
}
function fixture(name: string): { db: Record<string, [string, Record<string, unknown>]> } {
  return JSON.parse(fixtureText(name));
}

const GRANT = "diana;;client_1;;f2c4a5374737e44f6520b35a19e7ca8f";

async function started() {
  const store = createAppStore(new MemoryWorkspaceRepository(), { saveViewDelayMs: 0 });
  await store.getState().init();
  render(
    <StoreProvider store={store}>
      <PythonDumpPanel />
    </StoreProvider>,
  );
  return store;
}

describe("the Python dump panel", () => {
  it("shows nothing for a workspace built in the playground", async () => {
    await started();
    expect(screen.queryByRole("region", { name: "Python session dump" })).toBeNull();
  });

  it("names the library and version guessed, with the counts, once a dump is opened", async () => {
    const store = await started();
    expect(await openPythonDumpText(store, fixtureText("idpy-oidc-revoked"), "idpy-oidc-revoked.json")).toBe(true);
    const panel = await screen.findByRole("region", { name: "Python session dump" });
    expect(within(panel).getByRole("status").textContent).toMatch(/from an idpy-oidc session dump, version \S+ .*1 user, 1 client session, 2 grants, \d+ tokens, [1-9]\d* revoked\. No structural problems\./);
    expect(store.getState().open?.meta.name).toBe("idpy-oidc-revoked");
    await userEvent.click(within(panel).getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByRole("region", { name: "Python session dump" })).toBeNull();
  });

  it("lists each warning with its key and message, and choosing one selects its node", async () => {
    const store = await started();
    const d = fixture("idpy-oidc-code-flow");
    d.db.diana[1].subordinate = ["diana;;client_1", "diana;;client_9"];
    d.db[GRANT][1].tenant = "<img src=x onerror=alert(1)>";
    d.db["x;;y;;z;;w"] = ["myapp.Thing", {}] as never;
    await openPythonDumpText(store, JSON.stringify(d), "damaged.json");
    const list = await screen.findByRole("list", { name: "Dump warnings" });
    const items = within(list).getAllByRole("listitem");
    const item = (code: string) => items.find((li) => li.getAttribute("data-warning-code") === code)!;
    expect(items.map((li) => li.getAttribute("data-warning-code")).sort()).toEqual(["dangling_subordinate", "unknown_field", "unplaced_key"]);
    expect(item("dangling_subordinate").textContent).toContain("diana;;client_9");
    expect(item("unknown_field").textContent).toContain(GRANT);
    // A key that names no drawn node is listed, not offered as a link.
    expect(within(item("unplaced_key")).queryByRole("button")).toBeNull();
    expect(item("unplaced_key").textContent).toContain("(not drawn)");

    await userEvent.click(within(item("unknown_field")).getByRole("button"));
    expect(store.getState().selectedNodeId).toBe(grantNodeId(GRANT));
    await userEvent.click(within(item("dangling_subordinate")).getByRole("button"));
    expect(store.getState().selectedNodeId).toBe(userNodeId("diana"));
    expect(document.querySelector("img")).toBeNull();
  });

  it("refuses a dump it cannot read with its problems and opens nothing", async () => {
    const store = await started();
    const before = store.getState().workspaces.length;
    expect(await openPythonDumpText(store, '{"db": {"diana": ["idpyoidc.server.session.info.UserSessionInfo", ', "cut.json")).toBe(false);
    expect(store.getState().failure?.code).toBe("invalid_state_file");
    expect(store.getState().workspaces).toHaveLength(before);
  });
});

describe("the inspector's kept fields", () => {
  it("shows what the dump held for a node that the playground does not understand, as text", async () => {
    const store = await started();
    const d = fixture("idpy-oidc-code-flow");
    d.db[GRANT][1].tenant = { name: "<b>acme</b>" };
    await openPythonDumpText(store, JSON.stringify(d), "tenant.json");
    const node = selectGraph(store.getState())!.byId.get(grantNodeId(GRANT))!;
    cleanup();
    render(
      <StoreProvider store={store}>
        <KeptFieldsSection node={node} />
      </StoreProvider>,
    );
    const section = screen.getByRole("region", { name: "Not understood: kept as is" });
    const tenant = within(section).getByText("tenant").closest("div")!;
    expect(tenant.getAttribute("data-kept-kind")).toBe("unknown_field");
    expect(tenant.textContent).toContain('"<b>acme</b>"');
    expect(section.querySelector("b")).toBeNull();
  });

  it("shows nothing for a node the dump did not hold", async () => {
    const store = await started();
    await openPythonDumpText(store, fixtureText("idpy-oidc-code-flow"));
    await store.getState().applyOperation({ op: "createSession", args: { userId: "erik", clientId: "client_2", authReq: { client_id: "client_2", scope: "openid" } } });
    const node = selectGraph(store.getState())!.byId.get(userNodeId("erik"))!;
    cleanup();
    const { container } = render(
      <StoreProvider store={store}>
        <KeptFieldsSection node={node} />
      </StoreProvider>,
    );
    expect(container.textContent).toBe("");
  });
});
