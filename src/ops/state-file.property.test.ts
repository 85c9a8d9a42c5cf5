import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { baseWorkspace } from "../test-support/bad-state-files.ts";
import { InvalidStateFile } from "../core/index.ts";
import { Coverage } from "../test-support/coverage.ts";
import { isFullRun, propertyParams, propertyTimeout } from "../test-support/fast-check-params.ts";
import { replay, Workspace } from "./index.ts";

// Random damage to valid state files: whatever the damage, `Workspace.fromStateFile` either refuses
// the file with InvalidStateFile (every problem with a string path) or loads a workspace that is
// consistent with itself (its journal replays to its state, and it saves and loads unchanged).

type Path = (string | number)[];

function customWorkspace(): Workspace {
  const ws = new Workspace({
    name: "custom types",
    seed: "fuzz",
    start_time: 1_000,
    settings: { tokenTypes: { custom_type: { supports_minting: ["access_token"], expires_in: 50 } }, usagePolicy: { access_token: { max_usage: 2 } } },
  });
  const sid = (ws.apply({ op: "createSession", args: { userId: "__proto__", clientId: "constructor", scopes: "openid" } }) as { result: { sessionId: string } }).result.sessionId;
  ws.apply({ op: "mintToken", args: { sessionId: sid, type: "custom_type", value: "toString" } });
  ws.apply({ op: "mintToken", args: { sessionId: sid, type: "access_token", basedOn: "toString" } });
  ws.apply({ op: "revokeClientSession", args: { sessionId: sid } });
  ws.apply({ op: "setClock", args: { now: 10 } });
  return ws;
}

const BASES = [baseWorkspace().ws.toStateFile({ exportedAt: "2025-01-01T00:00:00.000Z" }), customWorkspace().toStateFile({ exportedAt: "2025-01-01T00:00:00.000Z" })];

/** Every path in a JSON value (containers and leaves), in document order. */
function paths(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

function parentOf(root: unknown, path: Path): { parent: Record<string | number, unknown>; key: string | number } | null {
  if (path.length === 0) return null;
  let node = root as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  return { parent: node, key: path[path.length - 1] };
}

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<unknown>(-1, 0, 1.5, 2 ** 53, 1e308, -0, "", "a;;b", ";;", "__proto__", null, true, [], {}, [null], { type: "grant" }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) },
);

type Mutation =
  | { kind: "set"; at: number; value: unknown }
  | { kind: "delete"; at: number }
  | { kind: "addKey"; at: number; key: string; value: unknown }
  | { kind: "duplicate"; at: number }
  | { kind: "swap"; at: number; other: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("set" as const), at: fc.nat(), value: hostileValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("addKey" as const), at: fc.nat(), key: fc.constantFrom("__proto__", "constructor", "prototype", "extra", "type", "revoked"), value: hostileValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("swap" as const), at: fc.nat(), other: fc.nat() }) },
);

/** Applies mutations to the parsed file; returns a description for the coverage count. */
function mutate(root: Record<string, unknown>, mutations: Mutation[]): string {
  const labels: string[] = [];
  for (const m of mutations) {
    const all = paths(root);
    const path = all[m.at % all.length];
    const target = parentOf(root, path);
    const top = String(path[0] ?? "(root)");
    labels.push(`${m.kind} under ${top}`);
    if (m.kind === "set") {
      if (target) target.parent[target.key] = m.value;
    } else if (m.kind === "delete") {
      if (!target) continue;
      if (Array.isArray(target.parent)) target.parent.splice(target.key as number, 1);
      else delete target.parent[target.key];
    } else if (m.kind === "addKey") {
      const node = path.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], root);
      if (node && typeof node === "object" && !Array.isArray(node)) Object.defineProperty(node, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    } else if (m.kind === "duplicate") {
      if (target && Array.isArray(target.parent)) target.parent.splice(target.key as number, 0, structuredClone(target.parent[target.key as number]));
    } else {
      const other = all[m.other % all.length];
      const b = parentOf(root, other);
      if (target && b && !other.join("/").startsWith(path.join("/")) && !path.join("/").startsWith(other.join("/"))) {
        [target.parent[target.key], b.parent[b.key]] = [b.parent[b.key], target.parent[target.key]];
      }
    }
  }
  return labels.join(", ");
}

function prototypeFingerprint(): string {
  return [Object.prototype, Array.prototype, Function.prototype].map((p) => Reflect.ownKeys(p).map(String).sort().join(",")).join("|");
}

/** The one thing a load may do: refuse with InvalidStateFile, or give a self-consistent workspace. */
function checkLoad(text: string, coverage: Coverage, label: string): void {
  const before = prototypeFingerprint();
  let ws: Workspace;
  try {
    ws = Workspace.fromStateFile(text);
  } catch (e) {
    if (!(e instanceof InvalidStateFile)) throw new Error(`${label}: ${(e as Error)?.constructor?.name} escaped: ${(e as Error)?.message}`, { cause: e });
    if (e.problems.length === 0 || e.problems.some((p) => typeof p.path !== "string" || typeof p.message !== "string")) throw new Error(`${label}: problems without paths`, { cause: e });
    if (prototypeFingerprint() !== before || ({} as Record<string, unknown>).polluted !== undefined) throw new Error(`${label}: a prototype changed`, { cause: e });
    coverage.hit("refused");
    return;
  }
  coverage.hit("loaded");
  if (prototypeFingerprint() !== before || ({} as Record<string, unknown>).polluted !== undefined) throw new Error(`${label}: a prototype changed`);
  const state = JSON.stringify(ws.manager.toJSON());
  if (JSON.stringify(replay(ws.base, ws.journal).toJSON()) !== state) throw new Error(`${label}: loaded, but its journal replays to another state`);
  const again = Workspace.fromStateFile(ws.toStateFile());
  if (JSON.stringify(again.manager.toJSON()) !== state) throw new Error(`${label}: loaded, but does not save and load unchanged`);
}

describe("state files under random damage", () => {
  test("structural damage: refused with InvalidStateFile, or loaded self-consistent", () => {
    const coverage = new Coverage();
    fc.assert(
      fc.property(fc.nat(BASES.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), (b, mutations) => {
        const root = JSON.parse(BASES[b]) as Record<string, unknown>;
        const label = mutate(root, mutations);
        checkLoad(JSON.stringify(root), coverage, label);
      }),
      propertyParams(1000),
    );
    if (process.env.FC_COVERAGE) console.log(coverage.table());
    // Most damage must be caught, but some is harmless (a changed name or export date).
    if (isFullRun()) expect(coverage.missing({ refused: 600, loaded: 10 })).toEqual([]);
  }, propertyTimeout());

  test("textual damage (cuts, changed characters, invalid UTF-8): refused with InvalidStateFile, or loaded self-consistent", () => {
    const coverage = new Coverage();
    fc.assert(
      fc.property(
        fc.nat(BASES.length - 1),
        fc.array(fc.record({ at: fc.nat(), kind: fc.constantFrom("cut", "byte", "char"), byte: fc.integer({ min: 0, max: 255 }), char: fc.constantFrom('"', "{", "}", "[", "]", ",", ":", "0", "-", "\\", "e", " ", "\u0000") }), { minLength: 1, maxLength: 3 }),
        (b, edits) => {
          let bytes = new TextEncoder().encode(BASES[b]);
          for (const e of edits) {
            const at = e.at % bytes.length;
            if (e.kind === "cut") bytes = bytes.slice(0, at);
            else if (e.kind === "byte") bytes[at] = e.byte;
            else bytes = Uint8Array.from([...bytes.slice(0, at), ...new TextEncoder().encode(e.char), ...bytes.slice(at + 1)]);
            if (bytes.length === 0) break;
          }
          checkLoad(new TextDecoder().decode(bytes), coverage, JSON.stringify(edits));
        },
      ),
      propertyParams(1000),
    );
    if (process.env.FC_COVERAGE) console.log(coverage.table());
    if (isFullRun()) expect(coverage.missing({ refused: 600 })).toEqual([]);
  }, propertyTimeout());
});
