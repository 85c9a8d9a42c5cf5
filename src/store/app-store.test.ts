import { describe, expect, it } from "vitest";
import { createAppStore } from "./app-store.ts";
import { MemoryWorkspaceRepository } from "../persistence/index.ts";
import { fillDrafts } from "./view-slice.ts";
import { DEFAULT_SETTINGS } from "./defaults.ts";
import { selectCanRedo, selectCanUndo, selectJournal, selectNow } from "./selectors.ts";

const AUTH_REQ = { client_id: "client_1", redirect_uri: "https://example.com/cb", scope: "openid email", response_type: "code" };

async function started() {
  const repository = new MemoryWorkspaceRepository();
  const store = createAppStore(repository, { saveViewDelayMs: 0 });
  await store.getState().init();
  return { store, repository };
}

async function session(store: Awaited<ReturnType<typeof started>>["store"]) {
  const entry = await store.getState().applyOperation({ op: "createSession", args: { userId: "diana", clientId: "client_1", authReq: AUTH_REQ } });
  return (entry as { result: { sessionId: string } }).result.sessionId;
}

describe("app store", () => {
  it("opens a first workspace with realistic lifetimes on start", async () => {
    const { store } = await started();
    const s = store.getState();
    expect(s.ready).toBe(true);
    expect(s.open?.meta.name).toBe("My workspace");
    expect(s.open?.workspace.settings).toEqual(DEFAULT_SETTINGS);
    expect(s.workspaces).toHaveLength(1);
  });

  it("applies an operation through the repository, bumping the version and recording the outcome", async () => {
    const { store } = await started();
    const v0 = store.getState().version;
    const sid = await session(store);
    const s = store.getState();
    expect(s.version).toBeGreaterThan(v0);
    expect(s.journalLength).toBe(1);
    expect(s.outcomes.console).toEqual({ ok: true, seq: 1, op: "createSession", result: { sessionId: sid } });
    expect(s.lastChange?.kind).toBe("apply");
    expect(s.open!.workspace.manager.getGrant(sid).scope).toEqual(["openid", "email"]);
  });

  it("reports a refused mint with its code, message and reason", async () => {
    const { store } = await started();
    const sid = await session(store);
    const apply = store.getState().applyOperation;
    const code = ((await apply({ op: "mintToken", args: { sessionId: sid, type: "authorization_code" } })) as { result: { value: string } }).result.value;
    await apply({ op: "registerUsage", args: { sessionId: sid, value: code } });
    await apply({ op: "mintToken", args: { sessionId: sid, type: "access_token", basedOn: code } }, "inspector");
    const outcome = store.getState().outcomes.inspector;
    expect(outcome).toMatchObject({ ok: false, code: "minting_not_allowed", reason: "token_inactive", seq: 4 });
    expect(outcome.ok === false && outcome.message).toContain("is not active");
    // Refused, but journaled: bug reports need it.
    expect(store.getState().journalLength).toBe(4);
  });

  it("lists every problem of an operation with bad arguments", async () => {
    const { store } = await started();
    await store.getState().applyOperation({ op: "advanceClock", args: { seconds: -5 } });
    const outcome = store.getState().outcomes.console;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.code).toBe("invalid_argument");
    expect(outcome.problems?.[0].path).toBe("args.seconds");
  });

  it("undoes and redoes through the repository", async () => {
    const { store } = await started();
    await session(store);
    await store.getState().applyOperation({ op: "advanceClock", args: { seconds: 60 } });
    const t1 = selectNow(store.getState());
    await store.getState().undo();
    expect(store.getState().journalLength).toBe(1);
    expect(selectNow(store.getState())).toBe(t1! - 60);
    expect(selectCanRedo(store.getState())).toBe(true);
    await store.getState().redo();
    expect(store.getState().journalLength).toBe(2);
    expect(selectNow(store.getState())).toBe(t1);
    expect(selectCanRedo(store.getState())).toBe(false);
    expect(selectCanUndo(store.getState())).toBe(true);
  });

  it("runs operations in the order they were issued", async () => {
    const { store } = await started();
    const apply = store.getState().applyOperation;
    await Promise.all([
      apply({ op: "advanceClock", args: { seconds: 1 } }),
      apply({ op: "advanceClock", args: { seconds: 2 } }),
      apply({ op: "advanceClock", args: { seconds: 3 } }),
    ]);
    expect(selectJournal(store.getState()).map((e) => (e.operation.args as { seconds: number }).seconds)).toEqual([1, 2, 3]);
  });

  it("refuses an operation while a past step is shown, changing nothing, and applies it back at now", async () => {
    const { store } = await started();
    await session(store);
    await store.getState().applyOperation({ op: "advanceClock", args: { seconds: 60 } });
    store.getState().setTimeTravelStep(1);
    expect(store.getState().timeTravelStep).toBe(1);
    expect(await store.getState().applyOperation({ op: "advanceClock", args: { seconds: 60 } }, "clock")).toBeUndefined();
    expect(store.getState().journalLength).toBe(2);
    expect(store.getState().timeTravelStep).toBe(1);
    expect(store.getState().outcomes.clock).toMatchObject({ ok: false, code: "read_only_step", op: "advanceClock" });
    store.getState().setTimeTravelStep(null);
    await store.getState().applyOperation({ op: "advanceClock", args: { seconds: 60 } }, "clock");
    expect(store.getState().journalLength).toBe(3);
  });

  it("keeps the active tab when another workspace opens, and closes the scenario guide", async () => {
    const { store } = await started();
    store.getState().setActiveTab("tables");
    store.getState().setScenarioGuide("code-flow");
    await store.getState().createWorkspace("Second");
    expect(store.getState().activeTab).toBe("tables");
    expect(store.getState().scenarioGuide).toBeNull();
  });

  it("keeps each table's sorting, filters and columns, and the table level, when another workspace opens", async () => {
    const { store } = await started();
    const view = { sorting: [{ id: "type", desc: true }], columnFilters: [{ id: "type", value: "id_token" }], globalFilter: "at_", columnVisibility: { id: false } };
    store.getState().setTableLevel("grant");
    store.getState().setTableView("token", view);
    await store.getState().createWorkspace("Second");
    expect(store.getState().tableLevel).toBe("grant");
    expect(store.getState().tableViews).toEqual({ token: view });
  });

  it("saves the view state and restores it when the workspace is opened again", async () => {
    const { store } = await started();
    const first = store.getState().open!.meta.id;
    store.getState().select("u:diana");
    store.getState().toggleCollapsed("g:x");
    await new Promise((r) => setTimeout(r, 5));
    await store.getState().createWorkspace("Second");
    expect(store.getState().selectedNodeId).toBeNull();
    await store.getState().openWorkspace(first);
    expect(store.getState().selectedNodeId).toBe("u:diana");
    expect(store.getState().collapsed).toEqual(["g:x"]);
  });

  it("says what it is busy with while a state file is imported, and clears it when done or refused", async () => {
    const { store, repository } = await started();
    const seen: (string | null)[] = [];
    store.subscribe((s, prev) => {
      if (s.busy !== prev.busy) seen.push(s.busy);
    });
    const source = await repository.createWorkspace({ name: "Source", seed: "s", start_time: 1_700_000_000 });
    expect(await store.getState().importStateText(source.workspace.toStateFile())).toBe(true);
    expect(await store.getState().importStateText("{ not json")).toBe(false);
    expect(seen).toEqual(["Importing the state file (1 KB)…", null, "Importing the state file (1 KB)…", null]);
    expect(store.getState().busy).toBeNull();
  });

  it("keeps a failed import from changing the open workspace and says why", async () => {
    const { store } = await started();
    const id = store.getState().open!.meta.id;
    expect(await store.getState().importStateText("{ not json")).toBe(false);
    expect(store.getState().failure?.code).toBe("invalid_state_file");
    expect(store.getState().open!.meta.id).toBe(id);
  });

  it("does not animate a single level, and steps through levels until done", async () => {
    const { store } = await started();
    store.getState().startAnimation([["a"]], {});
    expect(store.getState().animation).toBeNull();
    store.getState().startAnimation([["a"], ["b"], ["c"]], {});
    const id = store.getState().animation!.id;
    expect(store.getState().animation!.shown).toBe(1);
    store.getState().stepAnimation(id);
    expect(store.getState().animation!.shown).toBe(2);
    store.getState().stepAnimation(id);
    expect(store.getState().animation).toBeNull();
  });
});

describe("fillDrafts", () => {
  it("fills session ids, token values and basedOn from a selected token", () => {
    const d = fillDrafts({}, { userId: "diana", clientId: "client_1", sessionId: "diana;;client_1;;g", value: "at_1" });
    expect(d.mintToken).toEqual({ sessionId: "diana;;client_1;;g", basedOn: "at_1" });
    expect(d.registerUsage).toEqual({ sessionId: "diana;;client_1;;g", value: "at_1" });
    expect(d.revokeToken).toEqual({ sessionId: "diana;;client_1;;g", value: "at_1" });
    expect(d.revokeClientSession).toEqual({ sessionId: "diana;;client_1;;g" });
    expect(d.createSession).toEqual({ userId: "diana", clientId: "client_1" });
  });

  it("gives revokeClientSession the 2-part id of a selected client session and clears basedOn for a grant", () => {
    let d = fillDrafts({ mintToken: { basedOn: "old", type: "access_token" } }, { userId: "diana", clientId: "client_1", clientSessionId: "diana;;client_1" });
    expect(d.revokeClientSession).toEqual({ sessionId: "diana;;client_1" });
    d = fillDrafts(d, { sessionId: "diana;;client_1;;g" });
    expect(d.mintToken).toEqual({ basedOn: "", type: "access_token", sessionId: "diana;;client_1;;g" });
  });
});
