import { afterEach, describe, expect, it, vi } from "vitest";
import { MemoryWorkspaceRepository, type OpenWorkspace } from "../persistence/index.ts";
import { createAppStore } from "./app-store.ts";

const AUTH_REQ = { client_id: "client_1", redirect_uri: "https://example.com/cb", scope: "openid email", response_type: "code" };

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function started(snapshotDelayMs: number) {
  const repository = new MemoryWorkspaceRepository();
  const saved: number[] = [];
  const save = repository.saveSnapshot.bind(repository);
  repository.saveSnapshot = (open: OpenWorkspace) => {
    saved.push(open.workspace.journal.length);
    return save(open);
  };
  const store = createAppStore(repository, { saveViewDelayMs: 0, snapshotDelayMs });
  await store.getState().init();
  return { store, repository, saved };
}

describe("idle snapshots", () => {
  it("stores one snapshot of the newest state once changes settle and the browser is idle", async () => {
    const idle: (() => void)[] = [];
    vi.stubGlobal("requestIdleCallback", (task: () => void) => idle.push(task));
    const { store, saved } = await started(50);
    await store.getState().applyOperation({ op: "createSession", args: { userId: "diana", clientId: "client_1", authReq: AUTH_REQ } });
    await store.getState().applyOperation({ op: "createSession", args: { userId: "erik", clientId: "client_1", authReq: AUTH_REQ } });
    expect(saved).toEqual([]);
    await vi.waitFor(() => expect(idle).toHaveLength(1));
    expect(saved).toEqual([]); // not before the browser says it is idle
    idle[0]();
    expect(saved).toEqual([2]);
  });

  it("falls back to a timer where there is no requestIdleCallback, and snapshots after undo too", async () => {
    vi.stubGlobal("requestIdleCallback", undefined);
    const { store, saved } = await started(0);
    await store.getState().applyOperation({ op: "createSession", args: { userId: "diana", clientId: "client_1", authReq: AUTH_REQ } });
    await vi.waitFor(() => expect(saved).toEqual([1]));
    await store.getState().undo();
    await vi.waitFor(() => expect(saved).toEqual([1, 0]));
  });

  it("does not snapshot on opening a workspace, which changes nothing", async () => {
    const idle: (() => void)[] = [];
    vi.stubGlobal("requestIdleCallback", (task: () => void) => idle.push(task));
    const { store, saved } = await started(0);
    // Fake timers: every timer the open could have set runs now, instead of waiting and hoping.
    // Idle callbacks stay with the stub above, so the test sees each one asked for.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
    await store.getState().createWorkspace("Second");
    await vi.runAllTimersAsync();
    expect(idle).toEqual([]);
    expect(saved).toEqual([]);
    // The same steps after an operation do store a snapshot, so the checks above can fail.
    await store.getState().applyOperation({ op: "createSession", args: { userId: "diana", clientId: "client_1", authReq: AUTH_REQ } });
    await vi.runAllTimersAsync();
    expect(idle).toHaveLength(1);
    idle[0]();
    expect(saved).toEqual([1]);
  });
});
