// Persistence benchmarks: `npx vitest bench --run src/persistence`.
// They run on fake-indexeddb in Node, not on Chromium's IndexedDB: the figures show how the
// work grows (an append must not rewrite the state) more than what a browser will measure.
import { bench, describe, type BenchTask } from "vitest";
import { SessionManager } from "../core/index.ts";
import { Workspace } from "../ops/index.ts";
import { DexieWorkspaceStore } from "./dexie-store.ts";
import { dexieRepository, largeSnapshot, OperationStream, START } from "./test-fixtures.ts";

const WHERE = "fake-indexeddb in Node";

/** Own timings, printed as median / p95 when a benchmark finishes (tinybench reports no median). */
function recorder(label: string) {
  const samples: number[] = [];
  return {
    async time<T>(work: () => Promise<T> | T): Promise<T> {
      const start = performance.now();
      const result = await work();
      samples.push(performance.now() - start);
      return result;
    },
    teardown: (_task?: BenchTask, mode?: "warmup" | "run") => {
      if (mode === "warmup") samples.length = 0; // report measured runs only
      if (mode !== "run" || samples.length === 0) return;
      const sorted = [...samples].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
      console.log(`${label}: median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, min ${sorted[0].toFixed(2)} ms, n=${sorted.length} (${WHERE})`);
      samples.length = 0;
    },
  };
}

function tokenCount(workspace: Workspace): number {
  let n = 0;
  for (const node of Object.values(workspace.manager.toJSON().db)) if (node.type === "grant") n += node.issued_token.length;
  return n;
}

function megabytes(chars: number): string {
  return `${(chars / 1024 / 1024).toFixed(1)} MB`;
}

// ---- fixtures ---------------------------------------------------------------------------------

const { repository } = dexieRepository();

// A: 10,000 journal entries of ordinary operations.
const streamA = new OperationStream();
const workspaceA = new Workspace({ name: "Ten thousand", seed: "bench", start_time: START });
for (let i = 0; i < 10_000; i++) streamA.record(workspaceA.apply(streamA.next()));
const openA = await repository.importWorkspace(workspaceA);

// B: 10,000 entries and about 100,000 tokens (a large session database imported, then worked on).
const workspaceB = new Workspace({ name: "Hundred thousand tokens", seed: "bench-b", start_time: START });
workspaceB.apply({ op: "importState", args: { source: "benchmark", snapshot: largeSnapshot(96_000) } });
const streamB = new OperationStream();
for (let i = 1; i < 10_000; i++) streamB.record(workspaceB.apply(streamB.next()));
const openB = await repository.importWorkspace(workspaceB);
console.log(`fixtures: A ${openA.meta.length} entries / ${tokenCount(workspaceA)} tokens; B ${openB.meta.length} entries / ${tokenCount(workspaceB)} tokens`);

const exportedB = repository.exportStateFile(openB).text;
console.log(`B's state file: ${megabytes(exportedB.length)} (the import limit is 50 MB, so the file picker would refuse it)`);

// ---- benchmarks -------------------------------------------------------------------------------

describe(`append (${WHERE})`, () => {
  const r = recorder("append one operation to a 10,000-entry journal");
  bench(
    `append one operation to a 10,000-entry journal (${WHERE})`,
    async () => {
      streamA.record(await r.time(() => repository.apply(openA, streamA.next())));
    },
    { time: 3000, warmupIterations: 5, teardown: r.teardown },
  );
});

describe(`open (${WHERE})`, () => {
  const a = recorder("open a workspace with 10,000 entries");
  bench(`open a workspace with 10,000 entries (${WHERE})`, async () => void (await a.time(() => repository.openWorkspace(openA.meta.id))), {
    iterations: 10,
    time: 0,
    teardown: a.teardown,
  });
  const b = recorder("open a workspace with 10,000 entries and ~100,000 tokens");
  bench(`open a workspace with 10,000 entries and ~100,000 tokens (${WHERE})`, async () => void (await b.time(() => repository.openWorkspace(openB.meta.id))), {
    iterations: 3,
    time: 0,
    warmupIterations: 1,
    teardown: b.teardown,
  });
});

// Where opening B spends its time: reading the rows, and rebuilding the manager from the snapshot.
describe(`open, in parts (${WHERE})`, () => {
  const store = new DexieWorkspaceStore(repository.db);
  const read = recorder("  of which: read B's journal and newest snapshot from IndexedDB");
  bench(`read B's rows from IndexedDB (${WHERE})`, async () => void (await read.time(() => store.load(openB.meta.id))), {
    iterations: 3,
    time: 0,
    teardown: read.teardown,
  });
  const snapshotB = workspaceB.manager.toJSON();
  const restore = recorder("  of which: SessionManager.fromJSON of B's 100,000-token snapshot (core)");
  bench(`SessionManager.fromJSON of B's snapshot (in memory)`, async () => void (await restore.time(() => SessionManager.fromJSON(snapshotB, { strict: false }))), {
    iterations: 3,
    time: 0,
    teardown: restore.teardown,
  });
});

describe(`state files (${WHERE})`, () => {
  const e = recorder("export a workspace with ~100,000 tokens");
  bench(`export a workspace with ~100,000 tokens (${WHERE})`, () => void e.time(() => repository.exportStateFile(openB)), {
    iterations: 3,
    time: 0,
    warmupIterations: 1,
    teardown: e.teardown,
  });

  // The real import path refuses B's file (over 50 MB); this measures the same work past the size check:
  // parse, validate, replay and compare with the snapshot, then store as a new workspace.
  const i = recorder("import a workspace with ~100,000 tokens (past the 50 MB check)");
  bench(
    `import a workspace with ~100,000 tokens, past the 50 MB check (${WHERE})`,
    async () => {
      const open = await i.time(async () => repository.importWorkspace(Workspace.fromStateObject(JSON.parse(exportedB))));
      await repository.deleteWorkspace(open.meta.id);
    },
    { iterations: 2, time: 0, warmupIterations: 0, teardown: i.teardown },
  );

  const exportedA = repository.exportStateFile(openA).text;
  const ia = recorder(`import a 10,000-entry state file (${megabytes(exportedA.length)}) through importStateFile`);
  bench(
    `import a 10,000-entry state file through importStateFile (${WHERE})`,
    async () => {
      const open = await ia.time(() => repository.importStateFile(exportedA));
      await repository.deleteWorkspace(open.meta.id);
    },
    { iterations: 3, time: 0, warmupIterations: 0, teardown: ia.teardown },
  );
});
