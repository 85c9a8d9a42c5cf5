import type { StateCreator } from "zustand";
import { InvalidArgument, InvalidStateFile, MintingNotAllowed, SessionError } from "../core/index.ts";
import type { AppliedStep, Operation, Workspace } from "../ops/index.ts";
import { formatSize } from "../persistence/format-size.ts";
import type { OpenWorkspace, WorkspaceRepository } from "../persistence/types.ts";
import { DEFAULT_SETTINGS, DEFAULT_WORKSPACE_NAME } from "./defaults.ts";
import type { AppState, DocumentSlice, Failure, Outcome } from "./types.ts";
import { initialViewState } from "./view-slice.ts";

type DocumentActions = Pick<
  AppState,
  | "init"
  | "applyOperation"
  | "undo"
  | "redo"
  | "createWorkspace"
  | "openWorkspace"
  | "renameWorkspace"
  | "deleteWorkspace"
  | "forkAt"
  | "importStateText"
  | "importWorkspace"
  | "exportState"
  | "dismissFailure"
  | "setNotice"
  | "setFailure"
  | "requestPersistentStorage"
>;

/** Records how long a step took (User Timing), for the benchmarks and devtools. */
function timing(name: string, start: number, detail: Record<string, unknown>): void {
  try {
    performance.measure(name, { start, end: performance.now(), detail });
  } catch {
    // No User Timing Level 3: nothing depends on it.
  }
}

/** Any thrown value as a failure to show: core errors keep their code and problems. */
export function toFailure(e: unknown): Failure {
  if (e instanceof SessionError) {
    const problems = (e as { problems?: Failure["problems"] }).problems;
    return { code: e.code, message: e.message, ...(problems?.length ? { problems } : {}) };
  }
  if (e && typeof e === "object" && "message" in e) {
    const { code, message } = e as { code?: unknown; message: unknown };
    return { code: typeof code === "string" ? code : "error", message: String(message) };
  }
  return { code: "error", message: String(e) };
}

/** What a refusal says beyond its code and message: a minting refusal's `reason`, bad arguments' `problems`. */
function explainRefusal(error: SessionError | null): Pick<Extract<Outcome, { ok: false }>, "reason" | "problems"> {
  if (error instanceof MintingNotAllowed) return { reason: error.reason };
  if ((error instanceof InvalidArgument || error instanceof InvalidStateFile) && error.problems.length) return { problems: error.problems };
  return {};
}

export function createDocumentSlice(repository: WorkspaceRepository): StateCreator<AppState, [], [], DocumentSlice & DocumentActions> {
  return (set, get) => {
    let changeIds = 0;
    // Operations run one after another, in the order they were issued, whatever the storage latency.
    let queue: Promise<unknown> = Promise.resolve();
    const serial = <T>(task: () => Promise<T>): Promise<T> => {
      const next = queue.then(task, task);
      queue = next.catch(() => undefined);
      return next;
    };

    const documentState = (open: OpenWorkspace | null): Partial<DocumentSlice> => ({
      open,
      journalLength: open?.workspace.journal.length ?? 0,
      redoLength: open?.redo.length ?? 0,
      version: get().version + 1,
    });

    const refreshList = async () => {
      const workspaces = await repository.listWorkspaces();
      set({ workspaces: workspaces.sort((a, b) => a.created_at - b.created_at) });
    };

    /** Shows `open` with the view state it was left in. */
    const show = async (open: OpenWorkspace, kind: "open" | "reload" = "open") => {
      const view = (await repository.loadViewState(open.meta.id).catch(() => undefined)) ?? {};
      await repository.setLastOpened(open.meta.id).catch(() => undefined);
      set({
        ...documentState(open),
        lastChange: { id: ++changeIds, kind },
        ...initialViewState,
        consoleOp: get().consoleOp,
        // Ids typed or filled from a selection name another workspace's sessions: start afresh.
        drafts: kind === "reload" ? get().drafts : {},
        activeTab: get().activeTab,
        tableLevel: get().tableLevel,
        tableViews: get().tableViews,
        selectedNodeId: typeof view.selectedNodeId === "string" ? view.selectedNodeId : null,
        viewport: view.viewport ?? null,
        collapsed: Array.isArray(view.collapsed) ? (view.collapsed as string[]).filter((x) => typeof x === "string") : [],
        openPanels: Array.isArray(view.openPanels) ? view.openPanels : [],
      });
      await refreshList();
    };

    /**
     * Runs a task that may take seconds with `busy` saying what it is. The label is painted before
     * the task starts: parsing and checking a large file holds the main thread until it is done.
     */
    const working = async <T>(label: string, task: () => Promise<T>): Promise<T> => {
      set({ busy: label });
      await nextPaint();
      try {
        return await task();
      } finally {
        set({ busy: null });
      }
    };

    const guard = async (task: () => Promise<void>) => {
      try {
        await task();
      } catch (e) {
        set({ failure: toFailure(e) });
      }
    };

    return {
      repository,
      storage: repository.status,
      ready: false,
      workspaces: [],
      open: null,
      journalLength: 0,
      redoLength: 0,
      version: 0,
      lastChange: null,
      failure: null,
      notice: null,
      busy: null,

      async init() {
        await guard(async () => {
          const list = await repository.listWorkspaces();
          const last = await repository.getLastOpened().catch(() => undefined);
          const id = last && list.some((m) => m.id === last) ? last : list[0]?.id;
          let open: OpenWorkspace;
          try {
            const started = performance.now();
            open = id ? await repository.openWorkspace(id) : await repository.createWorkspace({ name: DEFAULT_WORKSPACE_NAME, settings: DEFAULT_SETTINGS });
            timing("store:open", started, { entries: open.workspace.journal.length });
          } catch (e) {
            set({ failure: toFailure(e) });
            open = await repository.createWorkspace({ name: DEFAULT_WORKSPACE_NAME, settings: DEFAULT_SETTINGS });
          }
          await show(open);
        });
        set({ ready: true, storage: repository.status });
        repository.onStorageLost?.((message) => set({ failure: { code: "database_closed", message } }));
        repository.subscribe((change) => {
          const open = get().open;
          void serial(async () => {
            if (open && change.workspaceId === open.meta.id) {
              if (change.kind === "deleted") {
                const rest = (await repository.listWorkspaces()).filter((m) => m.id !== open.meta.id);
                const next = rest[0] ? await repository.openWorkspace(rest[0].id) : await repository.createWorkspace({ name: DEFAULT_WORKSPACE_NAME, settings: DEFAULT_SETTINGS });
                await show(next);
                set({ notice: `The workspace "${open.meta.name}" was deleted in another tab.` });
              } else {
                const reloaded = await repository.reload(open);
                set({ ...documentState(reloaded), lastChange: { id: ++changeIds, kind: "reload" }, timeTravelStep: null, animation: null });
              }
            }
            await refreshList();
          }).catch((e) => set({ failure: toFailure(e) }));
        });
      },

      applyOperation(operation, origin = "console") {
        return serial(async () => {
          const open = get().open;
          if (!open) return undefined;
          const step = get().timeTravelStep;
          if (step !== null) {
            // A past step is shown read only: acting on it would change the present the user cannot see.
            const message = `You are viewing step ${step} of ${open.workspace.journal.length}, which is read only. Go back to now to act on the present, or fork from this step to continue from it in a new workspace.`;
            set({ outcomes: { ...get().outcomes, [origin]: { ok: false, op: operation.op, code: "read_only_step", message } } });
            return undefined;
          }
          let applied: AppliedStep;
          const started = performance.now();
          try {
            applied = await repository.run(open, operation as Operation);
            timing("store:apply", started, { op: operation.op });
          } catch (e) {
            // A storage failure: the repository rolled the state back to what is stored.
            const failure = toFailure(e);
            set({ ...documentState(open), failure, outcomes: { ...get().outcomes, [origin]: { ok: false, op: operation.op, ...failure } } });
            return undefined;
          }
          const { entry } = applied;
          let outcome: Outcome;
          if ("error" in entry) {
            const extra = explainRefusal(applied.error);
            outcome = { ok: false, seq: entry.seq, op: operation.op, code: entry.error.code, message: entry.error.message, ...extra };
          } else {
            outcome = { ok: true, seq: entry.seq, op: entry.operation.op, result: entry.result };
          }
          set({
            ...documentState(open),
            lastChange: { id: ++changeIds, kind: "apply", entry },
            outcomes: { ...get().outcomes, [origin]: outcome },
            timeTravelStep: null,
            animation: null,
          });
          void refreshList().catch(() => undefined);
          return entry;
        });
      },

      undo() {
        return serial(async () => {
          const open = get().open;
          if (!open || open.workspace.journal.length === 0) return;
          try {
            const entry = await repository.undo(open);
            set({ ...documentState(open), lastChange: { id: ++changeIds, kind: "undo", entry }, timeTravelStep: null, animation: null, outcomes: {} });
          } catch (e) {
            set({ ...documentState(open), failure: toFailure(e) });
          }
        });
      },

      redo() {
        return serial(async () => {
          const open = get().open;
          if (!open || open.redo.length === 0) return;
          try {
            const entry = await repository.redo(open);
            set({ ...documentState(open), lastChange: { id: ++changeIds, kind: "redo", entry }, timeTravelStep: null, animation: null, outcomes: {} });
          } catch (e) {
            set({ ...documentState(open), failure: toFailure(e) });
          }
        });
      },

      createWorkspace(name = "Untitled workspace", settings = DEFAULT_SETTINGS) {
        return serial(() => guard(async () => show(await repository.createWorkspace({ name, settings }))));
      },

      openWorkspace(id) {
        const name = get().workspaces.find((w) => w.id === id)?.name ?? "the workspace";
        return serial(() => guard(() => working(`Opening “${name}”…`, async () => show(await repository.openWorkspace(id)))));
      },

      renameWorkspace(id, name) {
        return serial(() =>
          guard(async () => {
            await repository.rename(id, name);
            const open = get().open;
            if (open && open.meta.id === id) {
              open.meta.name = name;
              open.workspace.name = name;
              set({ version: get().version + 1 });
            }
            await refreshList();
          }),
        );
      },

      deleteWorkspace(id) {
        return serial(() =>
          guard(async () => {
            await repository.deleteWorkspace(id);
            if (get().open?.meta.id === id) {
              const rest = await repository.listWorkspaces();
              const next = rest[0] ? await repository.openWorkspace(rest[0].id) : await repository.createWorkspace({ name: DEFAULT_WORKSPACE_NAME, settings: DEFAULT_SETTINGS });
              await show(next);
            } else await refreshList();
          }),
        );
      },

      forkAt(step) {
        return serial(() =>
          guard(async () => {
            const open = get().open;
            if (open) await show(await repository.fork(open, step));
          }),
        );
      },

      importStateText(text) {
        return serial(async () => {
          try {
            await working(`Importing the state file (${formatSize(text.length)})…`, async () => {
              const started = performance.now();
              const open = await repository.importStateFile(text);
              timing("store:import", started, { entries: open.workspace.journal.length });
              await show(open);
            });
            return true;
          } catch (e) {
            set({ failure: toFailure(e) });
            return false;
          }
        });
      },

      importWorkspace(workspace: Workspace, notice?: string) {
        return serial(async () => {
          try {
            await working("Storing the imported workspace…", async () => show(await repository.importWorkspace(workspace)));
            if (notice) set({ notice });
            return true;
          } catch (e) {
            set({ failure: toFailure(e) });
            return false;
          }
        });
      },

      async exportState() {
        const open = get().open;
        return open ? repository.exportStateBlob(open) : null;
      },

      async requestPersistentStorage() {
        const status = await repository.requestPersistence?.();
        if (status) set({ storage: status });
      },

      dismissFailure() {
        set({ failure: null });
      },
      setNotice(text) {
        set({ notice: text });
      },
      setFailure(failure) {
        set({ failure });
      },
    };
  };
}

/** Resolves after the browser has had a chance to paint (at once where there is nothing to paint). */
function nextPaint(): Promise<void> {
  if (typeof requestAnimationFrame !== "function") return Promise.resolve();
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
