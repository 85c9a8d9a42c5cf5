import { afterEach, describe, expect, it } from "vitest";
import { createRepository } from "./create-repository.ts";
import { DATABASE_NAME } from "./db.ts";
import { DexieWorkspaceRepository } from "./dexie-workspace-repository.ts";
import { MemoryWorkspaceRepository } from "./memory-workspace-repository.ts";
import { freshIndexedDB, START } from "./test-fixtures.ts";
import type { WorkspaceRepository } from "./types.ts";

const repositories: WorkspaceRepository[] = [];
afterEach(() => {
  for (const r of repositories.splice(0)) r.close();
});

async function create(options: Parameters<typeof createRepository>[0]) {
  const repository = await createRepository({ channelName: null, ...options });
  repositories.push(repository);
  return repository;
}

describe("createRepository", () => {
  it("uses IndexedDB when it opens and accepts writes", async () => {
    const repository = await create({ ...freshIndexedDB(), requestPersistence: false });
    expect(repository).toBeInstanceOf(DexieWorkspaceRepository);
    expect(repository.status).toEqual({ backend: "indexeddb", persisted: null });
  });

  it("falls back to memory, with a reason, when the browser has no IndexedDB", async () => {
    const repository = await create({ indexedDB: null });
    expect(repository).toBeInstanceOf(MemoryWorkspaceRepository);
    expect(repository.status.backend).toBe("memory");
    expect(repository.status.reason).toMatch(/Nothing is saved.*no IndexedDB/);
    // And the app still works, in memory.
    const open = await repository.createWorkspace({ name: "W", seed: "s", start_time: START });
    await repository.apply(open, { op: "advanceClock", args: { seconds: 1 } });
    expect((await repository.openWorkspace(open.meta.id)).workspace.journal).toHaveLength(1);
  });

  it("falls back to memory when opening fails (private mode throws on open)", async () => {
    const refusing = {
      open() {
        throw new DOMException("A mutation operation was attempted on a database that did not allow mutations.", "InvalidStateError");
      },
    };
    const repository = await create({ indexedDB: refusing, IDBKeyRange: freshIndexedDB().IDBKeyRange });
    expect(repository.status.backend).toBe("memory");
    expect(repository.status.reason).toMatch(/private mode/);
  });

  it("falls back to memory when another tab keeps the database blocked", async () => {
    const idb = freshIndexedDB();
    // An old page holding version 0.1 of the database, which never closes on "versionchange".
    const old = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = idb.indexedDB.open(DATABASE_NAME, 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const repository = await create({ ...idb, openTimeoutMs: 100 });
    expect(repository.status.backend).toBe("memory");
    expect(repository.status.reason).toMatch(/another tab .* locked/);
    old.close();
  });

  it("asks for persistent storage and records the answer", async () => {
    const asked: string[] = [];
    const storage = {
      persisted: async () => (asked.push("persisted"), false),
      persist: async () => (asked.push("persist"), true),
    };
    const repository = await create({ ...freshIndexedDB(), storage });
    expect(asked).toEqual(["persisted", "persist"]);
    expect(repository.status.persisted).toBe(true);
  });

  it("does not ask again when storage is already persistent, and records a refusal", async () => {
    const already = await create({ ...freshIndexedDB(), storage: { persisted: async () => true, persist: async () => Promise.reject(new Error("not asked")) } });
    expect(already.status.persisted).toBe(true);
    const refused = await create({ ...freshIndexedDB(), storage: { persisted: async () => false, persist: async () => false } });
    expect(refused.status.persisted).toBe(false);
    const none = await create({ ...freshIndexedDB(), storage: null });
    expect(none.status.persisted).toBeNull();
  });

  it("does not ask for persistence when nothing is saved", async () => {
    let asked = false;
    const repository = await create({ indexedDB: null, storage: { persist: async () => (asked = true) } });
    expect(asked).toBe(false);
    expect(repository.status.persisted).toBeNull();
  });
});
