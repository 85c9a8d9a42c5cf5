// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryWorkspaceRepository } from "../../persistence/index.ts";
import { createAppStore } from "../../store/index.ts";
import { StoreProvider } from "../store-context.tsx";
import { ApiConsole } from "./api-console.tsx";

afterEach(cleanup);

async function setup() {
  const store = createAppStore(new MemoryWorkspaceRepository(), { saveViewDelayMs: 0 });
  await store.getState().init();
  render(
    <StoreProvider store={store}>
      <ApiConsole />
    </StoreProvider>,
  );
  return { store, user: userEvent.setup(), panel: screen.getByRole("complementary", { name: "API console" }) };
}

describe("API console", { timeout: 20_000 }, () => {
  it("draws the createSession form from its schema, with realistic defaults, and applies it", async () => {
    const { store, user, panel } = await setup();
    expect(within(panel).getByLabelText(/^User id/)).toHaveProperty("value", "diana");
    expect(within(panel).getByLabelText(/^Client id/)).toHaveProperty("value", "client_1");
    const authReq = within(panel).getByLabelText(/^Authorization request/) as HTMLTextAreaElement;
    expect(JSON.parse(authReq.value)).toMatchObject({ redirect_uri: "https://example.com/cb", scope: "openid email" });
    await user.click(within(panel).getByRole("button", { name: "Create session" }));
    expect(store.getState().journalLength).toBe(1);
    expect(within(panel).getByRole("status").textContent).toMatch(/createSession done \(step 1\): \{"sessionId":"diana;;client_1;;[0-9a-f]{32}"\}/);
  });

  it("offers one form per operation and shows the core's refusal, code and message, beside the form", async () => {
    const { user, panel } = await setup();
    const picker = within(panel).getByLabelText("Operation") as HTMLSelectElement;
    expect([...picker.options].map((o) => o.value)).toEqual([
      "createSession", "addGrant", "mintToken", "registerUsage", "revokeToken", "revokeGrant", "revokeClientSession", "removeSession", "advanceClock", "setClock", "importState",
    ]);
    await user.selectOptions(picker, "registerUsage");
    await user.type(within(panel).getByLabelText(/^Session id/), "diana;;client_1;;nope");
    await user.type(within(panel).getByLabelText(/^Token value/), "at_x");
    await user.click(within(panel).getByRole("button", { name: "Register usage" }));
    const alert = await within(panel).findByRole("alert");
    expect(alert.textContent).toContain("no_such_user_session");
    expect(alert.textContent).toContain('No user session for user "diana". Create a session for this user first.');
  });

  it("lists each problem of bad arguments with its path, and catches JSON that does not parse before sending", async () => {
    const { store, user, panel } = await setup();
    await user.selectOptions(within(panel).getByLabelText("Operation"), "advanceClock");
    const seconds = within(panel).getByLabelText(/^Seconds to move/);
    await user.clear(seconds);
    await user.type(seconds, "-5");
    await user.click(within(panel).getByRole("button", { name: "Advance clock" }));
    const alert = await within(panel).findByRole("alert");
    expect(alert.textContent).toContain("invalid_argument");
    expect(within(alert).getByRole("listitem").textContent).toMatch(/^args\.seconds /);

    await user.selectOptions(within(panel).getByLabelText("Operation"), "mintToken");
    const claims = within(panel).getByLabelText(/^Claims/);
    await user.click(claims);
    await user.paste("{oops");
    const before = store.getState().journalLength;
    await user.click(within(panel).getByRole("button", { name: "Mint token" }));
    expect(claims.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText(/Claims: not valid JSON/)).toBeTruthy();
    expect(store.getState().journalLength).toBe(before);
  });

  it("fills the session id and token value fields from the selected node", async () => {
    const { store, user, panel } = await setup();
    act(() => store.getState().select("t:x", { userId: "diana", clientId: "client_1", sessionId: "diana;;client_1;;g1", value: "rt_1" }));
    await user.selectOptions(within(panel).getByLabelText("Operation"), "mintToken");
    expect(within(panel).getByLabelText(/^Session id/)).toHaveProperty("value", "diana;;client_1;;g1");
    expect(within(panel).getByLabelText(/^Value of the token to mint from/)).toHaveProperty("value", "rt_1");
    expect(within(panel).getByLabelText(/^Token value/)).toHaveProperty("value", "");
  });
});
