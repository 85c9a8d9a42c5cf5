import { spawnSync } from "node:child_process";
import { mkdirSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { SessionManager } from "../core/index.ts";
import { Workspace } from "../ops/index.ts";

/** Where the exporter tests save snippets: inside the repository (gitignored), so their imports resolve. */
export const GENERATED_DIR = join(dirname(fileURLToPath(import.meta.url)), ".generated");
/** `srcPath` for a snippet saved in GENERATED_DIR (src/export/.generated → src). */
export const GENERATED_SRC_PATH = "../..";

const written: string[] = [];
let counter = 0;

/** Saves a TypeScript snippet under GENERATED_DIR and imports it, as a user would run it. */
export async function runSnippet(source: string, label: string): Promise<{ manager: SessionManager } & Record<string, unknown>> {
  mkdirSync(GENERATED_DIR, { recursive: true });
  const file = join(GENERATED_DIR, `${label.replace(/[^a-z0-9-]/gi, "_")}-${process.pid}-${++counter}.ts`);
  writeFileSync(file, source, "utf8");
  written.push(file);
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { manager: SessionManager } & Record<string, unknown>;
}

/** Removes what runSnippet wrote (the folder too, when nothing else is in it). */
export function removeSnippets(): void {
  for (const f of written.splice(0)) rmSync(f, { force: true });
  try {
    rmdirSync(GENERATED_DIR);
  } catch {
    // Not empty (another test file's snippets) or already gone.
  }
}

/** The snippet's code without its comment lines, to check what it refers to literally. */
export function withoutComments(source: string, marker: "//" | "#"): string {
  return source
    .split("\n")
    .filter((line) => !line.trimStart().startsWith(marker))
    .join("\n");
}

/** Text that breaks naive escaping: quotes, backslashes, line and paragraph separators, NUL, bidi override, emoji, lone surrogates, comment and template markers. */
export const NASTY =
  "q\" a' b\\ n\n r\r t\t nul\u0000 bel\u0007 del\u007f nbsp\u00a0 ls\u2028 ps\u2029 nel\u0085 rlo\u202e emoji😀 hi\ud800 lo\udc00 */ /* ${x} `tick` </script> coding: latin-1";

/** A user and client id as odd as ids may be (non-empty, without ";;"). */
export const NASTY_USER = "dïana \"q\" 'a' \\ \u2028 😀 */";
export const NASTY_CLIENT = 'client "1" \\ ☃ \u0000 #';
export const NASTY_CODE = "code \"\\ \n \u2028 \ud800 😀 ${x} `";

/**
 * A workspace touching every operation and every export path with hostile strings: explicit
 * token values, custom token types, a grant's own usage rules, refusals of each kind (schema,
 * unknown token, minting), a 2-part client-session id, setClock and importState.
 */
export function hostileWorkspace(importedSnapshot: unknown, importedSessionId: string): Workspace {
  const ws = new Workspace({
    name: `Bug: ${NASTY}`,
    notes: NASTY,
    seed: NASTY,
    start_time: 1_700_000_000,
    settings: { salt: NASTY, tokenTypes: { "dpop-proof": { expires_in: 60 } }, usagePolicy: { access_token: { expires_in: 600 } } },
  });
  const authReq = JSON.parse(
    JSON.stringify({ client_id: NASTY_CLIENT, scope: "openid email", "weird key \"\\": NASTY, class: "a Python keyword as a key" }).replace(
      /}$/,
      ',"nested":{"__proto__":{"polluted":true}}}',
    ),
  ) as Record<string, unknown>;
  const apply = (op: unknown) => ws.apply(op);
  const created = apply({
    op: "createSession",
    args: {
      authnEvent: { uid: NASTY_USER, authn_time: 1_700_000_000, valid_until: 1_700_003_600, "note\n": NASTY },
      authReq,
      userId: NASTY_USER,
      subType: "pairwise",
      sectorIdentifier: NASTY,
    },
  });
  const sid = (created as { result: { sessionId: string } }).result.sessionId;
  apply({ op: "mintToken", args: { sessionId: sid, type: "authorization_code", value: NASTY_CODE } });
  apply({
    op: "mintToken",
    args: { sessionId: sid, type: "access_token", basedOn: NASTY_CODE, scope: [NASTY], claims: { [NASTY]: null, email: { essential: true } }, resources: ['https://r.example/"x"'] },
  });
  apply({ op: "mintToken", args: { sessionId: sid, type: "dpop-proof", notBefore: 1_700_000_005, expiresIn: 30 } });
  apply({ op: "registerUsage", args: { sessionId: sid, value: NASTY_CODE } });
  apply({ op: "revokeToken", args: { sessionId: sid, value: 'nope "\\' } });
  apply({ op: "advanceClock", args: { seconds: 0 } });
  apply({ op: "mintToken", args: { sessionId: sid, type: "refresh_token", basedOn: NASTY_CODE } });
  apply({ op: "createSession", args: { userId: NASTY_USER, clientId: NASTY_CLIENT, subType: 'weird "' } });
  const added = apply({
    op: "addGrant",
    args: { userId: NASTY_USER, clientId: NASTY_CLIENT, grant: { scope: [NASTY], claims: { userinfo: { [NASTY]: null } }, usage_rules: { access_token: { expires_in: 5 } } } },
  });
  const sid2 = (added as { result: { sessionId: string } }).result.sessionId;
  apply({ op: "mintToken", args: { sessionId: sid2, type: "access_token" } });
  apply({ op: "revokeClientSession", args: { sessionId: `${NASTY_USER};;${NASTY_CLIENT}` } });
  apply({ op: "mintToken", args: { sessionId: sid2, type: "access_token" } });
  apply({ op: "setClock", args: { now: 1_700_005_000 } });
  apply({ op: "revokeToken", args: { sessionId: sid, value: NASTY_CODE, recursive: true } });
  apply({ op: "removeSession", args: { sessionId: sid2 } });
  apply({ op: "importState", args: { source: NASTY, snapshot: importedSnapshot, strict: false } });
  apply({ op: "mintToken", args: { sessionId: importedSessionId, type: "access_token", value: NASTY } });
  return ws;
}

/**
 * Runs a Python 3 script with `input` on stdin and returns its stdout. The exporter tests use the
 * interpreter only to parse what the exporter writes (no Python library is involved).
 */
export function runPython(script: string, input: string): string {
  const run = spawnSync("python3", ["-c", script], { input, encoding: "utf8" });
  if (run.error) throw new Error(`These tests parse the generated Python with python3, which could not be started: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr}`);
  return run.stdout;
}

/** Parses each Python source (one python3 run for all) and returns the string constants in each; throws on a syntax error. */
export function pythonStringConstants(sources: string[]): string[][] {
  const script = [
    "import ast, json, sys",
    "out = []",
    "for i, source in enumerate(json.loads(sys.stdin.read())):",
    "    try:",
    "        tree = ast.parse(source)",
    "    except SyntaxError as e:",
    "        sys.exit(f'source {i}: {e}')",
    "    out.append([n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)])",
    "print(json.dumps(out))",
  ].join("\n");
  return JSON.parse(runPython(script, JSON.stringify(sources))) as string[][];
}
