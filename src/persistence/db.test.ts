import { Dexie } from "dexie";
import { afterEach, describe, expect, it } from "vitest";
import { createRepository } from "./create-repository.ts";
import { DATABASE_NAME, PlaygroundDatabase, SCHEMA_V1 } from "./db.ts";
import type { DexieWorkspaceRepository } from "./dexie-workspace-repository.ts";
import { entryDigest } from "./restore-workspace.ts";
import { buildWorkspace, freshIndexedDB, stateOf } from "./test-fixtures.ts";

// Version 1 exactly as it shipped. Copied here on purpose: if someone edits version 1 in db.ts
// instead of adding version 2, the first test fails, and the second keeps proving that a database
// written by the shipped version 1 still opens with the current code.
const SHIPPED_V1 = {
  workspaces: "id",
  journal: "[workspaceId+seq]",
  snapshots: "[workspaceId+seq]",
  views: "workspaceId",
  meta: "key",
};

const repositories: DexieWorkspaceRepository[] = [];
afterEach(() => {
  for (const r of repositories.splice(0)) r.close();
});

async function open(idb: ReturnType<typeof freshIndexedDB>): Promise<DexieWorkspaceRepository> {
  const repository = await createRepository({ ...idb, channelName: null, requestPersistence: false });
  expect(repository.status.backend).toBe("indexeddb");
  repositories.push(repository as DexieWorkspaceRepository);
  return repository as DexieWorkspaceRepository;
}

describe("database schema", () => {
  it("keeps version 1 as shipped, with only the queried keys indexed", async () => {
    expect(SCHEMA_V1).toEqual(SHIPPED_V1);
    const db = new PlaygroundDatabase("schema-check", freshIndexedDB());
    await db.open();
    const tables = Object.fromEntries(db.tables.map((t) => [t.name, { primKey: t.schema.primKey.src, indexes: t.schema.indexes.map((i) => i.src) }]));
    expect(tables).toEqual({
      workspaces: { primKey: "id", indexes: [] },
      journal: { primKey: "[workspaceId+seq]", indexes: [] },
      snapshots: { primKey: "[workspaceId+seq]", indexes: [] },
      views: { primKey: "workspaceId", indexes: [] },
      meta: { primKey: "key", indexes: [] },
    });
    db.close();
  });

  it("opens a database written with the shipped version 1 definition, rows as version 1 wrote them", async () => {
    const idb = freshIndexedDB();
    const workspace = buildWorkspace(130, "Old");
    const id = "0123456789abcdef0123456789abcdef";
    const old = new Dexie(DATABASE_NAME, idb);
    old.version(1).stores(SHIPPED_V1);
    await old.open();
    // Version 1 rows had no `revision` field.
    await old.table("workspaces").add({
      id,
      name: "Old",
      seed: workspace.seed,
      start_time: workspace.start_time,
      settings: {},
      notes: "",
      created_at: 1,
      updated_at: 2,
      length: 130,
    });
    await old.table("journal").bulkAdd(workspace.journal.map((e) => ({ ...e, workspaceId: id })));
    const at100 = buildWorkspace(100);
    await old.table("snapshots").add({ workspaceId: id, seq: 100, value: at100.manager.toJSON(), entry_digest: entryDigest(at100.journal[99]) });
    await old.table("views").put({ workspaceId: id, view: { selectedNodeId: "x", viewport: { x: 1, y: 2, zoom: 0.5 } } });
    await old.table("meta").put({ key: "last_opened", value: id });
    old.close();

    const repository = await open(idb);
    expect(repository.db.verno).toBe(2);
    // The upgrade turned the version 1 snapshot into JSON in a Blob, and opening uses it (no full replay).
    const upgraded = await repository.db.snapshots.get([id, 100]);
    expect(upgraded && "value" in upgraded).toBe(false);
    expect(JSON.parse(await upgraded!.json.text())).toEqual(at100.manager.toJSON());
    expect(await repository.getLastOpened()).toBe(id);
    expect(await repository.loadViewState(id)).toEqual({ selectedNodeId: "x", viewport: { x: 1, y: 2, zoom: 0.5 } });
    const opened = await repository.openWorkspace(id);
    expect(opened.meta).toMatchObject({ name: "Old", length: 130, revision: 0 });
    expect(stateOf(opened.workspace)).toBe(stateOf(workspace));
    await repository.apply(opened, { op: "advanceClock", args: { seconds: 1 } });
    expect(opened.meta.revision).toBe(1);
    expect((await (await open(idb)).openWorkspace(id)).meta.length).toBe(131);
  });

  it("still opens after a newer version of the app (in another tab) upgraded the database", async () => {
    const idb = freshIndexedDB();
    const first = await open(idb);
    const created = await first.createWorkspace({ name: "Before", seed: "s", start_time: 1_700_000_000 });
    first.close();
    const newer = new Dexie(DATABASE_NAME, idb);
    newer.version(1).stores(SHIPPED_V1);
    newer.version(2).stores(SHIPPED_V1);
    newer.version(3).stores({ tags: "id" });
    await newer.open();
    newer.close();
    const repository = await open(idb);
    expect((await repository.listWorkspaces()).map((w) => w.name)).toEqual(["Before"]);
    await repository.apply(await repository.openWorkspace(created.meta.id), { op: "advanceClock", args: { seconds: 1 } });
  });
});
