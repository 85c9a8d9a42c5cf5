import { Dexie } from "dexie";
import { afterEach, describe, expect, it, vi } from "vitest";
import { InvalidStateFile } from "../core/index.ts";
import { Workspace, type JournalEntry } from "../ops/index.ts";
import type { DexieWorkspaceRepository } from "./dexie-workspace-repository.ts";
import { jsonBlob, type PlaygroundDatabase } from "./db.ts";
import { StorageError } from "./storage-error.ts";
import { buildWorkspace, dexieRepository, FaultInjector, freshIndexedDB, largeSnapshot, OperationStream, START, stateOf, uniqueChannelName, WriteRecorder } from "./test-fixtures.ts";
import type { ExternalChange, OpenWorkspace } from "./types.ts";

const opened: DexieWorkspaceRepository[] = [];
afterEach(() => {
  for (const r of opened.splice(0)) r.close();
});

function tab(idb = freshIndexedDB(), options: Parameters<typeof dexieRepository>[1] = {}) {
  const made = dexieRepository(idb, options);
  opened.push(made.repository);
  return made;
}

async function applyMany(repository: DexieWorkspaceRepository, open: OpenWorkspace, n: number, stream = new OperationStream()): Promise<OperationStream> {
  for (let i = 0; i < n; i++) stream.record(await repository.apply(open, stream.next()));
  return stream;
}

async function storedSeqs(db: PlaygroundDatabase, id: string): Promise<number[]> {
  const keys = await db.journal.where("[workspaceId+seq]").between([id, Dexie.minKey], [id, Dexie.maxKey]).primaryKeys();
  return keys.map(([, seq]) => seq);
}

async function storedSnapshotSeqs(db: PlaygroundDatabase, id: string): Promise<number[]> {
  const keys = await db.snapshots.where("[workspaceId+seq]").between([id, Dexie.minKey], [id, Dexie.maxKey]).primaryKeys();
  return keys.map(([, seq]) => seq);
}

/** Opens what is stored, from a new connection, as a reloaded page would see it. */
async function persistedState(idb: ReturnType<typeof freshIndexedDB>, id: string): Promise<string> {
  return stateOf((await tab(idb).repository.openWorkspace(id)).workspace);
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("write-through to IndexedDB", () => {
  it("writes one journal row and one small workspace row per operation, never the whole state", async () => {
    const { repository, db } = tab();
    const recorder = new WriteRecorder();
    db.use(recorder.middleware);
    const open = await repository.createWorkspace({ name: "W", seed: "s", start_time: START });
    const stream = await applyMany(repository, open, 150);
    recorder.writes.length = 0;
    await repository.apply(open, stream.next());
    expect(recorder.writes).toEqual([
      { table: "journal", type: "add", count: 1 },
      { table: "workspaces", type: "put", count: 1 },
    ]);
  });

  it("writes an idle snapshot only when no stored snapshot holds the current state", async () => {
    const idb = freshIndexedDB();
    const { repository, db } = tab(idb);
    const recorder = new WriteRecorder();
    db.use(recorder.middleware);
    const open = await repository.createWorkspace({ name: "W", seed: "s", start_time: START });
    await repository.saveSnapshot(open); // empty journal: nothing to snapshot
    expect(recorder.to("snapshots")).toEqual([]);
    const stream = await applyMany(repository, open, 42);
    await repository.saveSnapshot(open);
    await repository.saveSnapshot(open);
    expect(recorder.to("snapshots")).toEqual([{ table: "snapshots", type: "put", count: 1 }]);
    expect(await storedSnapshotSeqs(db, open.meta.id)).toEqual([42]);
    await applyMany(repository, open, 58, stream); // the 100th entry brings its own snapshot
    const before = recorder.to("snapshots").length;
    await repository.saveSnapshot(open);
    expect(recorder.to("snapshots")).toHaveLength(before);
    expect(await storedSnapshotSeqs(db, open.meta.id)).toEqual([42, 100]);
    await repository.undo(open);
    await repository.saveSnapshot(open);
    expect(await storedSnapshotSeqs(db, open.meta.id)).toEqual([42, 99]);
    expect(await persistedState(idb, open.meta.id)).toBe(stateOf(open.workspace));
  });

  it("writes a snapshot with every 100th entry and keeps only the newest three", async () => {
    const { repository, db } = tab();
    const open = await repository.createWorkspace({ name: "W", seed: "s", start_time: START });
    await applyMany(repository, open, 99);
    expect(await storedSnapshotSeqs(db, open.meta.id)).toEqual([]);
    await applyMany(repository, open, 1);
    expect(await storedSnapshotSeqs(db, open.meta.id)).toEqual([100]);
    const snapshot = await db.snapshots.get([open.meta.id, 100]);
    expect(JSON.parse(await snapshot!.json.text())).toEqual(open.workspace.manager.toJSON());
    await applyMany(repository, open, 350);
    expect(await storedSnapshotSeqs(db, open.meta.id)).toEqual([200, 300, 400]);
    expect(await storedSeqs(db, open.meta.id)).toEqual(range(1, 450));
  });

  it("with a snapshot scheduler, leaves the 100th entry's snapshot out of its transaction and writes it when the task runs", async () => {
    const tasks: (() => void)[] = [];
    const { repository, db } = tab(freshIndexedDB(), { scheduleSnapshot: (task) => tasks.push(task) });
    const recorder = new WriteRecorder();
    db.use(recorder.middleware);
    const open = await repository.createWorkspace({ name: "W", seed: "s", start_time: START });
    const stream = await applyMany(repository, open, 100);
    expect(recorder.to("snapshots")).toEqual([]);
    expect(tasks).toHaveLength(1);
    await applyMany(repository, open, 5, stream);
    tasks[0]();
    // Of the state at the time it runs (105 entries): it saves replaying all of them.
    await vi.waitFor(async () => expect(await storedSnapshotSeqs(db, open.meta.id)).toEqual([105]));
  });

  it("with a snapshot scheduler, imports a workspace without its snapshot and writes that when the task runs", async () => {
    const tasks: (() => void)[] = [];
    const { repository, db } = tab(freshIndexedDB(), { scheduleSnapshot: (task) => tasks.push(task) });
    const source = new Workspace({ name: "Imported", seed: "s", start_time: START });
    const stream = new OperationStream();
    for (let i = 0; i < 30; i++) stream.record(source.apply(stream.next()));
    const open = await repository.importStateFile(source.toStateFile());
    expect(await storedSnapshotSeqs(db, open.meta.id)).toEqual([]);
    expect(tasks).toHaveLength(1);
    // Opened before the task runs, the journal alone rebuilds the same state.
    expect(stateOf((await repository.openWorkspace(open.meta.id)).workspace)).toBe(stateOf(source));
    tasks[0]();
    await vi.waitFor(async () => expect(await storedSnapshotSeqs(db, open.meta.id)).toEqual([30]));
    const reopened = await repository.openWorkspace(open.meta.id);
    expect(stateOf(reopened.workspace)).toBe(stateOf(source));
  });

  it("writes an idle snapshot's JSON in slices without holding operations back, and drops it when one is applied meanwhile", async () => {
    let paused = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const idb = freshIndexedDB();
    const { repository, db } = tab(idb, {
      pause: async () => {
        paused++;
        await gate;
      },
    });
    const open = await repository.createWorkspace({ name: "W", seed: "s", start_time: START });
    await repository.apply(open, { op: "importState", args: { source: "test", snapshot: largeSnapshot(8000) } });
    await repository.apply(open, { op: "advanceClock", args: { seconds: 1 } });
    const saving = repository.saveSnapshot(open);
    await vi.waitFor(() => expect(paused).toBe(1));
    // Applied and stored while the snapshot's JSON waits between two slices.
    await repository.apply(open, { op: "advanceClock", args: { seconds: 1 } });
    release();
    await saving;
    expect(await storedSnapshotSeqs(db, open.meta.id)).toEqual([]);
    // Asked twice at once (the scheduled snapshot and the idle one), it is taken once.
    const toJSON = vi.spyOn(open.workspace.manager, "toJSON");
    await Promise.all([repository.saveSnapshot(open), repository.saveSnapshot(open)]);
    expect(toJSON).toHaveBeenCalledTimes(1);
    expect(await storedSnapshotSeqs(db, open.meta.id)).toEqual([3]);
    expect(paused).toBeGreaterThan(2);
    expect(stateOf((await tab(idb).repository.openWorkspace(open.meta.id)).workspace)).toBe(stateOf(open.workspace));
  });

  it("takes no snapshot right after an importState, whose entry replays as fast as a snapshot reads", async () => {
    const idb = freshIndexedDB();
    const { repository, db } = tab(idb);
    const source = new Workspace({ name: "Dump", seed: "s", start_time: START });
    source.apply({ op: "importState", args: { source: "test", snapshot: largeSnapshot(300) } });
    const open = await repository.importWorkspace(source);
    await repository.saveSnapshot(open);
    expect(await storedSnapshotSeqs(db, open.meta.id)).toEqual([]);
    await repository.apply(open, { op: "advanceClock", args: { seconds: 1 } });
    await repository.saveSnapshot(open);
    expect(await storedSnapshotSeqs(db, open.meta.id)).toEqual([2]);
    expect(stateOf((await tab(idb).repository.openWorkspace(open.meta.id)).workspace)).toBe(stateOf(open.workspace));
  });

  it("is visible to a second tab as soon as apply resolves", async () => {
    const idb = freshIndexedDB();
    const a = tab(idb).repository;
    const open = await a.createWorkspace({ name: "W", seed: "s", start_time: START });
    const entry = await a.apply(open, { op: "createSession", args: { userId: "diana", clientId: "c" } });
    const seen = await tab(idb).repository.openWorkspace(open.meta.id);
    expect(seen.workspace.journal).toEqual([entry]);
    expect(seen.meta.revision).toBe(1);
  });
});

describe("storage faults", () => {
  for (const kind of ["quota", "abort"] as const) {
    for (const table of ["journal", "workspaces"] as const) {
      it(`rolls back to the stored state on a ${kind} fault writing ${table}, and continues without lost or duplicated entries`, async () => {
        const idb = freshIndexedDB();
        const faults = new FaultInjector();
        const { repository, db } = tab(idb, { faults });
        const open = await repository.createWorkspace({ name: "W", seed: "s", start_time: START });
        const stream = await applyMany(repository, open, 10);
        const before = stateOf(open.workspace);

        faults.failNextWrite(table, kind);
        const error = await repository.apply(open, stream.next()).catch((e: unknown) => e);
        expect(faults.armed).toBe(false);
        expect(error).toBeInstanceOf(StorageError);
        expect((error as StorageError).name).toBe("StorageError");
        expect((error as StorageError).code).toBe(kind === "quota" ? "quota_exceeded" : "transaction_aborted");
        expect((error as StorageError).message).toMatch(kind === "quota" ? /storage quota .* full/ : /interrupted .* nothing was saved/);

        // In memory equals stored equals before.
        expect(stateOf(open.workspace)).toBe(before);
        expect(open.meta.length).toBe(10);
        expect(await persistedState(idb, open.meta.id)).toBe(before);

        // Continuing works: the same seq is written now, and nothing is lost or duplicated.
        await applyMany(repository, open, 5, stream);
        expect(await storedSeqs(db, open.meta.id)).toEqual(range(1, 15));
        expect(await persistedState(idb, open.meta.id)).toBe(stateOf(open.workspace));
      });
    }
  }

  it("stores nothing of an import whose journal cannot be written (quota), and imports it afterwards", async () => {
    const idb = freshIndexedDB();
    const faults = new FaultInjector();
    const { repository, db } = tab(idb, { faults });
    const source = buildWorkspace(30, "Big");
    faults.failNextWrite("journal", "quota");
    const error = await repository.importStateFile(source.toStateFile()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).code).toBe("quota_exceeded");
    expect([await db.workspaces.count(), await db.journal.count(), await db.snapshots.count()]).toEqual([0, 0, 0]);
    const open = await repository.importStateFile(source.toStateFile());
    expect(await persistedState(idb, open.meta.id)).toBe(stateOf(source));
  });

  it("rolls back an entry whose snapshot cannot be written (quota at the 100th entry)", async () => {
    const idb = freshIndexedDB();
    const faults = new FaultInjector();
    const { repository, db } = tab(idb, { faults });
    const open = await repository.createWorkspace({ name: "W", seed: "s", start_time: START });
    const stream = await applyMany(repository, open, 99);
    const before = stateOf(open.workspace);
    faults.failNextWrite("snapshots", "quota");
    await expect(repository.apply(open, stream.next())).rejects.toMatchObject({ name: "StorageError", code: "quota_exceeded" });
    expect(stateOf(open.workspace)).toBe(before);
    expect(await storedSeqs(db, open.meta.id)).toEqual(range(1, 99));
    expect(await storedSnapshotSeqs(db, open.meta.id)).toEqual([]);
    await applyMany(repository, open, 2, stream);
    expect(await storedSnapshotSeqs(db, open.meta.id)).toEqual([100]);
    expect(await persistedState(idb, open.meta.id)).toBe(stateOf(open.workspace));
  });

  it("keeps the entry when undo cannot be saved, and redo after a failed redo still works", async () => {
    const idb = freshIndexedDB();
    const faults = new FaultInjector();
    const { repository } = tab(idb, { faults });
    const open = await repository.createWorkspace({ name: "W", seed: "s", start_time: START });
    await applyMany(repository, open, 4);
    const before = stateOf(open.workspace);
    faults.failNextWrite("journal", "abort");
    await expect(repository.undo(open)).rejects.toMatchObject({ code: "transaction_aborted" });
    expect(stateOf(open.workspace)).toBe(before);
    expect(open.redo).toEqual([]);

    const undone = await repository.undo(open);
    faults.failNextWrite("journal", "quota");
    await expect(repository.redo(open)).rejects.toMatchObject({ code: "quota_exceeded" });
    expect(open.redo).toEqual([undone]);
    expect(await repository.redo(open)).toEqual(undone);
    expect(stateOf(open.workspace)).toBe(before);
    expect(await persistedState(idb, open.meta.id)).toBe(before);
  });

  it("reports a closed database (another tab's upgrade) and keeps the open workspace as stored", async () => {
    const idb = freshIndexedDB();
    const { repository, db } = tab(idb);
    const open = await repository.createWorkspace({ name: "W", seed: "s", start_time: START });
    const stream = await applyMany(repository, open, 3);
    const before = stateOf(open.workspace);
    db.close();
    const error = await repository.apply(open, stream.next()).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "StorageError", code: "database_closed" });
    expect((error as Error).message).toMatch(/Reload this page/);
    expect(stateOf(open.workspace)).toBe(before);
    expect(await persistedState(idb, open.meta.id)).toBe(before);
  });
});

describe("several tabs", () => {
  it("two tabs appending at once never store two entries with one seq; the loser gets a conflict and can reload", async () => {
    const idb = freshIndexedDB();
    const { repository: a, db } = tab(idb);
    const { repository: b } = tab(idb);
    const openA = await a.createWorkspace({ name: "W", seed: "s", start_time: START });
    await applyMany(a, openA, 5);
    const openB = await b.openWorkspace(openA.meta.id);
    const beforeB = stateOf(openB.workspace);

    const results = await Promise.allSettled([
      a.apply(openA, { op: "advanceClock", args: { seconds: 10 } }),
      b.apply(openB, { op: "setClock", args: { now: START + 99_999 } }),
    ]);
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toBeInstanceOf(StorageError);
    expect(rejected[0].reason.code).toBe("conflict");
    expect(await storedSeqs(db, openA.meta.id)).toEqual(range(1, 6));

    // The loser kept its own (old) state, reloads the winner's, and continues from there.
    const loser = results[0].status === "rejected" ? { repo: a, open: openA } : { repo: b, open: openB };
    if (loser.open === openB) expect(stateOf(openB.workspace)).toBe(beforeB);
    await loser.repo.reload(loser.open);
    expect(loser.open.workspace.journal).toHaveLength(6);
    await loser.repo.apply(loser.open, { op: "advanceClock", args: { seconds: 1 } });
    expect(await storedSeqs(db, openA.meta.id)).toEqual(range(1, 7));
    expect(await persistedState(idb, openA.meta.id)).toBe(stateOf(loser.open.workspace));
  });

  it("opening while another tab appends gives a journal and revision from one moment, never a mix", async () => {
    const idb = freshIndexedDB();
    const a = tab(idb).repository;
    const b = tab(idb).repository;
    const open = await a.createWorkspace({ name: "W", seed: "s", start_time: START });
    await applyMany(a, open, 150);
    const writer = await b.openWorkspace(open.meta.id);
    const stream = new OperationStream();
    const appends = (async () => {
      for (let i = 0; i < 40; i++) stream.record(await b.apply(writer, stream.next()));
    })();
    const opened: OpenWorkspace[] = [];
    for (let i = 0; i < 40; i++) opened.push(await a.openWorkspace(open.meta.id));
    await appends;
    for (const o of opened) {
      // Only appends happened, so a consistent read has as many entries as revisions, numbered 1..n.
      expect(o.meta.revision).toBe(o.workspace.journal.length);
      expect(o.workspace.journal.map((e) => e.seq)).toEqual(range(1, o.workspace.journal.length));
    }
    expect(new Set(opened.map((o) => o.workspace.journal.length)).size).toBeGreaterThan(1);
  });

  it("many interleaved appends from two tabs keep one gap-free journal", async () => {
    const idb = freshIndexedDB();
    const { repository: a, db } = tab(idb);
    const { repository: b } = tab(idb);
    const openA = await a.createWorkspace({ name: "W", seed: "s", start_time: START });
    const openB = await b.openWorkspace(openA.meta.id);
    let accepted = 0;
    for (let round = 0; round < 10; round++) {
      const results = await Promise.allSettled([
        a.apply(openA, { op: "advanceClock", args: { seconds: 1 } }),
        b.apply(openB, { op: "advanceClock", args: { seconds: 2 } }),
      ]);
      for (const r of results) {
        if (r.status === "fulfilled") accepted++;
        else expect(r.reason).toMatchObject({ code: "conflict" });
      }
      await a.reload(openA);
      await b.reload(openB);
    }
    expect(await storedSeqs(db, openA.meta.id)).toEqual(range(1, accepted));
    expect(stateOf(openA.workspace)).toBe(stateOf(openB.workspace));
  });

  it("an undo in one tab makes the other tab's next append a conflict, not a gap", async () => {
    const idb = freshIndexedDB();
    const { repository: a, db } = tab(idb);
    const { repository: b } = tab(idb);
    const openA = await a.createWorkspace({ name: "W", seed: "s", start_time: START });
    await applyMany(a, openA, 3);
    const openB = await b.openWorkspace(openA.meta.id);
    await a.undo(openA);
    await a.apply(openA, { op: "advanceClock", args: { seconds: 7 } }); // same length as B expects, other history
    await expect(b.apply(openB, { op: "advanceClock", args: { seconds: 1 } })).rejects.toMatchObject({ code: "conflict" });
    expect(await storedSeqs(db, openA.meta.id)).toEqual([1, 2, 3]);
    expect(await persistedState(idb, openA.meta.id)).toBe(stateOf(openA.workspace));
  });

  it("announces changes to other tabs through a BroadcastChannel", async () => {
    const idb = freshIndexedDB();
    const channelName = uniqueChannelName();
    const { repository: a } = tab(idb, { channelName });
    const { repository: b } = tab(idb, { channelName });
    const heard: ExternalChange[] = [];
    const expected: ExternalChange["kind"][] = ["created", "appended", "undone", "redone", "renamed", "deleted"];
    const done = new Promise<void>((resolve) => {
      b.subscribe((change) => {
        heard.push(change);
        if (heard.length === expected.length) resolve();
      });
    });
    const mine: ExternalChange[] = [];
    a.subscribe((change) => mine.push(change));
    const open = await a.createWorkspace({ name: "W", seed: "s", start_time: START });
    await a.apply(open, { op: "advanceClock", args: { seconds: 1 } });
    await a.undo(open);
    await a.redo(open);
    await a.rename(open.meta.id, "V");
    await a.deleteWorkspace(open.meta.id);
    await done;
    expect(heard).toEqual(expected.map((kind) => ({ workspaceId: open.meta.id, kind })));
    expect(mine).toEqual([]); // a tab is not told about its own changes
  });
});

describe("opening", () => {
  it("replays only the tail after the newest snapshot, equal to a full replay", async () => {
    const idb = freshIndexedDB();
    const { repository } = tab(idb);
    const open = await repository.createWorkspace({ name: "W", seed: "s", start_time: START });
    await applyMany(repository, open, 234);
    const reopened = await tab(idb).repository.openWorkspace(open.meta.id);
    const full = new Workspace({ name: "W", seed: "s", start_time: START }, [...reopened.workspace.journal]);
    expect(stateOf(reopened.workspace)).toBe(stateOf(full));
    expect(reopened.meta).toMatchObject({ length: 234, revision: 234 });
    expect(reopened.restoredFrom).toEqual({ kind: "snapshot", seq: 200 });
  });

  it("leaves a snapshot unread when replaying the steps it saves costs less (a large import, few steps after it)", async () => {
    const idb = freshIndexedDB();
    const { repository, db } = tab(idb);
    const open = await repository.createWorkspace({ name: "W", seed: "s", start_time: START });
    await repository.apply(open, { op: "importState", args: { source: "test", snapshot: largeSnapshot(3000) } });
    await applyMany(repository, open, 120);
    expect(await storedSnapshotSeqs(db, open.meta.id)).toEqual([100]);
    const reopened = await tab(idb).repository.openWorkspace(open.meta.id);
    expect(reopened.restoredFrom).toMatchObject({ kind: "replay", reason: expect.stringMatching(/^reading the snapshot at step 100 \(\d+ bytes\) costs more/) });
    expect(stateOf(reopened.workspace)).toBe(stateOf(open.workspace));
  });

  it("falls back to a full replay when the stored snapshot is damaged", async () => {
    const idb = freshIndexedDB();
    const { repository, db } = tab(idb);
    const open = await repository.createWorkspace({ name: "W", seed: "s", start_time: START });
    await applyMany(repository, open, 120);
    await db.snapshots.update([open.meta.id, 100], { json: jsonBlob({ salt: 42 }) });
    expect(stateOf((await tab(idb).repository.openWorkspace(open.meta.id)).workspace)).toBe(stateOf(open.workspace));
    await db.snapshots.update([open.meta.id, 100], { json: new Blob(['{"salt": "cut off']) });
    expect(stateOf((await tab(idb).repository.openWorkspace(open.meta.id)).workspace)).toBe(stateOf(open.workspace));
  });

  it("stores a large entry (an imported state) as a Blob and a small one as a row, and reads both back as they were", async () => {
    const idb = freshIndexedDB();
    const { repository, db } = tab(idb);
    const open = await repository.createWorkspace({ name: "W", seed: "s", start_time: START });
    await applyMany(repository, open, 3);
    await repository.apply(open, { op: "importState", args: { source: "test", snapshot: largeSnapshot(400) } });
    await applyMany(repository, open, 2);
    const rows = await db.journal.where("[workspaceId+seq]").between([open.meta.id, Dexie.minKey], [open.meta.id, Dexie.maxKey]).toArray();
    expect(rows.map((r) => ("entry_json" in r ? "blob" : "row"))).toEqual(["row", "row", "row", "blob", "row", "row"]);
    const reopened = await tab(idb).repository.openWorkspace(open.meta.id);
    expect(reopened.workspace.journal).toEqual(open.workspace.journal);
    expect(stateOf(reopened.workspace)).toBe(stateOf(open.workspace));

    // A large entry that cannot be read back is a storage failure naming the step, never a silent gap.
    await db.journal.put({ workspaceId: open.meta.id, seq: 4, entry_json: new Blob(['{"seq": 4, "cut off']) });
    const failed = await tab(idb).repository.openWorkspace(open.meta.id).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(StorageError);
    expect((failed as StorageError).message).toContain("Step 4 of this workspace cannot be read back");
  });

  it("lists its large entries in the workspace row through append, undo and fork, and opens the same journal without the list", async () => {
    const idb = freshIndexedDB();
    const { repository, db } = tab(idb);
    const open = await repository.createWorkspace({ name: "W", seed: "s", start_time: START });
    const stream = await applyMany(repository, open, 2);
    const importState = (tokens: number) => repository.apply(open, { op: "importState", args: { source: "test", snapshot: largeSnapshot(tokens) } });
    await importState(400);
    await applyMany(repository, open, 1, stream);
    await importState(300);
    const listed = async (id: string) => (await db.workspaces.get(id))?.large_entries;
    expect(await listed(open.meta.id)).toEqual([3, 5]);
    await repository.undo(open);
    expect(await listed(open.meta.id)).toEqual([3]);
    const fork = await repository.fork(open, 4);
    expect(await listed(fork.meta.id)).toEqual([3]);
    // The list is the store's bookkeeping, not part of a workspace's description.
    for (const meta of [open.meta, fork.meta, ...(await repository.listWorkspaces())]) expect(meta).not.toHaveProperty("large_entries");

    const expected = stateOf(open.workspace);
    expect(stateOf((await tab(idb).repository.openWorkspace(open.meta.id)).workspace)).toBe(expected);
    // A row written before the list existed, or a list gone stale, opens the same journal.
    for (const large_entries of [undefined, [], [1, 2, 4, 99]]) {
      await db.workspaces.update(open.meta.id, { large_entries });
      const reopened = await tab(idb).repository.openWorkspace(open.meta.id);
      expect(reopened.workspace.journal).toEqual(open.workspace.journal);
      expect(stateOf(reopened.workspace)).toBe(expected);
    }
  });

  it("tells its listeners at once when another tab deletes the database, and saves again afterwards", async () => {
    const idb = freshIndexedDB();
    const { repository } = tab(idb);
    await repository.createWorkspace({ name: "W", seed: "s", start_time: START });
    const heard: string[] = [];
    repository.onStorageLost((message) => heard.push(message));
    await new Promise<void>((resolve, reject) => {
      const request = idb.indexedDB.deleteDatabase("oidc-session-playground");
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
    expect(heard).toHaveLength(1);
    expect(heard[0]).toContain("deleted in another tab");
    const again = await repository.createWorkspace({ name: "After", seed: "s", start_time: START });
    expect((await tab(idb).repository.listWorkspaces()).map((w) => w.id)).toEqual([again.meta.id]);
  });

  it("takes the journal, not meta.length, as the truth about how long the journal is", async () => {
    const idb = freshIndexedDB();
    const { repository, db } = tab(idb);
    const open = await repository.createWorkspace({ name: "W", seed: "s", start_time: START });
    await applyMany(repository, open, 5);
    await db.workspaces.update(open.meta.id, { length: 2 });
    const other = tab(idb).repository;
    const reopened = await other.openWorkspace(open.meta.id);
    expect(reopened.meta.length).toBe(5);
    expect(reopened.workspace.journal.map((e: JournalEntry) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    // And the next append goes on from the journal, repairing the stored count.
    await other.apply(reopened, { op: "advanceClock", args: { seconds: 1 } });
    expect(await storedSeqs(db, open.meta.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await db.workspaces.get(open.meta.id))?.length).toBe(6);
  });
});

describe("import", () => {
  /** A state file of `n` ordinary entries, as parsed JSON to damage. */
  const stateFile = (n: number) => JSON.parse(buildWorkspace(n, "Imported").toStateFile());

  it("starts writing the file's journal before checking it, and stores none of it when the check fails", async () => {
    const recorder = new WriteRecorder();
    const { repository, db } = tab();
    db.use(recorder.middleware);
    const file = stateFile(40);
    file.journal[39].at += 1; // only the replay of the last entry finds this
    const error = await repository.importStateFile(JSON.stringify(file)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidStateFile);
    expect((error as InvalidStateFile).problems[0].path).toBe("journal[39].at");
    expect(recorder.to("journal")).toEqual([{ table: "journal", type: "add", count: 40 }]);
    expect([await db.workspaces.count(), await db.journal.count(), await db.snapshots.count()]).toEqual([0, 0, 0]);
  });

  it("refuses a file of another format or a newer version before writing any of it", async () => {
    const recorder = new WriteRecorder();
    const { repository, db } = tab();
    db.use(recorder.middleware);
    for (const [key, value] of [["format", "something-else"], ["version", 2]] as const) {
      const file = { ...stateFile(20), [key]: value };
      await expect(repository.importStateFile(JSON.stringify(file))).rejects.toThrow(InvalidStateFile);
    }
    expect(recorder.to("journal")).toEqual([]);
  });

  it("reports a journal entry nested too deep to write as the file's problem, not a storage failure", async () => {
    const { repository, db } = tab();
    const file = stateFile(3);
    file.journal[1].operation.args.authReq = { claims: "DEEP" };
    // Written by hand: JSON.stringify itself overflows the stack on such nesting, as the store's would.
    const levels = 200_000;
    const text = JSON.stringify(file).replace('"DEEP"', "[".repeat(levels) + "1" + "]".repeat(levels));
    const error = await repository.importStateFile(text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidStateFile);
    expect((error as InvalidStateFile).message).toMatch(/nests JSON more than \d+ levels deep/);
    expect([await db.workspaces.count(), await db.journal.count()]).toEqual([0, 0]);
  });

  it("keeps the file's own entries: the journal stored is the one checked, in the file's key order", async () => {
    const idb = freshIndexedDB();
    const file = stateFile(5);
    file.journal = file.journal.map(({ seq, at, ...rest }: JournalEntry) => ({ at, ...rest, seq }));
    const open = await tab(idb).repository.importStateFile(JSON.stringify(file));
    const reopened = await tab(idb).repository.openWorkspace(open.meta.id);
    for (const { workspace } of [open, reopened]) {
      expect(workspace.journal.map((entry) => Object.keys(entry))).toEqual(file.journal.map((entry: object) => Object.keys(entry)));
      expect(JSON.parse(workspace.toStateFile()).journal).toEqual(file.journal);
    }
  });
});

describe("export", () => {
  const AT = "2026-11-27T12:00:00.000Z";

  /** Where two texts first differ, or -1 (a failure prints a position, not two megabytes). */
  const firstDiff = (a: string, b: string) => {
    for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
    return -1;
  };

  /** A workspace with an imported state over the indentation limit (stored as a Blob) and ordinary entries. */
  async function withImport(idb = freshIndexedDB()) {
    const made = tab(idb);
    const open = await made.repository.createWorkspace({ name: "Exported", seed: "s", start_time: START });
    await applyMany(made.repository, open, 3);
    await made.repository.apply(open, { op: "importState", args: { source: "test", snapshot: largeSnapshot(4000) } });
    await applyMany(made.repository, open, 96);
    return { ...made, open, idb };
  }

  it("gives the bytes of toStateFile, copying the stored import and the current snapshot in without serializing the state", async () => {
    const { repository, open, idb } = await withImport();
    expect(open.workspace.journal).toHaveLength(100); // the 100th entry wrote a snapshot of the current state
    const toJSON = vi.spyOn(open.workspace.manager, "toJSON");
    const stringify = vi.spyOn(JSON, "stringify");
    const { fileName, blob } = await repository.exportStateBlob(open, AT);
    const imported = open.workspace.journal[3];
    expect(stringify.mock.calls.some(([value]) => value === imported)).toBe(false);
    stringify.mockRestore();
    expect(toJSON).not.toHaveBeenCalled();
    expect(fileName).toBe("Exported.oidc-session.json");
    expect(firstDiff(await blob.text(), open.workspace.toStateFile({ exportedAt: AT }))).toBe(-1);

    // Reopened in another tab, the import is read from its Blob and copied the same way.
    const reopened = await tab(idb).repository.openWorkspace(open.meta.id);
    expect(firstDiff(await (await repository.exportStateBlob(reopened, AT)).blob.text(), open.workspace.toStateFile({ exportedAt: AT }))).toBe(-1);
  });

  it("serializes the state when no stored snapshot holds it, or the one stored is from another history", async () => {
    const { repository, open, db } = await withImport();
    await repository.apply(open, { op: "advanceClock", args: { seconds: 5 } });
    const toJSON = vi.spyOn(open.workspace.manager, "toJSON");
    expect(firstDiff(await (await repository.exportStateBlob(open, AT)).blob.text(), open.workspace.toStateFile({ exportedAt: AT }))).toBe(-1);
    expect(toJSON).toHaveBeenCalledTimes(2); // once by the export, once by toStateFile here

    const stale = await db.snapshots.get([open.meta.id, 100]);
    await db.snapshots.put({ ...stale!, seq: 101 });
    expect(firstDiff(await (await repository.exportStateBlob(open, AT)).blob.text(), open.workspace.toStateFile({ exportedAt: AT }))).toBe(-1);
  });

  it("indents a small state file, as exportStateFile does", async () => {
    const { repository } = tab();
    const open = await repository.createWorkspace({ name: "Small", seed: "s", start_time: START });
    await applyMany(repository, open, 5);
    expect(await (await repository.exportStateBlob(open, AT)).blob.text()).toBe(open.workspace.toStateFile({ exportedAt: AT, space: 2 }));
  });
});
