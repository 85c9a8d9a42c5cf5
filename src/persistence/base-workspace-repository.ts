import { InvalidArgument, randomSeed, SessionError } from "../core/index.ts";
import { parseStateFileText, STATE_FILE_FORMAT, STATE_FILE_VERSION, Workspace, type AppliedStep, type JournalEntry, type Operation, type WorkspaceInit } from "../ops/index.ts";
import type { ChangeChannel } from "./change-channel.ts";
import { META_LAST_OPENED } from "./db.ts";
import { checkName, fitName, stateFileName } from "./names.ts";
import { entryDigest, restoreWorkspace, snapshotWorthReading, snapshotWorthTaking, takeSnapshot, type RestoreSource, type SnapshotRecord } from "./restore-workspace.ts";
import { jsonBlobInSlices } from "./json-in-slices.ts";
import { readableStateFileBlob } from "./state-file-blob.ts";
import { toStorageError, WorkspaceNotFound } from "./storage-error.ts";
import type { ExternalChange, OpenWorkspace, PersistStatus, ViewState, WorkspaceMeta, WorkspaceRepository } from "./types.ts";
import type { Expected, WorkspaceStore } from "./workspace-store.ts";

/** A snapshot is written with every entry whose seq is a multiple of this. */
export const SNAPSHOT_INTERVAL = 100;

/** State files up to this many characters (compact) are exported indented. */
export const PRETTY_EXPORT_LIMIT = 1024 * 1024;

export interface RepositoryOptions {
  /** Where changes are announced to other tabs; none by default. */
  channel?: ChangeChannel | null;
  /** Wall clock in milliseconds, for `created_at` / `updated_at`. */
  now?: () => number;
  /**
   * Runs the snapshot due every `SNAPSHOT_INTERVAL` entries. Without it the snapshot is written in
   * the entry's own transaction; the app hands it to the browser's idle time instead, because at
   * 100,000 tokens taking a snapshot costs over a second, which the operation would otherwise wait for.
   */
  scheduleSnapshot?: (task: () => void) => void;
  /**
   * Awaited between the slices of a snapshot's JSON (`saveSnapshot`), so the browser can handle
   * input meanwhile; the app yields a task. By default slices follow one another at once.
   */
  pause?: () => Promise<void>;
}

/**
 * The repository logic, over any `WorkspaceStore`. Every change to an open workspace is
 * written to the store before the returned promise resolves; when the write fails, the open
 * workspace is put back to what is stored and the promise rejects with a `StorageError`.
 *
 * Changes to one workspace run one after another (a second `apply` waits for the first), so
 * a rollback never undoes someone else's entry. `open.workspace` is replaced by a rebuilt
 * `Workspace` after undo and after a failed write: always read it through `open`.
 */
export class BaseWorkspaceRepository implements WorkspaceRepository {
  readonly status: PersistStatus;
  readonly #store: WorkspaceStore;
  readonly #channel: ChangeChannel | null;
  readonly #now: () => number;
  readonly #scheduleSnapshot: ((task: () => void) => void) | undefined;
  readonly #pause: () => Promise<void>;
  readonly #listeners = new Set<(change: ExternalChange) => void>();
  readonly #queues = new Map<string, Promise<void>>();
  readonly #opens = new Map<string, Set<WeakRef<OpenWorkspace>>>();
  /** Workspace id → the revision whose state the newest stored snapshot already holds. */
  readonly #snapshotAt = new Map<string, number>();
  /** Workspace id → the revision a snapshot is being written of (`saveSnapshot` between its phases). */
  readonly #snapshotting = new Map<string, number>();
  readonly #unlisten: () => void;

  protected constructor(store: WorkspaceStore, status: PersistStatus, options: RepositoryOptions = {}) {
    this.#store = store;
    this.status = status;
    this.#channel = options.channel ?? null;
    this.#now = options.now ?? Date.now;
    this.#scheduleSnapshot = options.scheduleSnapshot;
    this.#pause = options.pause ?? (() => Promise.resolve());
    this.#unlisten = this.#channel?.listen((change) => this.#notify(change)) ?? (() => {});
  }

  async listWorkspaces(): Promise<WorkspaceMeta[]> {
    const rows = await this.#run(() => this.#store.list());
    return rows.sort((a, b) => b.updated_at - a.updated_at || a.name.localeCompare(b.name));
  }

  async createWorkspace(init: Parameters<WorkspaceRepository["createWorkspace"]>[0]): Promise<OpenWorkspace> {
    const workspace = new Workspace({
      name: checkName(init.name),
      notes: init.notes,
      seed: init.seed ?? randomSeed(),
      start_time: init.start_time ?? Math.floor(this.#now() / 1000),
      settings: init.settings,
    });
    return this.#createFrom(workspace);
  }

  async openWorkspace(id: string): Promise<OpenWorkspace> {
    return this.#track(await this.#load(id));
  }

  async apply(open: OpenWorkspace, operation: Operation): Promise<JournalEntry> {
    return (await this.run(open, operation)).entry;
  }

  run(open: OpenWorkspace, operation: Operation): Promise<AppliedStep> {
    return this.#serialize(open.meta.id, async () => {
      const step = await this.#append(open, operation);
      open.redo = [];
      this.#post(open.meta.id, "appended");
      return step;
    });
  }

  undo(open: OpenWorkspace): Promise<JournalEntry | undefined> {
    return this.#serialize(open.meta.id, async () => {
      const { meta, workspace } = open;
      const length = workspace.journal.length;
      if (length === 0) return undefined;
      const now = this.#now();
      const { revision, snapshot } = await this.#run(() => this.#store.removeLast(meta.id, this.#expected(open), now));
      if (snapshot?.seq === length - 1) this.#snapshotAt.set(meta.id, revision);
      const entry = workspace.journal[length - 1];
      open.workspace = this.#rebuild(workspace, length - 1, snapshot);
      Object.assign(meta, { length: length - 1, revision, updated_at: now });
      open.redo = [...open.redo, entry];
      this.#post(meta.id, "undone");
      return entry;
    });
  }

  redo(open: OpenWorkspace): Promise<JournalEntry | undefined> {
    return this.#serialize(open.meta.id, async () => {
      const undone = open.redo.at(-1);
      if (!undone) return undefined;
      // Same state, same operation: the replayed entry equals the undone one.
      const { entry } = await this.#append(open, undone.operation);
      open.redo = open.redo.slice(0, -1);
      this.#post(open.meta.id, "redone");
      return entry;
    });
  }

  fork(open: OpenWorkspace, k: number, name?: string): Promise<OpenWorkspace> {
    return this.#serialize(open.meta.id, async () => {
      const source = open.workspace;
      const length = source.journal.length;
      if (!Number.isSafeInteger(k) || k < 0 || k > length) {
        throw new InvalidArgument(`A fork starts after a step between 0 and ${length}; got ${k}.`, [{ path: "k", message: `must be a whole number from 0 to ${length}` }]);
      }
      const suffix = ` (fork at step ${k})`;
      const forkName = name === undefined ? fitName(source.name, suffix.length) + suffix : checkName(name);
      const journal = structuredClone(source.journal.slice(0, k));
      const snapshot = await this.#store.snapshotAtMost(open.meta.id, k).catch(() => undefined);
      const { workspace } = restoreWorkspace({ ...initOf(source), name: forkName }, journal, snapshot);
      return this.#createFrom(workspace);
    });
  }

  async rename(id: string, name: string): Promise<void> {
    const checked = checkName(name);
    const found = await this.#run(() => this.#store.rename(id, checked, this.#now()));
    if (!found) throw new WorkspaceNotFound(id);
    for (const open of this.#liveOpens(id)) {
      open.meta.name = checked;
      open.workspace.name = checked;
    }
    this.#post(id, "renamed");
  }

  async deleteWorkspace(id: string): Promise<void> {
    await this.#run(() => this.#store.delete(id));
    this.#opens.delete(id);
    this.#snapshotAt.delete(id);
    this.#post(id, "deleted");
  }

  /** Re-reads the workspace into `open` (same object, new meta and workspace, empty redo stack) and returns it. */
  reload(open: OpenWorkspace): Promise<OpenWorkspace> {
    return this.#serialize(open.meta.id, async () => {
      const fresh = await this.#load(open.meta.id);
      open.meta = fresh.meta;
      open.workspace = fresh.workspace;
      open.redo = [];
      return this.#track(open);
    });
  }

  /** Reads a state file (`InvalidStateFile` lists every problem) and stores it as a new workspace. */
  async importStateFile(text: string): Promise<OpenWorkspace> {
    const data = parseStateFileText(text);
    const journal = journalAsWritten(data);
    if (!journal) return this.importWorkspace(Workspace.fromStateObject(data));
    // The file is checked (replayed) while the store writes its journal: for 10,000 entries in
    // Chromium, the check takes about 0.2 s and the writing about a second.
    return this.#createChecking(journal, () => {
      const workspace = Workspace.fromStateObject(data);
      if (workspace.journal.length !== journal.length || workspace.journal.some((entry, i) => entry !== journal[i])) {
        throw new Error("The checked journal is not the file's own, so the journal being stored is not the one checked.");
      }
      return withImportedName(workspace);
    });
  }

  async importWorkspace(workspace: Workspace): Promise<OpenWorkspace> {
    if (!(workspace instanceof Workspace)) throw new InvalidArgument("importWorkspace takes a Workspace.");
    return this.#createFrom(withImportedName(workspace));
  }

  /**
   * The state file: indented when small (people read and diff bug reports), compact when large,
   * because indentation doubles the size of a big state and the import limit is on bytes.
   */
  exportStateFile(open: OpenWorkspace): { fileName: string; text: string } {
    const compact = open.workspace.toStateFile();
    const text = compact.length <= PRETTY_EXPORT_LIMIT ? open.workspace.toStateFile({ space: 2 }) : compact;
    return { fileName: stateFileName(open.workspace.name), text };
  }

  /**
   * The state file as a Blob, as the app downloads it: the same bytes as `exportStateFile`, but a
   * large state is assembled from the JSON the store already holds (the imported state in the
   * journal, the snapshot of the current state) instead of being serialized and encoded again.
   */
  exportStateBlob(open: OpenWorkspace, exportedAt = new Date().toISOString()): Promise<{ fileName: string; blob: Blob }> {
    return this.#serialize(open.meta.id, async () => {
      const { workspace } = open;
      const fileName = stateFileName(workspace.name);
      const length = workspace.journal.length;
      const stored = length > 0 ? await this.#store.snapshotJsonAt?.(open.meta.id, length).catch(() => undefined) : undefined;
      // Only a snapshot taken after this journal's own last entry is the current state.
      const snapshot = stored && stored.entry_digest === entryDigest(workspace.journal[length - 1]) ? stored.json : undefined;
      const blob = await readableStateFileBlob(workspace, { entry: (entry) => this.#store.storedEntryJson?.(entry), snapshot }, exportedAt);
      if (blob.size > PRETTY_EXPORT_LIMIT) return { fileName, blob };
      return { fileName, blob: new Blob([workspace.toStateFile({ exportedAt, space: 2 })], { type: "application/json" }) };
    });
  }

  async saveViewState(id: string, view: ViewState): Promise<void> {
    // Plain JSON only: a stray function or DOM node in the view must not fail the structured clone.
    const plain = JSON.parse(JSON.stringify(view ?? {})) as ViewState;
    await this.#run(() => this.#store.putView(id, plain));
  }

  loadViewState(id: string): Promise<ViewState | undefined> {
    return this.#run(() => this.#store.getView(id));
  }

  async getLastOpened(): Promise<string | undefined> {
    const value = await this.#run(() => this.#store.getMeta(META_LAST_OPENED));
    return typeof value === "string" ? value : undefined;
  }

  setLastOpened(id: string): Promise<void> {
    return this.#run(() => this.#store.putMeta(META_LAST_OPENED, id));
  }

  /**
   * Cheap to call on every idle period: does nothing when the newest snapshot already holds this
   * state. The snapshot's JSON is written in slices (see `RepositoryOptions.pause`) while
   * operations go on; if one is applied meanwhile, this snapshot is dropped for a later one.
   */
  async saveSnapshot(open: OpenWorkspace): Promise<void> {
    const id = open.meta.id;
    const taken = await this.#serialize(id, async () => {
      const expected = this.#expected(open);
      if (!snapshotWorthTaking(open.workspace) || this.#snapshotAt.get(id) === expected.revision) return undefined;
      // The scheduled snapshot and the idle one can ask at once: one of them is enough.
      if (this.#snapshotting.get(id) === expected.revision) return undefined;
      this.#snapshotting.set(id, expected.revision);
      return { expected, snapshot: takeSnapshot(open.workspace) };
    });
    if (!taken) return;
    try {
      const json = this.#store.keepsJson ? await jsonBlobInSlices(taken.snapshot.value, "db", this.#pause) : undefined;
      await this.#serialize(id, async () => {
        if (this.#expected(open).revision !== taken.expected.revision) return;
        await this.#run(() => this.#store.putSnapshot(id, taken.expected, taken.snapshot, json));
        this.#snapshotAt.set(id, taken.expected.revision);
      });
    } finally {
      if (this.#snapshotting.get(id) === taken.expected.revision) this.#snapshotting.delete(id);
    }
  }

  subscribe(listener: (change: ExternalChange) => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  close(): void {
    this.#unlisten();
    this.#listeners.clear();
    this.#channel?.close();
    this.#store.close();
  }

  // ---- internals ---------------------------------------------------------------------------

  /** Applies the operation, writes its entry, and on a failed write puts the workspace back. */
  async #append(open: OpenWorkspace, operation: Operation): Promise<AppliedStep> {
    const { meta, workspace } = open;
    const expected = this.#expected(open);
    let step: AppliedStep;
    try {
      step = workspace.run(operation);
    } catch (e) {
      // Refused operations are journaled, not thrown; what is thrown is a non-JSON operation
      // (nothing changed) or a bug part-way through, after which the state cannot be trusted.
      if (!(e instanceof SessionError)) await this.#rollback(open, expected.length);
      throw e;
    }
    const { entry } = step;
    const now = this.#now();
    const due = entry.seq % SNAPSHOT_INTERVAL === 0;
    try {
      const snapshot = due && !this.#scheduleSnapshot && snapshotWorthTaking(workspace) ? takeSnapshot(workspace) : undefined;
      const revision = await this.#store.append(meta.id, expected, entry, snapshot, now);
      Object.assign(meta, { length: entry.seq, revision, updated_at: now });
      if (snapshot) this.#snapshotAt.set(meta.id, revision);
      // Of whatever state the workspace holds by then: any stored snapshot saves the replay up to it.
      if (due && this.#scheduleSnapshot) this.#scheduleSnapshot(() => void this.saveSnapshot(open).catch(() => undefined));
      return step;
    } catch (e) {
      await this.#rollback(open, expected.length);
      throw toStorageError(e);
    }
  }

  /** Puts `open.workspace` back to its first `length` entries, as stored. */
  async #rollback(open: OpenWorkspace, length: number): Promise<void> {
    // The stored snapshot saves a full replay; if the store cannot even be read, replay the journal.
    const snapshot = await this.#store.snapshotAtMost(open.meta.id, length).catch(() => undefined);
    open.workspace = this.#rebuild(open.workspace, length, snapshot);
  }

  /** A new Workspace with the first `length` entries of `from` (a fresh journal array, so `from` stays as it was). */
  #rebuild(from: Workspace, length: number, snapshot: SnapshotRecord | undefined): Workspace {
    return restoreWorkspace(initOf(from), from.journal.slice(0, length), snapshot).workspace;
  }

  #expected(open: OpenWorkspace): Expected {
    return { revision: open.meta.revision ?? 0, length: open.workspace.journal.length };
  }

  async #load(id: string): Promise<OpenWorkspace> {
    const stored = await this.#run(() => this.#store.load(id, snapshotWorthReading));
    if (!stored) throw new WorkspaceNotFound(id);
    const { meta, journal, snapshot } = stored;
    const { workspace, source } = restoreWorkspace(
      { name: meta.name, notes: meta.notes === "" ? undefined : meta.notes, seed: meta.seed, start_time: meta.start_time, settings: meta.settings },
      journal,
      snapshot,
    );
    if (snapshot?.seq === journal.length) this.#snapshotAt.set(id, meta.revision);
    const skipped = stored.snapshotSkipped;
    const restoredFrom: RestoreSource = skipped
      ? { kind: "replay", reason: `reading the snapshot at step ${skipped.seq} (${skipped.bytes} bytes) costs more than replaying the steps it saves` }
      : source;
    // The journal is the source of truth for the length.
    return { meta: { ...meta, length: journal.length }, workspace, redo: [], restoredFrom };
  }

  /** Stores `workspace` as a new workspace. */
  #createFrom(workspace: Workspace): Promise<OpenWorkspace> {
    return this.#createChecking(workspace.journal, () => workspace);
  }

  /**
   * Stores a new workspace whose journal is `journal`, while `check` makes the workspace (and may
   * throw, in which case nothing is stored): the store starts writing the journal first.
   */
  async #createChecking(journal: readonly JournalEntry[], check: () => Workspace): Promise<OpenWorkspace> {
    let workspace: Workspace | undefined;
    let later: ((task: () => void) => void) | undefined;
    let snapshot: SnapshotRecord | undefined;
    const stored = await this.#run(() =>
      this.#store.create(randomSeed(), journal, () => {
        workspace = check();
        const now = this.#now();
        // A snapshot of the end state, so opening it later replays nothing: with the entries, or in
        // idle time when the app schedules snapshots (at 64,000 imported tokens, taking and writing
        // one adds about a second to the import, and the journal alone already holds the state).
        const worth = snapshotWorthTaking(workspace);
        later = worth ? this.#scheduleSnapshot : undefined;
        snapshot = worth && !later ? takeSnapshot(workspace) : undefined;
        const row = {
          name: workspace.name,
          seed: workspace.seed,
          start_time: workspace.start_time,
          settings: workspace.settings,
          notes: workspace.notes ?? "",
          created_at: now,
          updated_at: now,
          length: workspace.journal.length,
          revision: 0,
        };
        return { row, snapshot };
      }),
    );
    // `create` resolves only after `check` has run.
    const created = workspace as Workspace;
    created.name = stored.name;
    if (snapshot) this.#snapshotAt.set(stored.id, stored.revision);
    this.#post(stored.id, "created");
    const open = this.#track({ meta: stored, workspace: created, redo: [] });
    if (later) later(() => void this.saveSnapshot(open).catch(() => undefined));
    return open;
  }

  #serialize<T>(id: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(id) ?? Promise.resolve();
    const run = previous.then(task);
    const settled = run.then(
      () => {},
      () => {},
    );
    this.#queues.set(id, settled);
    void settled.then(() => {
      if (this.#queues.get(id) === settled) this.#queues.delete(id);
    });
    return run;
  }

  /** Runs a store call, turning database failures into `StorageError`s. */
  async #run<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (e) {
      if (e instanceof WorkspaceNotFound || e instanceof SessionError) throw e;
      throw toStorageError(e);
    }
  }

  #track(open: OpenWorkspace): OpenWorkspace {
    let set = this.#opens.get(open.meta.id);
    if (!set) this.#opens.set(open.meta.id, (set = new Set()));
    for (const ref of set) if (ref.deref() === open) return open;
    set.add(new WeakRef(open));
    return open;
  }

  *#liveOpens(id: string): Generator<OpenWorkspace> {
    const set = this.#opens.get(id);
    if (!set) return;
    for (const ref of [...set]) {
      const open = ref.deref();
      if (open) yield open;
      else set.delete(ref);
    }
  }

  #post(workspaceId: string, kind: ExternalChange["kind"]): void {
    try {
      this.#channel?.post({ workspaceId, kind });
    } catch {
      // Telling other tabs is best effort; the change itself is saved.
    }
  }

  #notify(change: ExternalChange): void {
    for (const listener of [...this.#listeners]) listener(change);
  }
}

function initOf(workspace: Workspace): WorkspaceInit {
  return { name: workspace.name, notes: workspace.notes, seed: workspace.seed, start_time: workspace.start_time, settings: workspace.settings };
}

/** `workspace`, named as an import is: its own name fitted to the limit, or a default. */
function withImportedName(workspace: Workspace): Workspace {
  workspace.name = fitName(workspace.name.trim()) || "Imported workspace";
  return workspace;
}

/**
 * The journal of a parsed state file, when it can be written as it stands before the file is
 * checked (entries are objects numbered 1, 2, …, so each has a valid key); else undefined. A file
 * of another format or version is refused by the check at once, with nothing written first.
 */
function journalAsWritten(data: unknown): JournalEntry[] | undefined {
  if (data === null || typeof data !== "object") return undefined;
  const { format, version, journal } = data as { format?: unknown; version?: unknown; journal?: unknown };
  if (format !== STATE_FILE_FORMAT || version !== STATE_FILE_VERSION || !Array.isArray(journal)) return undefined;
  for (let i = 0; i < journal.length; i++) {
    const entry: unknown = journal[i];
    if (entry === null || typeof entry !== "object" || Array.isArray(entry) || (entry as { seq?: unknown }).seq !== i + 1) return undefined;
  }
  return journal as JournalEntry[];
}
