import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { InvalidStateFile } from "../core/index.ts";
import { canonicalJson, firstDifference, Workspace } from "../ops/index.ts";
import { exportPythonDumpValue, importPythonDump, keptFields, type PythonDumpImport } from "./index.ts";
import { FIXTURES, fixture, T0 } from "./test-fixtures.ts";

// A seeded corpus of damaged dumps, made from the real fixtures: keys deleted, values of other
// types, text cut short, references left dangling, classes and keys renamed, fields added.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Slot = { parent: Json[] | { [k: string]: Json }; key: string | number; depth: number };

const ODD_VALUES: Json[] = [null, 0, -1, 1.5, "", "x", true, [], {}, ["x"], { "a.B": {} }, { "myapp.Thing": { a: 1 } }];

/** Every place in the value that holds a value, in a fixed order. */
function slots(value: Json, depth = 0, out: Slot[] = []): Slot[] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push({ parent: value, key: i, depth });
      slots(v, depth + 1, out);
    });
  } else if (value && typeof value === "object") {
    for (const k of Object.keys(value)) {
      out.push({ parent: value, key: k, depth });
      slots(value[k], depth + 1, out);
    }
  }
  return out;
}

function set(slot: Slot, v: Json): void {
  (slot.parent as Record<string | number, Json>)[slot.key] = v;
}

function remove(slot: Slot): void {
  if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
  else delete slot.parent[slot.key as string];
}

type Dump = { db: Record<string, [string, Record<string, Json>]>; [k: string]: Json };

function sessionFields(dump: Dump): [string, Record<string, Json>][] {
  return Object.entries(dump.db)
    .filter(([k, e]) => k.split(";;").length < 3 && Array.isArray(e) && e[1] && typeof e[1] === "object")
    .map(([k, e]) => [k, e[1]]);
}

function tokenFields(dump: Dump): Record<string, Json>[] {
  const out: Record<string, Json>[] = [];
  for (const [key, entry] of Object.entries(dump.db)) {
    if (key.split(";;").length !== 3 || !Array.isArray(entry) || !Array.isArray(entry[1]?.issued_token)) continue;
    for (const item of entry[1].issued_token as Json[]) {
      const inner = item && typeof item === "object" && !Array.isArray(item) ? Object.values(item)[0] : undefined;
      if (inner && typeof inner === "object" && !Array.isArray(inner)) out.push(inner);
    }
  }
  return out;
}

const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);

/** Mutations that leave the dump readable (structure only): these must give warnings, never errors. */
const STRUCTURAL = ["dangle-subordinate", "dangle-based-on", "rename-class", "add-field", "rename-key", "duplicate-subordinate", "drop-entry"] as const;
/** Mutations that may make it unreadable. */
const DAMAGING = ["delete", "retype"] as const;
type Kind = (typeof STRUCTURAL)[number] | (typeof DAMAGING)[number];

function mutate(dump: Dump, kind: Kind, n: number, m: number): void {
  switch (kind) {
    case "delete": {
      const slot = pick(slots(dump as unknown as Json), n);
      if (slot) remove(slot);
      return;
    }
    case "retype": {
      const slot = pick(slots(dump as unknown as Json), n);
      if (slot) set(slot, structuredClone(ODD_VALUES[m % ODD_VALUES.length]));
      return;
    }
    case "dangle-subordinate": {
      const node = pick(sessionFields(dump), n);
      if (node && Array.isArray(node[1].subordinate)) node[1].subordinate.push(m % 2 ? "ghost" : `${node[0]};;ghost`);
      return;
    }
    case "duplicate-subordinate": {
      const node = pick(sessionFields(dump), n);
      const list = node?.[1].subordinate;
      if (Array.isArray(list) && list.length) list.push(list[m % list.length]);
      return;
    }
    case "dangle-based-on": {
      const tokens = tokenFields(dump);
      const token = pick(tokens, n);
      if (token) token.based_on = m % 3 === 0 ? "ghost-value" : (pick(tokens, m)?.value ?? "ghost");
      return;
    }
    case "rename-class": {
      const entries = Object.values(dump.db).filter((e) => Array.isArray(e) && typeof e[0] === "string");
      const entry = pick(entries, n);
      if (entry) entry[0] = m % 2 ? "myapp.session.Custom" : entry[0].replace(/\.(\w+)$/, ".Other$1");
      return;
    }
    case "add-field": {
      const targets = [...sessionFields(dump).map(([, f]) => f), ...tokenFields(dump)];
      const target = pick(targets, n);
      if (target) target[`zz_${m % 5}`] = { nested: [m, "BYTES:AAEC"], flag: m % 2 === 0 };
      return;
    }
    case "rename-key": {
      const keys = Object.keys(dump.db);
      const key = pick(keys, n);
      if (key === undefined) return;
      const entry = dump.db[key];
      delete dump.db[key];
      const parts = key.split(";;");
      const renamed = m % 3 === 0 ? `${key};;extra` : m % 3 === 1 ? [...parts.slice(0, -1), `moved${m}`].join(";;") : `other;;${parts.slice(1).join(";;") || "c"}`;
      dump.db[renamed] = entry;
      return;
    }
    case "drop-entry": {
      const key = pick(Object.keys(dump.db), n);
      if (key !== undefined) delete dump.db[key];
      return;
    }
  }
}

const mutation = (kinds: readonly Kind[]) => fc.record({ kind: fc.constantFrom(...kinds), n: fc.nat(), m: fc.nat() });

/** Imports, then checks the workspace is whole and writes back exactly. */
function checkImported(result: PythonDumpImport, input: unknown): void {
  const { workspace } = result;
  expect(workspace.journal).toHaveLength(1);
  expect("result" in workspace.journal[0]).toBe(true);
  const out = exportPythonDumpValue(workspace, result.library);
  expect(firstDifference(out, input)).toBeNull();
  expect(canonicalJson(out)).toBe(canonicalJson(input));
  const again = importPythonDump(JSON.stringify(out), { now: () => T0 });
  expect(JSON.stringify(again.workspace.manager.toJSON())).toBe(JSON.stringify(workspace.manager.toJSON()));
  const reloaded = Workspace.fromStateFile(workspace.toStateFile({ exportedAt: "2024-01-01T00:00:00Z" }));
  expect(JSON.stringify(reloaded.manager.toJSON())).toBe(JSON.stringify(workspace.manager.toJSON()));
  for (const w of result.warnings) {
    expect(typeof w.path).toBe("string");
    if (w.key !== undefined) expect(() => keptFields(workspace, w.key!, w.token ? { index: w.token.index } : undefined)).not.toThrow();
  }
}

function importOrRefuse(text: string): PythonDumpImport | null {
  try {
    return importPythonDump(text, { now: () => T0 });
  } catch (e) {
    // Only the documented refusal, listing what is wrong, and never with a workspace.
    expect(e).toBeInstanceOf(InvalidStateFile);
    const problems = (e as InvalidStateFile).problems;
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(typeof p.path).toBe("string");
      expect(p.message.length).toBeGreaterThan(0);
    }
    return null;
  }
}

// Each case imports twice, exports and reloads a state file: allow time on a busy machine.
const FUZZ_TIMEOUT = 120_000;

describe("damaged dumps", () => {
  test("give InvalidStateFile or a whole workspace with warnings that writes back exactly, never another exception", () => {
    let opened = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.constantFrom(...FIXTURES), fc.array(mutation([...DAMAGING, ...STRUCTURAL]), { minLength: 1, maxLength: 4 }), (name, mutations) => {
        const dump = fixture(name) as unknown as Dump;
        for (const { kind, n, m } of mutations) mutate(dump, kind, n, m);
        const result = importOrRefuse(JSON.stringify(dump));
        if (result) {
          opened++;
          checkImported(result, dump);
        } else refused++;
      }),
      { seed: 20240607, numRuns: 250 },
    );
    // The corpus exercises both outcomes.
    expect(opened).toBeGreaterThan(25);
    expect(refused).toBeGreaterThan(25);
  }, FUZZ_TIMEOUT);

  test("dangling references, unknown classes and stray keys always open, with warnings", () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIXTURES), fc.array(mutation(STRUCTURAL), { minLength: 1, maxLength: 5 }), (name, mutations) => {
        const dump = fixture(name) as unknown as Dump;
        for (const { kind, n, m } of mutations) mutate(dump, kind, n, m);
        const text = JSON.stringify(dump);
        const changed = text !== JSON.stringify(fixture(name));
        const result = importPythonDump(text, { now: () => T0 });
        checkImported(result, dump);
        // drop-entry of a fixture's only grant can leave a clean, smaller dump; anything else shows up.
        if (changed && !mutations.every((x) => x.kind === "drop-entry")) expect(result.warnings.length).toBeGreaterThan(0);
      }),
      { seed: 7, numRuns: 150 },
    );
  }, FUZZ_TIMEOUT);

  test("text cut short anywhere is refused as InvalidStateFile", () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIXTURES), fc.nat(), (name, n) => {
        const text = JSON.stringify(fixture(name), null, 2);
        const cut = text.slice(0, n % text.length);
        expect(importOrRefuse(cut)).toBeNull();
      }),
      { seed: 99, numRuns: 100 },
    );
  }, FUZZ_TIMEOUT);
});
