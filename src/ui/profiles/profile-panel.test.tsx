// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MemoryWorkspaceRepository } from "../../persistence/index.ts";
import { createAppStore } from "../../store/index.ts";
import { StoreProvider } from "../store-context.tsx";
import { ProfilePanel } from "./profile-panel.tsx";

afterEach(cleanup);

const AUTH_REQ = { client_id: "client_1", redirect_uri: "https://example.com/cb", scope: "openid", response_type: "code" };

async function started(semantics?: "idpy-oidc-5.0") {
  const store = createAppStore(new MemoryWorkspaceRepository(), { saveViewDelayMs: 0 });
  await store.getState().init();
  await store.getState().createWorkspace("Exchange", { salt: "natriumklorid", ...(semantics ? { semantics } : {}) });
  const entry = await store.getState().applyOperation({ op: "createSession", args: { authnEvent: null, authReq: AUTH_REQ, userId: "diana", clientId: "client_1" } });
  const sessionId = (entry as { result: { sessionId: string } }).result.sessionId;
  await store.getState().applyOperation({ op: "mintToken", args: { sessionId, type: "authorization_code", value: "CODE-1" } });
  await store.getState().applyOperation({ op: "mintToken", args: { sessionId, type: "access_token", value: "AT-1", basedOn: "CODE-1" } });
  await store.getState().applyOperation({ op: "mintToken", args: { sessionId, type: "id_token", value: "IDT-1", basedOn: "CODE-1" } });
  render(
    <StoreProvider store={store}>
      <ProfilePanel />
    </StoreProvider>,
  );
  return store;
}

describe("the Library behaviour panel", () => {
  it("replays the playground's steps under idpy-oidc and lists the step and the nodes that come out differently", async () => {
    await started();
    const panel = screen.getByRole("region", { name: "Library behaviour" });
    expect(panel.textContent).toContain("Playground (SPEC)");
    await userEvent.selectOptions(within(panel).getByRole("combobox", { name: "Compare with" }), "idpy-oidc-5.0");
    const comparison = screen.getByRole("region", { name: "Compared with idpy-oidc 5.0" });
    expect(within(comparison).getByRole("status").textContent).toMatch(/1 of 4 steps come out differently/);
    expect(within(comparison).getByRole("table", { name: "Steps that differ" }).textContent).toContain("MintingNotAllowed: Token inactive");
    expect(within(comparison).getByRole("list", { name: "Nodes that end up different" }).textContent).toMatch(/CODE-1 \(token\): status "active" → "used up", used 0 → 1/);
  });

  it("opens the comparison as a workspace under that profile", async () => {
    const store = await started();
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Compare with" }), "oidc-op-2.4");
    await userEvent.click(screen.getByRole("button", { name: "Open as a workspace under oidc-op 2.4" }));
    await vi.waitFor(() => expect(store.getState().open?.workspace.semantics).toBe("oidc-op-2.4"));
    expect(store.getState().open?.workspace.journal).toHaveLength(4);
  });

  it("under a library, lists how it differs from the playground", async () => {
    await started("idpy-oidc-5.0");
    const panel = screen.getByRole("region", { name: "Library behaviour" });
    expect(panel.textContent).toContain("This workspace runs as idpy-oidc 5.0 does");
    expect(panel.textContent).toContain("based_on.used += 1");
  });

  it("creates an empty workspace under the chosen profile", async () => {
    const store = await started();
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "New empty workspace as" }), "oidc-op-2.4");
    await userEvent.click(screen.getByRole("button", { name: "Create" }));
    await vi.waitFor(() => expect(store.getState().open?.workspace.semantics).toBe("oidc-op-2.4"));
    expect(store.getState().open?.workspace.journal).toHaveLength(0);
  });
});
