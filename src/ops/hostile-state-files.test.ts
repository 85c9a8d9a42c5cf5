import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { baseWorkspace, generateBadStateFiles, manifest, MANIFEST, runtimeContent, writeBadStateFiles, type BadStateFile } from "../test-support/bad-state-files.ts";
import { createSeededRandom, createVirtualClock, deepNesting, InvalidArgument, InvalidStateFile, SessionManager } from "../core/index.ts";
import { MAX_OPERATION_NESTING, Workspace } from "./index.ts";

// Every file of the hostile corpus must be refused with InvalidStateFile, with the first problem
// at the path the manifest names, and without touching any built-in prototype.

const DIR = fileURLToPath(new URL("../test-support/bad-state-files/", import.meta.url));
if (process.env.GENERATE_BAD_STATE_FILES) writeBadStateFiles(DIR);

const generated = generateBadStateFiles();
const byName = new Map(generated.map((f) => [f.file, f]));
const listed = (JSON.parse(readFileSync(join(DIR, MANIFEST), "utf8")) as { files: Omit<BadStateFile, "content">[] }).files;

/** Own property names of the built-in prototypes, to prove nothing was added to them. */
function prototypeFingerprint(): string {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype]
    .map((p) => Reflect.ownKeys(p).map(String).sort().join(","))
    .join("|");
}

function contentOf(entry: Omit<BadStateFile, "content">): string {
  // Read as bytes and decode as a browser's File.text() would: invalid UTF-8 becomes U+FFFD.
  if (entry.runtime_only) return runtimeContent(byName.get(entry.file)!);
  return new TextDecoder().decode(readFileSync(join(DIR, entry.file)));
}

describe("the bad state file corpus", () => {
  test("is what bad-state-files.ts makes: at least 40 files, each listed in the manifest", () => {
    expect(listed.length).toBeGreaterThanOrEqual(40);
    expect(readFileSync(join(DIR, MANIFEST), "utf8")).toBe(manifest(generated));
    const onDisk = readdirSync(DIR).filter((f) => f !== MANIFEST).sort();
    expect(onDisk).toEqual(generated.filter((f) => !f.runtime_only).map((f) => f.file).sort());
    for (const f of generated.filter((g) => !g.runtime_only)) expect(Buffer.compare(readFileSync(join(DIR, f.file)), Buffer.from(f.content)), f.file).toBe(0);
  });

  test("starts from a valid file: the undamaged base loads, and fixing one damaged field makes it load again", () => {
    const { ws } = baseWorkspace();
    const loaded = Workspace.fromStateFile(ws.toStateFile({ exportedAt: "2025-01-01T00:00:00.000Z", space: 2 }));
    expect(loaded.journal).toHaveLength(11);
    expect(loaded.manager.getSidsByUserId("diana")).toHaveLength(1);
    const damaged = JSON.parse(new TextDecoder().decode(readFileSync(join(DIR, "format-other.json"))));
    expect(() => Workspace.fromStateObject(damaged)).toThrow(InvalidStateFile);
    damaged.format = "oidc-session-playground";
    expect(JSON.stringify(Workspace.fromStateObject(damaged).manager.toJSON())).toBe(JSON.stringify(ws.manager.toJSON()));
  });

  test.each(listed.map((e) => [e.file, e] as const))("refuses %s with InvalidStateFile at the manifest's path", (_name, entry) => {
    const text = contentOf(entry);
    const before = prototypeFingerprint();
    let error: unknown;
    let loaded: Workspace | undefined;
    try {
      loaded = Workspace.fromStateFile(text);
    } catch (e) {
      error = e;
    }
    expect(loaded, `${entry.file} loaded`).toBeUndefined();
    expect(error, `${entry.file}: ${String(error)}`).toBeInstanceOf(InvalidStateFile);
    const problems = (error as InvalidStateFile).problems;
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(typeof p.path).toBe("string");
      expect(typeof p.message === "string" && p.message.length > 0).toBe(true);
      // "" is the whole file: only for problems that are about the whole file.
      if (p.path === "") expect(entry.first_path, `${entry.file}: a problem without a path: ${p.message}`).toBe("");
    }
    expect(problems[0].path, `${entry.file}: ${problems[0].message}`).toBe(entry.first_path);
    expect(prototypeFingerprint()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  }, 30_000);
});

/** An object chain `{ a: { a: … 1 } }` with `levels` objects. */
function nested(levels: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
}

describe("nesting limits", () => {
  test("SessionManager.fromJSON and importState refuse a 100,000-deep snapshot with InvalidStateFile, changing nothing", () => {
    const m = new SessionManager({ clock: createVirtualClock(1), random: createSeededRandom("deep") });
    const sid = m.createSession({ userId: "diana", clientId: "client_1" });
    const snapshot = JSON.parse(JSON.stringify(m.toJSON()));
    snapshot.db[sid].claims = nested(100_000);
    expect(() => SessionManager.fromJSON(snapshot)).toThrow(InvalidStateFile);
    const before = JSON.stringify(m.toJSON());
    let error: unknown;
    try {
      m.importState(snapshot);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidStateFile);
    expect((error as InvalidStateFile).problems[0].path).toBe(`db["${sid}"].claims.a`);
    expect(JSON.stringify(m.toJSON())).toBe(before);
  });

  test("Workspace.apply refuses an operation nested past the limit; the deepest it accepts saves and loads", () => {
    const op = (levels: number) => ({ op: "createSession", args: { userId: "diana", clientId: "client_1", authReq: { claims: nested(levels) } } });
    let levels = MAX_OPERATION_NESTING - 10;
    while (!deepNesting(op(levels + 1), MAX_OPERATION_NESTING)) levels++;
    const ws = new Workspace({ name: "deep", seed: "deep", start_time: 1 });
    expect(() => ws.apply(op(levels + 1))).toThrow(InvalidArgument);
    expect(ws.journal).toHaveLength(0);
    const entry = ws.apply(op(levels));
    expect("result" in entry).toBe(true);
    const loaded = Workspace.fromStateFile(ws.toStateFile());
    expect(JSON.stringify(loaded.manager.toJSON())).toBe(JSON.stringify(ws.manager.toJSON()));
    expect(JSON.stringify(SessionManager.fromJSON(ws.manager.toJSON()).toJSON())).toBe(JSON.stringify(ws.manager.toJSON()));
  });
});
