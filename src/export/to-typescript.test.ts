import { afterAll, describe, expect, it } from "vitest";
import { canonicalJson, rerunUnder, type JournalEntry } from "../ops/index.ts";
import { getScenario, loadScenario, SCENARIO_IDS } from "../scenarios/index.ts";
import { toTypeScript } from "./index.ts";
import { GENERATED_SRC_PATH, hostileWorkspace, NASTY, NASTY_CODE, removeSnippets, runSnippet, withoutComments } from "./test-helpers.ts";

afterAll(removeSnippets);

/** Session ids and generated token values a journal produced: the snippet must name them by variable. */
function generatedIds(journal: JournalEntry[]): string[] {
  const out: string[] = [];
  for (const e of journal) {
    if ("error" in e) continue;
    const r = e.result as Record<string, unknown>;
    if (typeof r.sessionId === "string") out.push(r.sessionId);
    if (typeof r.grantId === "string") out.push(r.grantId);
    if (e.operation.op === "mintToken" && e.operation.args.value === undefined) out.push(r.value as string, r.id as string);
  }
  return out;
}

describe.each(SCENARIO_IDS)("TypeScript export of scenario %s", (id) => {
  const ws = loadScenario(id);
  const source = toTypeScript(ws, { srcPath: GENERATED_SRC_PATH, stepNotes: getScenario(id).steps.map((s) => s.explanation) });

  it("runs and reproduces the workspace's state exactly", async () => {
    const mod = await runSnippet(source, id);
    expect(canonicalJson(mod.manager.toJSON())).toBe(canonicalJson(ws.manager.toJSON()));
    expect(mod.manager.toJSON()).toEqual(ws.manager.toJSON());
  });

  it("binds run-time ids to variables instead of repeating them as literals", async () => {
    const codeOnly = withoutComments(source, "//");
    for (const generated of generatedIds(ws.journal)) expect(codeOnly).not.toContain(generated);
    const mod = await runSnippet(source, `${id}-vars`);
    const first = ws.journal[0] as { result: { sessionId?: string } };
    if (first.result.sessionId) {
      expect(source).toMatch(/^const sid1 = manager\.createSession\(/m);
      expect(mod.sid1).toBe(first.result.sessionId);
    }
  });

  it("writes a try/catch that expects the recorded code for each failed entry", () => {
    const failed = ws.journal.filter((e) => "error" in e);
    for (const e of failed) {
      expect(source).toContain(`throw new Error("Step ${e.seq} should have failed with ${(e as { error: { code: string } }).error.code}");`);
    }
    expect(source.match(/^try \{$/gm)?.length ?? 0).toBe(failed.length);
  });
});

describe("TypeScript export", () => {
  it("imports from the repository's src folder one level up by default", () => {
    const source = toTypeScript(loadScenario("code-flow"));
    expect(source).toContain('from "../src/core/index.ts";');
    expect(source).toContain('const clock = createVirtualClock(1700000000);');
    expect(source).toContain('random: createSeededRandom("scenario:code-flow")');
  });

  it("uses the readable manager API", () => {
    const source = toTypeScript(loadScenario("code-replay"));
    expect(source).toContain('const code1 = manager.mintToken(sid1, "authorization_code");');
    expect(source).toContain('const accessToken1 = manager.mintToken(sid1, "access_token", { basedOn: code1.value });');
    expect(source).toContain("manager.registerUsage(sid1, code1.value);");
    expect(source).toContain("manager.revokeToken(sid1, code1.value, true);");
    expect(source).toContain("clock.advance(10);");
  });

  it("fails when a step that should fail with a code fails with another", async () => {
    const source = toTypeScript(loadScenario("code-replay"), { srcPath: GENERATED_SRC_PATH }).replace(
      'e.code !== "minting_not_allowed"',
      'e.code !== "grant_inactive"',
    );
    await expect(runSnippet(source, "wrong-code")).rejects.toThrow(/not active/);
  });

  it("fails when a step that should fail succeeds", async () => {
    const source = toTypeScript(loadScenario("code-replay"), { srcPath: GENERATED_SRC_PATH }).replace(
      /try \{\n {2}manager\.mintToken\(sid1, "access_token", \{ basedOn: code1\.value \}\);/,
      'try {\n  manager.mintToken(sid1, "access_token", { basedOn: refreshToken1.value });',
    );
    await expect(runSnippet(source, "no-failure")).rejects.toThrow("Step 11 should have failed with minting_not_allowed");
  });
});

describe("TypeScript export of a hostile workspace", () => {
  const source = loadScenario("code-flow");
  const imported = source.manager.toJSON();
  const importedSid = (source.journal[0] as { result: { sessionId: string } }).result.sessionId;
  const ws = hostileWorkspace(imported, importedSid);

  it("covers every operation and each kind of refusal", () => {
    const ops = new Set(ws.journal.map((e) => e.operation.op));
    for (const op of ["createSession", "addGrant", "mintToken", "registerUsage", "revokeToken", "revokeClientSession", "removeSession", "setClock", "importState"]) {
      expect(ops.has(op as never), op).toBe(true);
    }
    const codes = ws.journal.flatMap((e) => ("error" in e ? [e.error.code] : []));
    expect(codes).toEqual(expect.arrayContaining(["unknown_token", "invalid_argument", "minting_not_allowed"]));
  });

  it("runs and reproduces the state, every string intact", async () => {
    const code = toTypeScript(ws, { srcPath: GENERATED_SRC_PATH, stepNotes: ws.journal.map(() => NASTY) });
    expect(code).toMatch(/^[\x20-\x7e\n\u00a0-\uffff]*$/);
    const mod = await runSnippet(code, "hostile");
    expect(canonicalJson(mod.manager.toJSON())).toBe(canonicalJson(ws.manager.toJSON()));
    expect(mod.code1).toBeDefined();
    expect((mod.code1 as { value: string }).value).toBe(NASTY_CODE);
  });

  it("keeps string literals in ASCII and comments on their own lines", () => {
    const code = toTypeScript(ws, { stepNotes: ws.journal.map(() => NASTY) });
    for (const line of code.split("\n")) {
      if (line.trimStart().startsWith("//")) continue;
      expect(line, line).toMatch(/^[\x20-\x7e]*$/);
    }
    expect(code).not.toMatch(/[\r\u2028\u2029\u0085]/);
  });

  it("replays a schema-refused entry through applyOperation so it fails the same way", () => {
    const code = toTypeScript(ws);
    expect(code).toContain('import { applyOperation } from "../src/ops/index.ts";');
    expect(code).toContain('applyOperation(manager, { op: "advanceClock", args: { seconds: 0 } });');
  });

  it("refuses a workspace under a library profile, saying to use Copy as Python", () => {
    const ws = rerunUnder(loadScenario("code-flow"), "oidc-op-2.4").workspace;
    expect(() => toTypeScript(ws)).toThrow(/runs as oidc-op-2.4 does.*Copy as Python/);
  });
});
