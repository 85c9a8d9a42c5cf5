import { Dexie } from "dexie";
import type { JournalEntry } from "../ops/index.ts";
import { META_LAST_OPENED, type JournalRow, type PlaygroundDatabase, type SnapshotRow, type WorkspaceRow } from "./db.ts";
import { uniqueName } from "./names.ts";
import type { SnapshotRecord } from "./restore-workspace.ts";
import type { ViewState } from "./types.ts";
import { checkExpected, SNAPSHOTS_KEPT, type Expected, type StoredWorkspace, type WorkspaceStore } from "./workspace-store.ts";

const KEY = "[workspaceId+seq]";

/** Workspaces in IndexedDB through Dexie. Each change is one readwrite transaction. */
export class DexieWorkspaceStore implements WorkspaceStore {
  readonly db: PlaygroundDatabase;

  constructor(db: PlaygroundDatabase) {
    this.db = db;
  }

  async list(): Promise<WorkspaceRow[]> {
    return (await this.db.workspaces.toArray()).map(normalizeRow);
  }

  load(id: string): Promise<StoredWorkspace | undefined> {
    const { db } = this;
    return db.transaction("r", [db.workspaces, db.journal, db.snapshots], async () => {
      const row = await db.workspaces.get(id);
      if (!row) return undefined;
      const rows = await db.journal.where(KEY).between([id, Dexie.minKey], [id, Dexie.maxKey]).toArray();
      const journal = rows.map(toEntry);
      const snapshot = await this.#newestAtMost(id, journal.length);
      return { meta: normalizeRow(row), journal, snapshot };
    });
  }

  snapshotAtMost(id: string, atMost: number): Promise<SnapshotRecord | undefined> {
    return this.db.transaction("r", this.db.snapshots, () => this.#newestAtMost(id, atMost));
  }

  async #newestAtMost(id: string, atMost: number): Promise<SnapshotRecord | undefined> {
    if (atMost < 1) return undefined;
    const row = await this.db.snapshots.where(KEY).between([id, 1], [id, atMost], true, true).last();
    return row ? toSnapshot(row) : undefined;
  }

  create(row: WorkspaceRow, journal: readonly JournalEntry[], snapshot: SnapshotRecord | undefined): Promise<WorkspaceRow> {
    const { db } = this;
    return db.transaction("rw", [db.workspaces, db.journal, db.snapshots], async () => {
      // The name is chosen inside the transaction, so two tabs importing at once cannot pick the same one.
      const names: string[] = [];
      await db.workspaces.each((w) => void names.push(w.name));
      const stored = { ...row, name: uniqueName(row.name, names) };
      await db.workspaces.add(stored);
      if (journal.length) await db.journal.bulkAdd(journal.map((entry) => ({ ...entry, workspaceId: row.id })));
      if (snapshot) await db.snapshots.add({ ...snapshot, workspaceId: row.id });
      return stored;
    });
  }

  append(id: string, expected: Expected, entry: JournalEntry, snapshot: SnapshotRecord | undefined, updatedAt: number): Promise<number> {
    const { db } = this;
    return db.transaction("rw", [db.workspaces, db.journal, db.snapshots], async () => {
      const row = await db.workspaces.get(id);
      checkExpected(row, expected);
      // `add`, not `put`: an entry with this seq already stored is a conflict, never overwritten.
      await db.journal.add({ ...entry, workspaceId: id });
      if (snapshot) {
        await db.snapshots.put({ ...snapshot, workspaceId: id });
        await this.#prune(id);
      }
      const revision = expected.revision + 1;
      await db.workspaces.put({ ...row, length: entry.seq, updated_at: updatedAt, revision });
      return revision;
    });
  }

  removeLast(id: string, expected: Expected, updatedAt: number): Promise<{ revision: number; snapshot: SnapshotRecord | undefined }> {
    const { db } = this;
    return db.transaction("rw", [db.workspaces, db.journal, db.snapshots], async () => {
      const row = await db.workspaces.get(id);
      checkExpected(row, expected);
      const length = expected.length - 1;
      await db.journal.delete([id, expected.length]);
      await db.snapshots.where(KEY).between([id, length], [id, Dexie.maxKey], false, true).delete();
      const revision = expected.revision + 1;
      await db.workspaces.put({ ...row, length, updated_at: updatedAt, revision });
      return { revision, snapshot: await this.#newestAtMost(id, length) };
    });
  }

  putSnapshot(id: string, expected: Expected, snapshot: SnapshotRecord): Promise<void> {
    const { db } = this;
    return db.transaction("rw", [db.workspaces, db.snapshots], async () => {
      checkExpected(await db.workspaces.get(id), expected);
      await db.snapshots.put({ ...snapshot, workspaceId: id });
      await this.#prune(id);
    });
  }

  /** Keeps the newest few snapshots: each can be as large as the whole state. */
  async #prune(id: string): Promise<void> {
    const keys = await this.db.snapshots.where(KEY).between([id, Dexie.minKey], [id, Dexie.maxKey]).primaryKeys();
    if (keys.length > SNAPSHOTS_KEPT) await this.db.snapshots.bulkDelete(keys.slice(0, keys.length - SNAPSHOTS_KEPT));
  }

  rename(id: string, name: string, updatedAt: number): Promise<boolean> {
    return this.db.transaction("rw", this.db.workspaces, async () => (await this.db.workspaces.update(id, { name, updated_at: updatedAt })) > 0);
  }

  delete(id: string): Promise<void> {
    const { db } = this;
    return db.transaction("rw", [db.workspaces, db.journal, db.snapshots, db.views, db.meta], async () => {
      await db.workspaces.delete(id);
      await db.journal.where(KEY).between([id, Dexie.minKey], [id, Dexie.maxKey]).delete();
      await db.snapshots.where(KEY).between([id, Dexie.minKey], [id, Dexie.maxKey]).delete();
      await db.views.delete(id);
      const last = await db.meta.get(META_LAST_OPENED);
      if (last?.value === id) await db.meta.delete(META_LAST_OPENED);
    });
  }

  async getView(id: string): Promise<ViewState | undefined> {
    return (await this.db.views.get(id))?.view;
  }

  async putView(id: string, view: ViewState): Promise<void> {
    await this.db.views.put({ workspaceId: id, view });
  }

  async getMeta(key: string): Promise<unknown> {
    return (await this.db.meta.get(key))?.value;
  }

  async putMeta(key: string, value: unknown): Promise<void> {
    await this.db.meta.put({ key, value });
  }

  async deleteMeta(key: string): Promise<void> {
    await this.db.meta.delete(key);
  }

  close(): void {
    this.db.close();
  }
}

/** Rows written before `revision` existed count as revision 0. */
function normalizeRow(row: WorkspaceRow): WorkspaceRow {
  return { ...row, revision: row.revision ?? 0, notes: row.notes ?? "" };
}

function toEntry(row: JournalRow): JournalEntry {
  const { workspaceId: _, ...entry } = row;
  return entry as JournalEntry;
}

function toSnapshot(row: SnapshotRow): SnapshotRecord {
  return { seq: row.seq, value: row.value, entry_digest: row.entry_digest };
}
