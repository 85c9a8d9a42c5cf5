import type { RestoreSource } from "./restore-workspace.ts";
import type { AppliedStep, JournalEntry, Operation, Workspace, WorkspaceSettings } from "../ops/index.ts";

// The contract between the persistence layer (Dexie) and the store/UI above it.
// The store only talks to a `WorkspaceRepository`; the Dexie one and the in-memory one
// (used when IndexedDB is unavailable) both implement it.

/** A workspace's stored description (document state). */
export interface WorkspaceMeta {
  id: string;
  name: string;
  seed: string;
  start_time: number;
  settings: WorkspaceSettings;
  notes: string;
  created_at: number; // wall-clock ms
  updated_at: number; // wall-clock ms
  /** Number of journal entries. */
  length: number;
  /**
   * Bumped by every change to the journal (append, undo, redo). A write whose expected revision
   * is no longer the stored one was overtaken by another tab and is refused as a "conflict".
   */
  revision?: number;
}

/** View state saved per workspace so a reload reopens it as it was (never part of exports). */
export interface ViewState {
  selectedNodeId?: string | null;
  viewport?: { x: number; y: number; zoom: number };
  openPanels?: string[];
  [k: string]: unknown;
}

/** An open workspace: its description and the live `Workspace` (journal + manager). */
export interface OpenWorkspace {
  meta: WorkspaceMeta;
  workspace: Workspace;
  /** Entries undone and not yet redone, newest last. */
  redo: JournalEntry[];
  /** How the state was rebuilt when the workspace was opened (for diagnostics and benchmarks). */
  restoredFrom?: RestoreSource;
}

/** Why a write failed, in a form the UI can switch on. */
export type StorageFailureCode = "quota_exceeded" | "transaction_aborted" | "database_closed" | "conflict" | "unavailable" | "unknown";

export interface PersistStatus {
  /** "indexeddb" when saving works; "memory" when nothing is saved (banner). */
  backend: "indexeddb" | "memory";
  /** Result of navigator.storage.persist(), when asked. */
  persisted: boolean | null;
  reason?: string;
}

/** Something that happened to a workspace in another tab. */
export interface ExternalChange {
  workspaceId: string;
  kind: "appended" | "undone" | "redone" | "renamed" | "deleted" | "created";
}

export interface WorkspaceRepository {
  readonly status: PersistStatus;
  listWorkspaces(): Promise<WorkspaceMeta[]>;
  createWorkspace(init: { name: string; seed?: string; start_time?: number; settings?: WorkspaceSettings; notes?: string }): Promise<OpenWorkspace>;
  openWorkspace(id: string): Promise<OpenWorkspace>;
  /**
   * Applies the operation and persists its journal entry in one transaction before resolving.
   * On a storage failure it rejects with a `StorageError` and the open workspace's state is
   * rolled back to the persisted one. A refused operation (core error) is journaled and resolves.
   */
  apply(open: OpenWorkspace, operation: Operation): Promise<JournalEntry>;
  /** As `apply`, also resolving to the error a refused operation was refused with (its `reason`, its `problems`). */
  run(open: OpenWorkspace, operation: Operation): Promise<AppliedStep>;
  undo(open: OpenWorkspace): Promise<JournalEntry | undefined>;
  redo(open: OpenWorkspace): Promise<JournalEntry | undefined>;
  /** New workspace with the first k entries. */
  fork(open: OpenWorkspace, k: number, name?: string): Promise<OpenWorkspace>;
  rename(id: string, name: string): Promise<void>;
  deleteWorkspace(id: string): Promise<void>;
  /** Re-reads a workspace changed elsewhere (another tab). */
  reload(open: OpenWorkspace): Promise<OpenWorkspace>;
  /** Import a state file's text as a new workspace (never overwrites; a clashing name gets a suffix). */
  importStateFile(text: string): Promise<OpenWorkspace>;
  /** Import an already-built Workspace (share links, Python dumps, scenarios) as a new workspace. */
  importWorkspace(workspace: Workspace): Promise<OpenWorkspace>;
  /** The state file as text: indented when small, compact when large. */
  exportStateFile(open: OpenWorkspace): { fileName: string; text: string };
  /** The same file as a Blob, assembled from what is already stored where it can be (the app's export). */
  exportStateBlob(open: OpenWorkspace, exportedAt?: string): Promise<{ fileName: string; blob: Blob }>;
  saveViewState(id: string, view: ViewState): Promise<void>;
  loadViewState(id: string): Promise<ViewState | undefined>;
  /** The workspace the user had open last (reopened on reload). */
  getLastOpened(): Promise<string | undefined>;
  setLastOpened(id: string): Promise<void>;
  /**
   * Stores a snapshot of the current state so the next open replays no tail (call when idle).
   * Optional: a repository without it just relies on the snapshots written every 100 entries.
   */
  saveSnapshot?(open: OpenWorkspace): Promise<void>;
  /** Calls back when another tab changes a workspace; returns an unsubscribe function. */
  subscribe(listener: (change: ExternalChange) => void): () => void;
  /**
   * Calls back (with what to tell the user) when the database goes away under the page: deleted
   * by another tab or by clearing site data, or upgraded by a newer version of the app. Optional:
   * a memory repository has nothing to lose.
   */
  onStorageLost?(listener: (message: string) => void): () => void;
  /** Asks the browser again for persistent storage and returns the status with its answer. Optional: memory has nothing to keep. */
  requestPersistence?(): Promise<PersistStatus>;
  close(): void;
}
