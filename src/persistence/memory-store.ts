import type { JournalEntry } from "../ops/index.ts";
import { META_LAST_OPENED, type WorkspaceRow } from "./db.ts";
import { uniqueName } from "./names.ts";
import type { SnapshotRecord } from "./restore-workspace.ts";
import type { ViewState } from "./types.ts";
import { checkExpected, SNAPSHOTS_KEPT, type Expected, type NewWorkspace, type StoredWorkspace, type WorkspaceStore } from "./workspace-store.ts";

interface Held {
  row: WorkspaceRow;
  journal: JournalEntry[];
  snapshots: SnapshotRecord[]; // ascending seq
}

/**
 * Keeps workspaces in memory only (IndexedDB unavailable). Values are copied in and out, as
 * IndexedDB's structured clone does, so the live workspace never aliases what is "stored".
 */
export class MemoryWorkspaceStore implements WorkspaceStore {
  readonly keepsJson = false;
  #workspaces = new Map<string, Held>();
  #views = new Map<string, ViewState>();
  #meta = new Map<string, unknown>();

  async list(): Promise<WorkspaceRow[]> {
    return [...this.#workspaces.values()].map((h) => structuredClone(h.row));
  }

  async load(id: string): Promise<StoredWorkspace | undefined> {
    const held = this.#workspaces.get(id);
    if (!held) return undefined;
    return {
      meta: structuredClone(held.row),
      journal: structuredClone(held.journal),
      snapshot: clone(newestAtMost(held.snapshots, held.journal.length)),
    };
  }

  async snapshotAtMost(id: string, atMost: number): Promise<SnapshotRecord | undefined> {
    const held = this.#workspaces.get(id);
    return held ? clone(newestAtMost(held.snapshots, atMost)) : undefined;
  }

  async create(id: string, journal: readonly JournalEntry[], prepare: () => NewWorkspace): Promise<WorkspaceRow> {
    const { row, snapshot } = prepare();
    const stored = structuredClone({ ...row, id, name: uniqueName(row.name, [...this.#workspaces.values()].map((h) => h.row.name)) });
    this.#workspaces.set(id, { row: stored, journal: structuredClone([...journal]), snapshots: snapshot ? [structuredClone(snapshot)] : [] });
    return structuredClone(stored);
  }

  async append(id: string, expected: Expected, entry: JournalEntry, snapshot: SnapshotRecord | undefined, updatedAt: number): Promise<number> {
    const held = this.#workspaces.get(id);
    checkExpected(held?.row, expected);
    const h = held!;
    const copy = structuredClone(entry);
    const snap = snapshot ? structuredClone(snapshot) : undefined;
    h.journal.push(copy);
    if (snap) {
      h.snapshots.push(snap);
      h.snapshots.splice(0, Math.max(0, h.snapshots.length - SNAPSHOTS_KEPT));
    }
    h.row = { ...h.row, length: entry.seq, updated_at: updatedAt, revision: expected.revision + 1 };
    return h.row.revision;
  }

  async removeLast(id: string, expected: Expected, updatedAt: number): Promise<{ revision: number; snapshot: SnapshotRecord | undefined }> {
    const held = this.#workspaces.get(id);
    checkExpected(held?.row, expected);
    const h = held!;
    const length = expected.length - 1;
    h.journal.length = length;
    h.snapshots = h.snapshots.filter((s) => s.seq <= length);
    h.row = { ...h.row, length, updated_at: updatedAt, revision: expected.revision + 1 };
    return { revision: h.row.revision, snapshot: clone(newestAtMost(h.snapshots, length)) };
  }

  async putSnapshot(id: string, expected: Expected, snapshot: SnapshotRecord): Promise<void> {
    const held = this.#workspaces.get(id);
    checkExpected(held?.row, expected);
    const h = held!;
    h.snapshots = [...h.snapshots.filter((s) => s.seq !== snapshot.seq), structuredClone(snapshot)].sort((a, b) => a.seq - b.seq);
    h.snapshots.splice(0, Math.max(0, h.snapshots.length - SNAPSHOTS_KEPT));
  }

  async rename(id: string, name: string, updatedAt: number): Promise<boolean> {
    const held = this.#workspaces.get(id);
    if (!held) return false;
    held.row = { ...held.row, name, updated_at: updatedAt };
    return true;
  }

  async delete(id: string): Promise<void> {
    this.#workspaces.delete(id);
    this.#views.delete(id);
    if (this.#meta.get(META_LAST_OPENED) === id) this.#meta.delete(META_LAST_OPENED);
  }

  async getView(id: string): Promise<ViewState | undefined> {
    return clone(this.#views.get(id));
  }

  async putView(id: string, view: ViewState): Promise<void> {
    this.#views.set(id, structuredClone(view));
  }

  async getMeta(key: string): Promise<unknown> {
    return clone(this.#meta.get(key));
  }

  async putMeta(key: string, value: unknown): Promise<void> {
    this.#meta.set(key, structuredClone(value));
  }

  async deleteMeta(key: string): Promise<void> {
    this.#meta.delete(key);
  }

  close(): void {}
}

function newestAtMost(snapshots: readonly SnapshotRecord[], atMost: number): SnapshotRecord | undefined {
  for (let i = snapshots.length - 1; i >= 0; i--) if (snapshots[i].seq <= atMost) return snapshots[i];
  return undefined;
}

function clone<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}
