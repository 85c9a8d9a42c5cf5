// TEMPORARY: a minimal in-memory WorkspaceRepository so the store and UI can run before
// src/persistence exports createRepository(). Delete once the persistence layer lands.
import { Workspace, type JournalEntry, type Operation } from "../ops/index.ts";
import type { OpenWorkspace, PersistStatus, ViewState, WorkspaceMeta, WorkspaceRepository } from "../persistence/types.ts";

interface Stored {
  open: OpenWorkspace;
  view?: ViewState;
}

export function createMemoryRepository(now: () => number = () => Date.now()): WorkspaceRepository {
  const stored = new Map<string, Stored>();
  let lastOpened: string | undefined;
  let counter = 0;
  const status: PersistStatus = { backend: "memory", persisted: null, reason: "The persistence layer is not wired in yet." };

  const uniqueName = (name: string) => {
    const names = new Set([...stored.values()].map((s) => s.open.meta.name));
    if (!names.has(name)) return name;
    for (let i = 2; ; i++) if (!names.has(`${name} (${i})`)) return `${name} (${i})`;
  };
  const add = (workspace: Workspace): OpenWorkspace => {
    const id = `ws-${++counter}`;
    workspace.name = uniqueName(workspace.name);
    const meta: WorkspaceMeta = {
      id, name: workspace.name, seed: workspace.seed, start_time: workspace.start_time, settings: workspace.settings,
      notes: workspace.notes ?? "", created_at: now(), updated_at: now(), length: workspace.journal.length,
    };
    const open: OpenWorkspace = { meta, workspace, redo: [] };
    stored.set(id, { open });
    return open;
  };
  const get = (id: string): Stored => {
    const s = stored.get(id);
    if (!s) throw new Error(`There is no workspace with id "${id}".`);
    return s;
  };
  const touch = (open: OpenWorkspace) => {
    open.meta.length = open.workspace.journal.length;
    open.meta.updated_at = now();
  };

  return {
    status,
    async listWorkspaces() {
      return [...stored.values()].map((s) => ({ ...s.open.meta }));
    },
    async createWorkspace(init) {
      const seed = init.seed ?? Math.random().toString(16).slice(2).padEnd(12, "0");
      const start = init.start_time ?? Math.floor(now() / 1000);
      return add(new Workspace({ name: init.name, notes: init.notes, seed, start_time: start, settings: init.settings }));
    },
    async openWorkspace(id) {
      return get(id).open;
    },
    async apply(open, operation: Operation) {
      const entry = open.workspace.apply(operation);
      open.redo = [];
      touch(open);
      return entry;
    },
    async undo(open) {
      const entry = open.workspace.undo();
      if (entry) open.redo.push(entry);
      touch(open);
      return entry;
    },
    async redo(open) {
      const undone = open.redo.pop();
      if (!undone) return undefined;
      const entry: JournalEntry = open.workspace.apply(undone.operation);
      touch(open);
      return entry;
    },
    async fork(open, k, name) {
      return add(open.workspace.fork(k, name));
    },
    async rename(id, name) {
      const s = get(id);
      s.open.meta.name = name;
      s.open.workspace.name = name;
    },
    async deleteWorkspace(id) {
      stored.delete(id);
    },
    async reload(open) {
      return get(open.meta.id).open;
    },
    async importStateFile(text) {
      return add(Workspace.fromStateFile(text));
    },
    async importWorkspace(workspace) {
      return add(workspace);
    },
    exportStateFile(open) {
      return { fileName: `${open.meta.name.replace(/[^\w.-]+/g, "-")}.oidc-session.json`, text: open.workspace.toStateFile({ space: 2 }) };
    },
    async saveViewState(id, view) {
      const s = stored.get(id);
      if (s) s.view = view;
    },
    async loadViewState(id) {
      return stored.get(id)?.view;
    },
    async getLastOpened() {
      return lastOpened;
    },
    async setLastOpened(id) {
      lastOpened = id;
    },
    subscribe() {
      return () => {};
    },
    close() {},
  };
}
