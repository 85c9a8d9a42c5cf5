import { afterEach, describe, expect, it } from "vitest";
import { InvalidStateFile } from "../core/index.ts";
import { Workspace } from "../ops/index.ts";
import { MemoryWorkspaceRepository } from "./memory-workspace-repository.ts";
import { StorageError, WorkspaceNotFound } from "./storage-error.ts";
import { buildWorkspace, dexieRepository, freshIndexedDB, OperationStream, START, stateOf } from "./test-fixtures.ts";
import type { OpenWorkspace, WorkspaceRepository } from "./types.ts";

// The same behaviour is required of the IndexedDB repository and of the in-memory fallback.
// `reopen` gives a repository that reads what the first one stored: a new "page load" for
// IndexedDB, the same repository for memory (which keeps nothing beyond itself).
interface Backend {
  name: string;
  make(): { repository: WorkspaceRepository; reopen(): WorkspaceRepository };
}

const backends: Backend[] = [
  {
    name: "IndexedDB (Dexie on fake-indexeddb)",
    make() {
      const idb = freshIndexedDB();
      return { repository: dexieRepository(idb).repository, reopen: () => dexieRepository(idb).repository };
    },
  },
  {
    name: "memory",
    make() {
      const repository = new MemoryWorkspaceRepository();
      return { repository, reopen: () => repository };
    },
  },
];

const opened: WorkspaceRepository[] = [];
afterEach(() => {
  for (const r of opened.splice(0)) r.close();
});

async function applyMany(repository: WorkspaceRepository, open: OpenWorkspace, n: number, stream = new OperationStream()): Promise<OperationStream> {
  for (let i = 0; i < n; i++) stream.record(await repository.apply(open, stream.next()));
  return stream;
}

describe.each(backends)("workspace repository on $name", (backend) => {
  function setup() {
    const made = backend.make();
    opened.push(made.repository);
    return {
      repository: made.repository,
      reopen() {
        const r = made.reopen();
        if (r !== made.repository) opened.push(r);
        return r;
      },
    };
  }

  it("creates a workspace and lists it with its description", async () => {
    const { repository } = setup();
    const open = await repository.createWorkspace({ name: "Code flow", seed: "s1", start_time: START, notes: "try refresh" });
    expect(open.workspace.journal).toEqual([]);
    const list = await repository.listWorkspaces();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: open.meta.id, name: "Code flow", seed: "s1", start_time: START, notes: "try refresh", length: 0, settings: {} });
  });

  it("refuses an empty or overlong name", async () => {
    const { repository } = setup();
    await expect(repository.createWorkspace({ name: "  " })).rejects.toMatchObject({ code: "invalid_argument" });
    await expect(repository.createWorkspace({ name: "x".repeat(201) })).rejects.toMatchObject({ code: "invalid_argument" });
  });

  it("persists each applied operation before resolving, so a reopen sees it", async () => {
    const { repository, reopen } = setup();
    const open = await repository.createWorkspace({ name: "W", seed: "s", start_time: START });
    const entry = await repository.apply(open, { op: "createSession", args: { userId: "diana", clientId: "client_1" } });
    expect(entry.seq).toBe(1);
    expect(open.meta.length).toBe(1);
    const again = await reopen().openWorkspace(open.meta.id);
    expect(again.workspace.journal).toEqual([entry]);
    expect(stateOf(again.workspace)).toBe(stateOf(open.workspace));
  });

  it("journals a refused operation with its error and resolves", async () => {
    const { repository, reopen } = setup();
    const open = await repository.createWorkspace({ name: "W", seed: "s", start_time: START });
    const entry = await repository.apply(open, { op: "registerUsage", args: { sessionId: "a;;b;;c", value: "nope" } });
    expect("error" in entry && entry.error.code).toBe("no_such_user_session");
    const again = await reopen().openWorkspace(open.meta.id);
    expect(again.workspace.journal).toEqual([entry]);
  });

  it("reopens a workspace of 250 entries (two snapshots and a tail) exactly as it was", async () => {
    const { repository, reopen } = setup();
    const open = await repository.createWorkspace({ name: "W", seed: "s", start_time: START });
    await applyMany(repository, open, 250);
    const again = await reopen().openWorkspace(open.meta.id);
    expect(again.meta.length).toBe(250);
    expect(stateOf(again.workspace)).toBe(stateOf(open.workspace));
    expect(stateOf(again.workspace)).toBe(stateOf(new Workspace({ name: "x", seed: "s", start_time: START }, again.workspace.journal)));
  });

  it("undo removes the last entry, redo re-applies it, and both survive a reopen", async () => {
    const { repository, reopen } = setup();
    const open = await repository.createWorkspace({ name: "W", seed: "s", start_time: START });
    await applyMany(repository, open, 5);
    const before = stateOf(open.workspace);
    const last = open.workspace.journal[4];

    const undone = await repository.undo(open);
    expect(undone).toEqual(last);
    expect(open.workspace.journal).toHaveLength(4);
    expect(open.redo).toEqual([last]);
    expect(stateOf((await reopen().openWorkspace(open.meta.id)).workspace)).toBe(stateOf(open.workspace));

    const redone = await repository.redo(open);
    expect(redone).toEqual(last);
    expect(open.redo).toEqual([]);
    expect(stateOf(open.workspace)).toBe(before);
    expect(stateOf((await reopen().openWorkspace(open.meta.id)).workspace)).toBe(before);
  });

  it("a new operation after undo clears the redo stack; undo and redo of nothing do nothing", async () => {
    const { repository } = setup();
    const open = await repository.createWorkspace({ name: "W", seed: "s", start_time: START });
    expect(await repository.undo(open)).toBeUndefined();
    expect(await repository.redo(open)).toBeUndefined();
    await applyMany(repository, open, 3);
    await repository.undo(open);
    await repository.undo(open);
    expect(open.redo).toHaveLength(2);
    await repository.apply(open, { op: "advanceClock", args: { seconds: 5 } });
    expect(open.redo).toEqual([]);
    expect(await repository.redo(open)).toBeUndefined();
    expect(open.workspace.journal.map((e) => e.seq)).toEqual([1, 2]);
  });

  it("undo across a snapshot boundary drops the snapshot above and reopens equal", async () => {
    const { repository, reopen } = setup();
    const open = await repository.createWorkspace({ name: "W", seed: "s", start_time: START });
    await applyMany(repository, open, 101);
    const journal = [...open.workspace.journal];
    await repository.undo(open);
    await repository.undo(open);
    expect(open.workspace.journal).toHaveLength(99);
    expect(stateOf(open.workspace)).toBe(stateOf(new Workspace({ name: "x", seed: "s", start_time: START }, journal.slice(0, 99))));
    expect(stateOf((await reopen().openWorkspace(open.meta.id)).workspace)).toBe(stateOf(open.workspace));
    // And new history continues from there, through the next snapshot.
    await applyMany(repository, open, 3);
    expect(stateOf((await reopen().openWorkspace(open.meta.id)).workspace)).toBe(stateOf(open.workspace));
  });

  it("forks a new workspace with the first k entries and leaves the original alone", async () => {
    const { repository, reopen } = setup();
    const open = await repository.createWorkspace({ name: "Main", seed: "s", start_time: START });
    await applyMany(repository, open, 130);
    const before = stateOf(open.workspace);
    const fork = await repository.fork(open, 120);
    expect(fork.meta.id).not.toBe(open.meta.id);
    expect(fork.meta.name).toBe("Main (fork at step 120)");
    expect(fork.meta.length).toBe(120);
    expect(fork.workspace.journal).toEqual(open.workspace.journal.slice(0, 120));
    expect(stateOf(fork.workspace)).toBe(stateOf(new Workspace({ name: "x", seed: "s", start_time: START }, open.workspace.journal.slice(0, 120))));
    expect(stateOf(open.workspace)).toBe(before);
    // The fork has a life of its own.
    await repository.apply(fork, { op: "advanceClock", args: { seconds: 1 } });
    const r = reopen();
    expect((await r.openWorkspace(open.meta.id)).meta.length).toBe(130);
    expect(stateOf((await r.openWorkspace(fork.meta.id)).workspace)).toBe(stateOf(fork.workspace));
    await expect(repository.fork(open, 131)).rejects.toMatchObject({ code: "invalid_argument" });
    expect((await repository.fork(open, 0, "Empty")).workspace.journal).toEqual([]);
  });

  it("imports a state file as a new workspace, never overwriting, with a suffix on a clashing name", async () => {
    const { repository } = setup();
    const existing = await repository.createWorkspace({ name: "Demo", seed: "other", start_time: START });
    const text = buildWorkspace(20, "Demo").toStateFile();
    const first = await repository.importStateFile(text);
    const second = await repository.importStateFile(text);
    expect([first.meta.name, second.meta.name]).toEqual(["Demo (2)", "Demo (3)"]);
    expect(first.workspace.name).toBe("Demo (2)");
    const third = await repository.importStateFile(buildWorkspace(1, "Demo (2)").toStateFile());
    expect(third.meta.name).toBe("Demo (4)");
    expect(new Set([existing.meta.id, first.meta.id, second.meta.id, third.meta.id]).size).toBe(4);
    expect((await repository.openWorkspace(existing.meta.id)).meta.length).toBe(0);
    expect(stateOf(first.workspace)).toBe(stateOf(buildWorkspace(20)));
  });

  it("refuses a damaged state file with InvalidStateFile and stores nothing", async () => {
    const { repository } = setup();
    const file = JSON.parse(buildWorkspace(5).toStateFile());
    file.journal[2].at += 1;
    const error = await repository.importStateFile(JSON.stringify(file)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidStateFile);
    expect((error as InvalidStateFile).problems[0].path).toBe("journal[2].at");
    await expect(repository.importStateFile("{ nope")).rejects.toThrow(/line 1, column 3/);
    expect(await repository.listWorkspaces()).toEqual([]);
  });

  it("exports <name>.oidc-session.json that imports back identical", async () => {
    const { repository, reopen } = setup();
    const open = await repository.createWorkspace({ name: "Bug: refresh/revoke?", seed: "s", start_time: START, notes: "see step 7" });
    await applyMany(repository, open, 40);
    const { fileName, text } = repository.exportStateFile(open);
    expect(fileName).toBe("Bug_ refresh_revoke_.oidc-session.json");
    expect(text).toContain('\n  "format": "oidc-session-playground"'); // small files are indented for people
    const imported = await reopen().importStateFile(text);
    expect(imported.meta.name).toBe("Bug: refresh/revoke? (2)");
    expect(imported.meta.notes).toBe("see step 7");
    expect(stateOf(imported.workspace)).toBe(stateOf(open.workspace));
  });

  it("exports the same bytes as a Blob (the app's download), whatever the store keeps", async () => {
    const { repository, reopen } = setup();
    const open = await repository.createWorkspace({ name: "Blob", seed: "s", start_time: START });
    await applyMany(repository, open, 150);
    const at = "2026-11-27T12:00:00.000Z";
    const { fileName, blob } = await repository.exportStateBlob(open, at);
    expect(fileName).toBe("Blob.oidc-session.json");
    const text = await blob.text();
    expect(text).toBe(open.workspace.toStateFile({ exportedAt: at, space: 2 }));
    expect(stateOf((await reopen().importStateFile(text)).workspace)).toBe(stateOf(open.workspace));
  });

  it("imports an already built workspace (share links, dumps)", async () => {
    const { repository, reopen } = setup();
    const open = await repository.importWorkspace(buildWorkspace(12, "Shared"));
    expect(open.meta).toMatchObject({ name: "Shared", length: 12 });
    expect(stateOf((await reopen().openWorkspace(open.meta.id)).workspace)).toBe(stateOf(buildWorkspace(12)));
  });

  it("renames a workspace, including the open one", async () => {
    const { repository, reopen } = setup();
    const open = await repository.createWorkspace({ name: "Old", seed: "s", start_time: START });
    await repository.rename(open.meta.id, "  New  ");
    expect(open.meta.name).toBe("New");
    expect(open.workspace.name).toBe("New");
    expect((await reopen().openWorkspace(open.meta.id)).meta.name).toBe("New");
    await expect(repository.rename("missing", "x")).rejects.toBeInstanceOf(WorkspaceNotFound);
  });

  it("deletes a workspace with its journal, view state and last-opened mark", async () => {
    const { repository, reopen } = setup();
    const keep = await repository.createWorkspace({ name: "Keep", seed: "s", start_time: START });
    const gone = await repository.createWorkspace({ name: "Gone", seed: "s", start_time: START });
    await applyMany(repository, gone, 3);
    await repository.saveViewState(gone.meta.id, { selectedNodeId: "n1" });
    await repository.setLastOpened(gone.meta.id);
    await repository.deleteWorkspace(gone.meta.id);
    const r = reopen();
    expect((await r.listWorkspaces()).map((w) => w.id)).toEqual([keep.meta.id]);
    await expect(r.openWorkspace(gone.meta.id)).rejects.toBeInstanceOf(WorkspaceNotFound);
    expect(await r.loadViewState(gone.meta.id)).toBeUndefined();
    expect(await r.getLastOpened()).toBeUndefined();
    // Writing to the deleted workspace is a conflict, and the open copy stays as it was.
    const error = await repository.apply(gone, { op: "advanceClock", args: { seconds: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).code).toBe("conflict");
    expect(gone.workspace.journal).toHaveLength(3);
  });

  it("keeps view state and the last opened workspace apart from the document", async () => {
    const { repository, reopen } = setup();
    const open = await repository.createWorkspace({ name: "W", seed: "s", start_time: START });
    const view = { selectedNodeId: "diana;;client_1", viewport: { x: 10, y: -4, zoom: 1.5 }, openPanels: ["inspector", "journal"] };
    await repository.saveViewState(open.meta.id, view);
    await repository.setLastOpened(open.meta.id);
    const r = reopen();
    expect(await r.loadViewState(open.meta.id)).toEqual(view);
    expect(await r.getLastOpened()).toBe(open.meta.id);
    expect(repository.exportStateFile(open).text).not.toContain("viewport");
    expect((await r.openWorkspace(open.meta.id)).meta.updated_at).toBe(open.meta.updated_at);
  });

  it("runs concurrent calls on one workspace one after another, with consecutive seqs", async () => {
    const { repository, reopen } = setup();
    const open = await repository.createWorkspace({ name: "W", seed: "s", start_time: START });
    const entries = await Promise.all(Array.from({ length: 20 }, (_, i) => repository.apply(open, { op: "advanceClock", args: { seconds: i + 1 } })));
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await reopen().openWorkspace(open.meta.id)).workspace.journal).toEqual(entries);
  });

  it("stores an idle snapshot and reopens equal from it", async () => {
    const { repository, reopen } = setup();
    const open = await repository.createWorkspace({ name: "W", seed: "s", start_time: START });
    await applyMany(repository, open, 37);
    await repository.saveSnapshot!(open);
    expect(stateOf((await reopen().openWorkspace(open.meta.id)).workspace)).toBe(stateOf(open.workspace));
  });
});

describe("memory repository", () => {
  it("exports a large workspace compact, so it stays under the import limit", async () => {
    const repository = new MemoryWorkspaceRepository();
    const open = await repository.importWorkspace(buildWorkspace(3000));
    const { text } = repository.exportStateFile(open);
    expect(text.length).toBeGreaterThan(1024 * 1024);
    expect(text).not.toContain("\n");
    expect(stateOf((await repository.importStateFile(text)).workspace)).toBe(stateOf(open.workspace));
  });

  it("says that nothing is saved", () => {
    const repository = new MemoryWorkspaceRepository({ reason: "IndexedDB is disabled" });
    expect(repository.status).toEqual({ backend: "memory", persisted: null, reason: "IndexedDB is disabled" });
  });
});
