// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { StoreProvider } from "../store-context.tsx";
import { applyInStore as apply, storeWithCodeFlow } from "../test/store-fixture.ts";
import { AUTH_REQ } from "../test/workspace-fixture.ts";
import { TablesView } from "./tables-view.tsx";

// jsdom lays nothing out: give scroll containers a size so the virtualizer renders rows.
const sizes = { clientHeight: 2000, clientWidth: 1200 };
const saved = new Map<string, PropertyDescriptor | undefined>();
beforeAll(() => {
  for (const [key, value] of Object.entries(sizes)) {
    saved.set(key, Object.getOwnPropertyDescriptor(HTMLElement.prototype, key));
    Object.defineProperty(HTMLElement.prototype, key, { configurable: true, get: () => value });
  }
});
afterAll(() => {
  for (const [key, d] of saved) if (d) Object.defineProperty(HTMLElement.prototype, key, d);
});
afterEach(cleanup);

/** A store with diana's code flow and a second client (bob at client_2 with one access token). */
async function setup() {
  const { store, sessionId, code, at, rt } = await storeWithCodeFlow();
  const { sessionId: bobSid } = await apply(store, "createSession", { userId: "bob", clientId: "client_2", authReq: { ...AUTH_REQ, client_id: "client_2" } });
  const { value: bobAt } = await apply(store, "mintToken", { sessionId: bobSid, type: "access_token" });
  await apply(store, "revokeToken", { sessionId: bobSid, value: bobAt });
  render(
    <StoreProvider store={store}>
      <TablesView />
    </StoreProvider>,
  );
  return { store, sessionId, bobSid, code, at, rt, bobAt, user: userEvent.setup() };
}

const tokenTable = () => screen.getByRole("table", { name: "Tokens" });
/** The key-column text of each body row, top to bottom. */
const values = () =>
  within(tokenTable())
    .getAllByRole("row")
    .filter((r) => r.getAttribute("aria-rowindex") !== "1" && r.getAttribute("aria-hidden") !== "true")
    .map((r) => r.querySelector(".dt-select")!.textContent);

describe("tables", { timeout: 20_000 }, () => {
  it("lists the tokens as a table with aria-rowcount and one aria-rowindex per row", async () => {
    const { code, at, rt, bobAt } = await setup();
    const table = tokenTable();
    expect(table.getAttribute("aria-rowcount")).toBe("5");
    expect(values()).toEqual([code, at, rt, bobAt]);
    const indexes = within(table).getAllByRole("row").map((r) => r.getAttribute("aria-rowindex"));
    expect(indexes).toEqual(["1", "2", "3", "4", "5"]);
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent?.replace(/[▲▼↕]/g, "").trim())).toEqual([
      "Type",
      "Value",
      "Effective status",
      "used / max_usage",
      "Own is_active",
      "Expires",
      "Issued",
      "based_on",
      "Session id",
    ]);
  });

  it("sorts by a column from its header button and says so with aria-sort", async () => {
    const { user, code, at, rt, bobAt } = await setup();
    const header = within(tokenTable()).getByRole("columnheader", { name: /Type/ });
    expect(header.getAttribute("aria-sort")).toBe("none");
    await user.click(within(header).getByRole("button"));
    expect(header.getAttribute("aria-sort")).toBe("ascending");
    expect(values()).toEqual([at, bobAt, code, rt]);
    await user.click(within(header).getByRole("button"));
    expect(header.getAttribute("aria-sort")).toBe("descending");
    expect(values()).toEqual([rt, code, at, bobAt]);
  });

  it("filters by type and by effective status, and counts what is left", async () => {
    const { user, at, bobAt, code } = await setup();
    await user.selectOptions(screen.getByLabelText("Filter by type"), "access_token");
    expect(values()).toEqual([at, bobAt]);
    expect(screen.getByText("2 of 4 rows")).toBeTruthy();
    await user.selectOptions(screen.getByLabelText("Filter by status"), "revoked");
    expect(values()).toEqual([bobAt]);
    await user.selectOptions(screen.getByLabelText("Filter by type"), "");
    await user.selectOptions(screen.getByLabelText("Filter by status"), "used");
    expect(values()).toEqual([code]);
  });

  it("finds rows by any id or value: token value, token id, session id or based_on", async () => {
    const { user, store, sessionId, bobSid, code, at, rt, bobAt } = await setup();
    const search = screen.getByLabelText("Search by id or value");
    // Pasted, not typed: each keystroke would filter again, which is slow in jsdom and not the point.
    const find = async (text: string) => {
      await user.clear(search);
      await user.click(search);
      await user.paste(text);
    };
    await find(bobSid.slice(-10));
    expect(values()).toEqual([bobAt]);
    await find(code.toUpperCase());
    // The code itself and the two tokens minted from it (their based_on).
    expect(values()).toEqual([code, at, rt]);
    const tokenId = store.getState().open!.workspace.manager.findToken(sessionId, rt)!.id;
    await find(tokenId);
    expect(values()).toEqual([rt]);
    await find("no such thing");
    expect(values()).toEqual([]);
    expect(screen.getByText("No row matches the search and filters.")).toBeTruthy();
  });

  it("hides and shows a column from the column list", async () => {
    const { user } = await setup();
    const table = tokenTable();
    expect(within(table).queryByRole("columnheader", { name: /Session id/ })).not.toBeNull();
    expect(within(table).queryByRole("columnheader", { name: /Token id/ })).toBeNull();
    await user.click(screen.getByRole("checkbox", { name: "Session id" }));
    expect(within(table).queryByRole("columnheader", { name: /Session id/ })).toBeNull();
    await user.click(screen.getByRole("checkbox", { name: "Token id" }));
    expect(within(table).queryByRole("columnheader", { name: /Token id/ })).not.toBeNull();
    // The key column names each row: it cannot be hidden.
    expect(screen.queryByRole("checkbox", { name: "Value" })).toBeNull();
  });

  it("selects the graph node of a clicked row, and follows a selection made elsewhere to its level", async () => {
    const { user, store, at, sessionId } = await setup();
    await user.click(within(tokenTable()).getByRole("button", { name: at }));
    const selected = store.getState().selectedNodeId!;
    expect(selected).toMatch(/^t:/);
    expect(selected.endsWith(`:${at}`)).toBe(true);
    // The console fields follow, as they do for a graph selection.
    expect(store.getState().drafts.revokeToken).toMatchObject({ sessionId, value: at });
    expect(within(tokenTable()).getByRole("button", { name: at }).closest("tr")!.getAttribute("aria-current")).toBe("true");

    act(() => store.getState().select(`g:${sessionId}`));
    expect(screen.getByRole("tab", { name: /^Grants/ }).getAttribute("aria-selected")).toBe("true");
    const grants = screen.getByRole("table", { name: "Grants" });
    expect(within(grants).getByRole("button", { name: sessionId }).closest("tr")!.getAttribute("aria-current")).toBe("true");
  });

  it("moves the selection with the arrow keys from a row's button", async () => {
    const { user, store, code, at } = await setup();
    await user.click(within(tokenTable()).getByRole("button", { name: code }));
    await user.keyboard("{ArrowDown}");
    expect(store.getState().selectedNodeId?.endsWith(`:${at}`)).toBe(true);
  });

  it("shows the state of the step being viewed", async () => {
    const { store, bobAt } = await setup();
    const row = () => within(tokenTable()).getByRole("button", { name: bobAt }).closest("tr")!;
    expect(row().textContent).toContain("revoked");
    act(() => store.getState().setTimeTravelStep(7));
    expect(row().textContent).not.toContain("revoked");
    expect(row().textContent).toContain("active");
  });
});
