// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { grantNodeId, tokenNodeId } from "../graph/project-graph.ts";
import { StoreProvider } from "../store-context.tsx";
import { storeWithCodeFlow } from "../test/store-fixture.ts";
import { Inspector } from "./inspector.tsx";

afterEach(cleanup);

async function setup() {
  const { store, sessionId, code, at, rt } = await storeWithCodeFlow();
  render(
    <StoreProvider store={store}>
      <Inspector />
    </StoreProvider>,
  );
  return { store, sessionId, code, at, rt, user: userEvent.setup(), panel: screen.getByRole("complementary", { name: /^Inspector/ }) };
}

describe("inspector", { timeout: 20_000 }, () => {
  it("offers to mint only the types the token's supports_minting allows", async () => {
    const { store, sessionId, rt, at, panel } = await setup();
    act(() => store.getState().select(tokenNodeId(sessionId, rt)));
    const types = within(panel).getByLabelText("Token type") as HTMLSelectElement;
    expect([...types.options].map((o) => o.value)).toEqual(["access_token", "refresh_token"]);
    act(() => store.getState().select(tokenNodeId(sessionId, at)));
    expect(await within(panel).findByText("An access token cannot mint anything: its usage rules allow no minting.")).toBeTruthy();
    expect(within(panel).queryByRole("button", { name: "Mint token" })).toBeNull();
  });

  it("shows the node's JSON, its status with every reason in words, and acts through operations", async () => {
    const { store, sessionId, code, at, rt, user, panel } = await setup();
    act(() => store.getState().select(tokenNodeId(sessionId, code)));
    expect(await within(panel).findByText("It has been used 1 of 1 time, so it cannot be used again, and nothing can be minted from it.")).toBeTruthy();
    expect(JSON.parse(within(panel).getByLabelText("Node JSON").textContent!)).toMatchObject({ type: "authorization_code", value: code, used: 1 });

    await user.click(within(panel).getByRole("button", { name: "Revoke recursively" }));
    const outcome = await within(panel).findByRole("status");
    expect(outcome.textContent).toContain(`{"revoked":["${code}","${at}","${rt}"]}`);
    const m = store.getState().open!.workspace.manager;
    expect([code, at, rt].map((v) => m.tokenStatus(sessionId, v).reasons.includes("revoked"))).toEqual([true, true, true]);
  });

  it("names the refusal's code and reason when minting from a used code", async () => {
    const { store, sessionId, code, user, panel } = await setup();
    act(() => store.getState().select(tokenNodeId(sessionId, code)));
    await user.click(await within(panel).findByRole("button", { name: "Mint token" }));
    const alert = await within(panel).findByRole("alert");
    expect(alert.textContent).toContain("minting_not_allowed");
    expect(alert.textContent).toContain("token_inactive");
  });

  it("leaves an action to the console form when that form is open, so each button name is unique", async () => {
    const { store, sessionId, panel } = await setup();
    act(() => store.getState().select(grantNodeId(sessionId)));
    expect(within(panel).getByRole("button", { name: "Revoke grant" })).toBeTruthy();
    act(() => store.getState().setConsoleOp("revokeGrant"));
    expect(await within(panel).findByText("Revoke grant: use the form in the API console (filled from this node).")).toBeTruthy();
    expect(within(panel).queryByRole("button", { name: "Revoke grant" })).toBeNull();
  });
});
