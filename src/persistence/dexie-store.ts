import { Dexie } from "dexie";
import type { ManagerSnapshot } from "../core/index.ts";
import type { JournalEntry } from "../ops/index.ts";
import { jsonBlob, META_LAST_OPENED, type JournalRow, type PlaygroundDatabase, type SnapshotRow, type WorkspaceRow } from "./db.ts";
import { uniqueName } from "./names.ts";
import type { SnapshotRecord } from "./restore-workspace.ts";
import type { ViewState } from "./types.ts";
import { textBlob } from "./text-blob.ts";
import { StorageError } from "./storage-error.ts";
import { checkExpected, SNAPSHOTS_KEPT, type Expected, type NewWorkspace, type StoredWorkspace, type WorkspaceStore } from "./workspace-store.ts";

const KEY = "[workspaceId+seq]";

/** Journal entries with more JSON than this (an imported state) are stored as a Blob. */
export const LARGE_ENTRY_CHARS = 64 * 1024;

/** Workspaces in IndexedDB through Dexie. Each change is one readwrite transaction. */
export class DexieWorkspaceStore implements WorkspaceStore {
  readonly db: PlaygroundDatabase;
  readonly keepsJson = true;

  constructor(db: PlaygroundDatabase) {
    this.db = db;
  }

  async list(): Promise<WorkspaceRow[]> {
    return (await this.db.workspaces.toArray()).map(normalizeRow);
  }

  async load(id: string, worthReading?: (seq: number, bytes: number) => boolean): Promise<StoredWorkspace | undefined> {
    const { db } = this;
    const stored = await db.transaction("r", [db.workspaces, db.journal, db.snapshots], async () => {
      const row = await db.workspaces.get(id);
      if (!row) return undefined;
      const newest = await this.#newestAtMost(id, row.length);
      const skipped = newest && worthReading && !worthReading(newest.seq, newest.json.size) ? { seq: newest.seq, bytes: newest.json.size } : undefined;
      // Large entries first: their Blobs are read (and parsed) while the other rows come in; at
      // 100,000 imported tokens the two reads take about 0.3 s each, and overlap for a third of that.
      const early = new Map<number, Promise<JournalEntry>>();
      const listed = (row.large_entries ?? []).filter((seq) => seq <= row.length);
      for (const large of listed.length ? await db.journal.bulkGet(listed.map((seq) => [id, seq] as [string, number])) : []) {
        if (!large || !("entry_json" in large)) continue;
        const entry = readLargeEntry(large);
        entry.catch(() => undefined); // awaited below; a failure is reported there, not as unhandled
        early.set(large.seq, entry);
      }
      // The snapshot's Blob is read while the journal rows come in (a Blob read is not an IndexedDB
      // request, so it neither needs nor holds the transaction): at 100,000 tokens both take about
      // a third of a second, and together little more than one.
      const snapshot = skipped ? undefined : toSnapshot(newest);
      const rows = await db.journal.where(KEY).between([id, Dexie.minKey], [id, Dexie.maxKey]).toArray();
      return { row, rows, snapshot, skipped, early };
    });
    if (!stored) return undefined;
    const [journal, snapshot] = await Promise.all([toEntries(stored.rows, stored.early), stored.snapshot]);
    return { meta: normalizeRow(stored.row), journal, snapshot, ...(stored.skipped ? { snapshotSkipped: stored.skipped } : {}) };
  }

  async snapshotAtMost(id: string, atMost: number): Promise<SnapshotRecord | undefined> {
    return toSnapshot(await this.db.transaction("r", this.db.snapshots, () => this.#newestAtMost(id, atMost)));
  }

  async #newestAtMost(id: string, atMost: number): Promise<SnapshotRow | undefined> {
    if (atMost < 1) return undefined;
    return this.db.snapshots.where(KEY).between([id, 1], [id, atMost], true, true).last();
  }

  create(id: string, journal: readonly JournalEntry[], prepare: () => NewWorkspace): Promise<WorkspaceRow> {
    const { db } = this;
    return db.transaction("rw", [db.workspaces, db.journal, db.snapshots], async () => {
      // The name is chosen inside the transaction, so two tabs importing at once cannot pick the same one.
      const names: string[] = [];
      await db.workspaces.each((w) => void names.push(w.name));
      // The journal rows are queued before `prepare` runs, which may be checking them: IndexedDB
      // stores them meanwhile (Chromium takes about a second for 10,000 rows, mostly off the main
      // thread). When `prepare` throws, the transaction is aborted and nothing is stored.
      let rows: JournalRow[] | undefined;
      let unwritable: unknown;
      try {
        rows = journal.map((entry) => toRow(id, entry));
      } catch (e) {
        unwritable = e; // JSON too deep to write, say: `prepare`'s check says so first, and better
      }
      const adding = rows?.length ? db.journal.bulkAdd(rows) : undefined;
      adding?.catch(() => undefined); // awaited below; after an abort its rejection says nothing new
      const { row, snapshot } = prepare();
      if (!rows) throw unwritable;
      const stored = { ...row, id, name: uniqueName(row.name, names) };
      await db.workspaces.add(withLargeEntries(stored, rows.filter((r) => "entry_json" in r).map((r) => r.seq)));
      await adding;
      if (snapshot) await db.snapshots.add(toSnapshotRow(id, snapshot));
      return stored;
    });
  }

  append(id: string, expected: Expected, entry: JournalEntry, snapshot: SnapshotRecord | undefined, updatedAt: number): Promise<number> {
    const { db } = this;
    return db.transaction("rw", [db.workspaces, db.journal, db.snapshots], async () => {
      const row = await db.workspaces.get(id);
      checkExpected(row, expected);
      // `add`, not `put`: an entry with this seq already stored is a conflict, never overwritten.
      const added = toRow(id, entry);
      await db.journal.add(added);
      if (snapshot) {
        await db.snapshots.put(toSnapshotRow(id, snapshot));
        await this.#prune(id);
      }
      const revision = expected.revision + 1;
      const large = "entry_json" in added ? [...(row.large_entries ?? []), entry.seq] : row.large_entries;
      await db.workspaces.put(withLargeEntries({ ...row, length: entry.seq, updated_at: updatedAt, revision }, large));
      return revision;
    });
  }

  async removeLast(id: string, expected: Expected, updatedAt: number): Promise<{ revision: number; snapshot: SnapshotRecord | undefined }> {
    const { db } = this;
    const removed = await db.transaction("rw", [db.workspaces, db.journal, db.snapshots], async () => {
      const row = await db.workspaces.get(id);
      checkExpected(row, expected);
      const length = expected.length - 1;
      await db.journal.delete([id, expected.length]);
      await db.snapshots.where(KEY).between([id, length], [id, Dexie.maxKey], false, true).delete();
      const revision = expected.revision + 1;
      await db.workspaces.put(withLargeEntries({ ...row, length, updated_at: updatedAt, revision }, row.large_entries?.filter((seq) => seq <= length)));
      return { revision, snapshot: await this.#newestAtMost(id, length) };
    });
    return { revision: removed.revision, snapshot: await toSnapshot(removed.snapshot) };
  }

  storedEntryJson(entry: JournalEntry): Blob | undefined {
    return entryBlobs.get(entry);
  }

  async snapshotJsonAt(id: string, seq: number): Promise<{ json: Blob; entry_digest: string } | undefined> {
    const row = await this.db.transaction("r", this.db.snapshots, () => this.db.snapshots.get([id, seq]));
    return row && { json: row.json, entry_digest: row.entry_digest };
  }

  putSnapshot(id: string, expected: Expected, snapshot: SnapshotRecord, json?: Blob): Promise<void> {
    const { db } = this;
    return db.transaction("rw", [db.workspaces, db.snapshots], async () => {
      checkExpected(await db.workspaces.get(id), expected);
      await db.snapshots.put(toSnapshotRow(id, snapshot, json));
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

/** Rows written before `revision` existed count as revision 0. The store's own bookkeeping stays in the store. */
function normalizeRow(row: WorkspaceRow): WorkspaceRow {
  const { large_entries: _, ...meta } = row;
  return { ...meta, revision: row.revision ?? 0, notes: row.notes ?? "" };
}

/** `row` listing `large` as its large entries (none: no field, as rows without any have always been). */
function withLargeEntries(row: WorkspaceRow, large: number[] | undefined): WorkspaceRow {
  const { large_entries: _, ...rest } = row;
  return large?.length ? { ...rest, large_entries: large } : rest;
}

/** Entries held as JSON Blobs (written or read so), with their Blob: an export copies it unread. */
const entryBlobs = new WeakMap<JournalEntry, Blob>();

function toRow(workspaceId: string, entry: JournalEntry): JournalRow {
  const text = JSON.stringify(entry);
  if (text.length <= LARGE_ENTRY_CHARS) return { ...entry, workspaceId };
  const entry_json = textBlob(text);
  entryBlobs.set(entry, entry_json);
  return { workspaceId, seq: entry.seq, entry_json };
}

async function toEntries(rows: JournalRow[], early: ReadonlyMap<number, Promise<JournalEntry>>): Promise<JournalEntry[]> {
  // Plain rows synchronously (10,000 of them need no promise each); only Blob rows are awaited.
  const entries: JournalEntry[] = new Array(rows.length);
  const large: Promise<void>[] = [];
  rows.forEach((row, i) => {
    if ("entry_json" in row) large.push((early.get(row.seq) ?? readLargeEntry(row)).then((entry) => void (entries[i] = entry)));
    else {
      const { workspaceId: _, ...entry } = row;
      entries[i] = entry as JournalEntry;
    }
  });
  await Promise.all(large);
  return entries;
}

async function readLargeEntry(row: { seq: number; entry_json: Blob }): Promise<JournalEntry> {
  try {
    const entry = JSON.parse(await row.entry_json.text()) as JournalEntry;
    entryBlobs.set(entry, row.entry_json);
    return entry;
  } catch (e) {
    throw new StorageError(
      "unknown",
      `Step ${row.seq} of this workspace cannot be read back from the browser's storage (${(e as Error).message}). Import an exported copy of the workspace.`,
      { cause: e },
    );
  }
}

function toSnapshotRow(workspaceId: string, snapshot: SnapshotRecord, json = jsonBlob(snapshot.value)): SnapshotRow {
  return { workspaceId, seq: snapshot.seq, json, entry_digest: snapshot.entry_digest };
}

/** The stored snapshot, or undefined when it cannot be read: it only saves a replay, so the journal is replayed instead. */
async function toSnapshot(row: SnapshotRow | undefined): Promise<SnapshotRecord | undefined> {
  if (!row) return undefined;
  try {
    return { seq: row.seq, value: JSON.parse(await row.json.text()) as ManagerSnapshot, entry_digest: row.entry_digest };
  } catch {
    return undefined;
  }
}
