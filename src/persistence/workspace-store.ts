import type { JournalEntry } from "../ops/index.ts";
import type { WorkspaceRow } from "./db.ts";
import type { SnapshotRecord } from "./restore-workspace.ts";
import { StorageError } from "./storage-error.ts";
import type { ViewState } from "./types.ts";

/** What a store holds for one workspace. */
export interface StoredWorkspace {
  meta: WorkspaceRow;
  journal: JournalEntry[];
  /** The newest snapshot at or below the journal length, unless it was not worth reading. */
  snapshot: SnapshotRecord | undefined;
  /** Set when a stored snapshot was left unread (`load`'s `worthReading`). */
  snapshotSkipped?: { seq: number; bytes: number };
}

/** What `create` stores besides the journal. */
export interface NewWorkspace {
  /** The row, but for its id (`create`'s) and its name (made unique by `create`). */
  row: Omit<WorkspaceRow, "id">;
  snapshot: SnapshotRecord | undefined;
}

/** The journal a write expects to find; anything else means another tab got there first. */
export interface Expected {
  revision: number;
  length: number;
}

/** How many snapshots are kept per workspace: enough for a few hundred undos without a full replay. */
export const SNAPSHOTS_KEPT = 3;

/**
 * The storage under a repository: Dexie (IndexedDB) or memory. Every method that changes
 * anything does it atomically: all of it or none of it.
 */
export interface WorkspaceStore {
  /** True when snapshots are kept as JSON text, which `putSnapshot` then accepts already written. */
  readonly keepsJson: boolean;
  list(): Promise<WorkspaceRow[]>;
  /**
   * The workspace, its journal and its newest snapshot at or below the journal length; a snapshot
   * for which `worthReading(seq, bytes)` says no is left unread (stores that know its size ask).
   */
  load(id: string, worthReading?: (seq: number, bytes: number) => boolean): Promise<StoredWorkspace | undefined>;
  /** The newest snapshot with `seq <= atMost`. */
  snapshotAtMost(id: string, atMost: number): Promise<SnapshotRecord | undefined>;
  /**
   * Stores a new workspace with id `id` and `journal`, giving it a name no other workspace has
   * (decided in the same transaction). `prepare` gives its row and snapshot; it is called once the
   * journal is being written, so it can check that journal meanwhile: when it throws, nothing is
   * stored and its error is what `create` throws.
   */
  create(id: string, journal: readonly JournalEntry[], prepare: () => NewWorkspace): Promise<WorkspaceRow>;
  /** Appends `entry` (seq = expected.length + 1) and the optional snapshot; returns the new revision. */
  append(id: string, expected: Expected, entry: JournalEntry, snapshot: SnapshotRecord | undefined, updatedAt: number): Promise<number>;
  /** Removes entry `expected.length` and every snapshot after the entry before it. */
  removeLast(id: string, expected: Expected, updatedAt: number): Promise<{ revision: number; snapshot: SnapshotRecord | undefined }>;
  /** Stores a snapshot; `json` is its JSON text when already written (else the store writes it). */
  putSnapshot(id: string, expected: Expected, snapshot: SnapshotRecord, json?: Blob): Promise<void>;
  /** The JSON text this store keeps for `entry` as a Blob (large entries only), unread. */
  storedEntryJson?(entry: JournalEntry): Blob | undefined;
  /** The snapshot after exactly entry `seq` as its stored JSON Blob, unread. */
  snapshotJsonAt?(id: string, seq: number): Promise<{ json: Blob; entry_digest: string } | undefined>;
  rename(id: string, name: string, updatedAt: number): Promise<boolean>;
  delete(id: string): Promise<void>;
  getView(id: string): Promise<ViewState | undefined>;
  putView(id: string, view: ViewState): Promise<void>;
  getMeta(key: string): Promise<unknown>;
  putMeta(key: string, value: unknown): Promise<void>;
  deleteMeta(key: string): Promise<void>;
  close(): void;
}

/** Refuses a write whose expected journal is not the stored one. */
export function checkExpected(row: WorkspaceRow | undefined, expected: Expected): asserts row is WorkspaceRow {
  if (!row) {
    throw new StorageError("conflict", "This workspace was deleted in another tab, so the change was not saved. Open another workspace, or import an exported copy.");
  }
  // Every change to a journal bumps the revision in the same transaction, so an equal revision
  // means an equal journal (the row's `length` is only a cached count and is not trusted here).
  if ((row.revision ?? 0) !== expected.revision) {
    throw new StorageError(
      "conflict",
      `Another tab changed this workspace (it now has ${row.length} steps; this tab shows ${expected.length}), so the change was not saved. Reload the workspace and try again.`,
    );
  }
}
