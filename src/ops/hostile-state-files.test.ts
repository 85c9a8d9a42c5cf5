import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { generateBadStateFiles, manifest, MANIFEST, runtimeContent, writeBadStateFiles, type BadStateFile } from "../../e2e/fixtures/bad-state-files/generate.ts";
import { InvalidStateFile } from "../core/index.ts";
import { Workspace } from "./index.ts";

// Every file of the hostile corpus must be refused with InvalidStateFile, with the first problem
// at the path the manifest names, and without touching any built-in prototype.

const DIR = fileURLToPath(new URL("../../e2e/fixtures/bad-state-files/", import.meta.url));
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
  test("is what generate.ts makes: at least 40 files, each listed in the manifest", () => {
    expect(listed.length).toBeGreaterThanOrEqual(40);
    expect(readFileSync(join(DIR, MANIFEST), "utf8")).toBe(manifest(generated));
    const onDisk = readdirSync(DIR).filter((f) => f !== MANIFEST && f !== "generate.ts").sort();
    expect(onDisk).toEqual(generated.filter((f) => !f.runtime_only).map((f) => f.file).sort());
    for (const f of generated.filter((g) => !g.runtime_only)) expect(Buffer.compare(readFileSync(join(DIR, f.file)), Buffer.from(f.content)), f.file).toBe(0);
  });

  test("starts from a valid file: with the damage undone, it loads", () => {
    const text = new TextDecoder().decode(readFileSync(join(DIR, "journal-string.json"))).replace('"journal": "x"', "");
    expect(text).toContain('"snapshot"');
    const base = JSON.parse(new TextDecoder().decode(readFileSync(join(DIR, "format-other.json"))));
    base.format = "oidc-session-playground";
    const ws = Workspace.fromStateFile(JSON.stringify(base));
    expect(ws.journal).toHaveLength(11);
    expect(ws.manager.getSidsByUserId("diana")).toHaveLength(1);
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
