import { Dexie, type DexieOptions, type Table } from "dexie";
import type { ManagerSnapshot } from "../core/index.ts";
import type { JournalEntry } from "../ops/index.ts";
import type { ViewState, WorkspaceMeta } from "./types.ts";
import { textBlob } from "./text-blob.ts";

/** The one IndexedDB database of the playground. */
export const DATABASE_NAME = "oidc-session-playground";

/**
 * Version 1 of the schema, as first shipped. Never edit a shipped version: add a
 * `version(n + 1)` with its own stores (and an upgrade function if rows change shape).
 * Only what is queried is indexed; everything else is stored unindexed.
 */
export const SCHEMA_V1 = {
  // Looked up by id; the list is small and sorted in memory.
  workspaces: "id",
  // One row per journal entry; the compound primary key makes a duplicate seq impossible.
  journal: "[workspaceId+seq]",
  // manager.toJSON() after entry `seq`; opening takes the newest at or below the journal length.
  snapshots: "[workspaceId+seq]",
  views: "workspaceId",
  meta: "key",
} as const;

/**
 * Version 2: the same tables and keys; snapshot rows hold their JSON as a Blob (`json`) instead of
 * a structured value, and a large journal entry may be stored the same way (`entry_json`).
 * Chromium writes a 32 MB snapshot (100,000 tokens) as a Blob about ten times faster than as a
 * structured value and hands it back faster too; small entries stay plain rows.
 */
export const SCHEMA_V2 = SCHEMA_V1;

/** A stored workspace: its description plus the journal revision that detects writes from other tabs. */
export interface WorkspaceRow extends WorkspaceMeta {
  revision: number;
  /**
   * The seqs of the journal rows held as JSON Blobs (`entry_json`), kept with every journal write:
   * an open starts reading them before the other rows, so the two reads overlap. Rows written
   * before it existed lack it and are read the slower way; nothing else depends on it.
   */
  large_entries?: number[];
}

/** A journal entry, keyed by its workspace: the entry itself, or (when large) its JSON as a Blob. */
export type JournalRow = (JournalEntry & { workspaceId: string }) | { workspaceId: string; seq: number; entry_json: Blob };

export interface SnapshotRow {
  workspaceId: string;
  seq: number;
  /** `manager.toJSON()` as JSON text. */
  json: Blob;
  /** SHA-256 of the canonical JSON of journal entry `seq`: a stale snapshot is recognised and ignored. */
  entry_digest: string;
}

/** A snapshot row as version 1 wrote it. */
interface SnapshotRowV1 {
  workspaceId: string;
  seq: number;
  value?: ManagerSnapshot;
  json?: Blob;
  entry_digest: string;
}

/** JSON text as a Blob, the form large values are stored in. */
export function jsonBlob(value: unknown): Blob {
  return textBlob(JSON.stringify(value));
}

export interface ViewRow {
  workspaceId: string;
  view: ViewState;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

/** Keys of the `meta` table. */
export const META_LAST_OPENED = "last_opened";

export class PlaygroundDatabase extends Dexie {
  declare workspaces: Table<WorkspaceRow, string>;
  declare journal: Table<JournalRow, [string, number]>;
  declare snapshots: Table<SnapshotRow, [string, number]>;
  declare views: Table<ViewRow, string>;
  declare meta: Table<MetaRow, string>;

  constructor(name: string = DATABASE_NAME, options: DexieOptions = {}) {
    // No liveQuery here, so Dexie's result cache would only cost memory on 100,000-token snapshots.
    super(name, { cache: "disabled", ...options });
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade((tx) =>
        tx
          .table<SnapshotRowV1>("snapshots")
          .toCollection()
          .modify((row) => {
            if (row.value === undefined) return;
            row.json = jsonBlob(row.value);
            delete row.value;
          }),
      );
  }
}
