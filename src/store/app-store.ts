import { createStore, type StoreApi } from "zustand/vanilla";
import type { ViewState, WorkspaceRepository } from "../persistence/types.ts";
import { createDocumentSlice } from "./document-slice.ts";
import type { AppState } from "./types.ts";
import { createViewSlice } from "./view-slice.ts";
import { whenIdle } from "./when-idle.ts";

export type AppStore = StoreApi<AppState>;

/**
 * The app's one store: the document slice (the open workspace from the repository, its journal
 * length and a version bumped on every change) and the view slice (selection, viewport, collapsed
 * nodes, panels, animation, time travel), kept apart. Changes to the document go through
 * `repository.apply`; the store never touches the session manager itself.
 */
export function createAppStore(repository: WorkspaceRepository, options: { saveViewDelayMs?: number; snapshotDelayMs?: number } = {}): AppStore {
  const store = createStore<AppState>()((...a) => ({
    ...createDocumentSlice(repository)(...a),
    ...createViewSlice(...a),
  }));
  persistViewState(store, options.saveViewDelayMs ?? 400);
  snapshotWhenIdle(store, options.snapshotDelayMs ?? 1000);
  return store;
}

/**
 * After changes settle, asks the repository (when the browser is idle) to store a snapshot of the
 * open workspace, so the next open replays no tail. Snapshots only save time: a failed one is ignored.
 */
function snapshotWhenIdle(store: AppStore, delayMs: number): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  store.subscribe((s, prev) => {
    const kind = s.lastChange?.kind;
    if (s.lastChange === prev.lastChange || (kind !== "apply" && kind !== "undo" && kind !== "redo")) return;
    const { repository } = s;
    if (!repository.saveSnapshot) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      whenIdle(() => {
        const open = store.getState().open;
        if (open) void repository.saveSnapshot?.(open).catch(() => undefined);
      });
    }, delayMs);
  });
}

/** Saves the view state of the open workspace shortly after it changes, so a reload reopens it as it was. */
function persistViewState(store: AppStore, delayMs: number): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: { id: string; view: ViewState } | null = null;
  const flush = () => {
    timer = undefined;
    if (!pending) return;
    const { id, view } = pending;
    pending = null;
    void store.getState().repository.saveViewState(id, view).catch(() => undefined);
  };
  store.subscribe((s, prev) => {
    if (!s.open) return;
    if (s.open !== prev.open) {
      // Switching workspaces: save what the previous one looked like now, not later under the new id.
      if (pending) flush();
      return;
    }
    if (s.selectedNodeId === prev.selectedNodeId && s.viewport === prev.viewport && s.collapsed === prev.collapsed && s.openPanels === prev.openPanels) return;
    pending = {
      id: s.open.meta.id,
      view: { selectedNodeId: s.selectedNodeId, viewport: s.viewport ?? undefined, openPanels: [...s.openPanels], collapsed: [...s.collapsed] },
    };
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(flush, delayMs);
  });
}
