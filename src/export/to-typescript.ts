import type { Operation, Workspace } from "../ops/index.ts";
import { code, Code, commentLines, tsLiteral, tsString } from "./literals.ts";
import { Namer, tsTokenPrefix, walkJournal, type WalkedEntry } from "./walk.ts";

export interface TypeScriptExportOptions {
  /**
   * The path from the folder the snippet is saved in to this repository's `src` folder.
   * Default `"../src"`: the snippet is saved one folder below the repository root, e.g. `repro/replay.ts`.
   */
  srcPath?: string;
  /** A comment per journal entry (index `seq - 1`), e.g. a scenario's explanations. */
  stepNotes?: readonly (string | undefined)[];
}

/** The default `srcPath`: a snippet saved one folder below the repository root (`<repo>/repro/replay.ts`). */
export const DEFAULT_SRC_PATH = "../src";

type Op<K extends Operation["op"]> = Extract<Operation, { op: K }>;

/**
 * A runnable TypeScript module that replays the workspace's journal with this library's API:
 * a virtual clock and a seeded random, so `manager.toJSON()` comes out exactly as the workspace's.
 * Ids made at run time (session ids, token values) are bound to variables and referred to by them;
 * failed entries become try/catch blocks that expect the recorded error code. It exports `manager`,
 * `clock` and every variable it binds.
 */
export function toTypeScript(workspace: Workspace, options: TypeScriptExportOptions = {}): string {
  if (workspace.semantics !== "playground") {
    // The TypeScript API is the playground's own session manager: it cannot replay a library's quirks.
    throw new Error(
      `This workspace runs as ${workspace.semantics} does; the TypeScript code would run the playground's session manager instead. Use Copy as Python for this library, or compare the workspace under the playground first.`,
    );
  }
  const srcPath = (options.srcPath ?? DEFAULT_SRC_PATH).replace(/\/+$/, "");
  const walked = walkJournal(workspace).entries;
  const names = new Namer();
  const sidVars = new Map<string, string>();
  const valueVars = new Map<string, string>();
  const coreImports = new Set(["createSeededRandom", "createVirtualClock", "SessionManager"]);
  const opsImports = new Set<string>();
  const exported: string[] = ["clock", "manager"];
  const body: string[] = [];

  const sid = (s: unknown): string | Code => (typeof s === "string" && sidVars.has(s) ? code(sidVars.get(s)!) : (s as string));
  const value = (v: unknown): string | Code => (typeof v === "string" && valueVars.has(v) ? code(`${valueVars.get(v)}.value`) : (v as string));
  let indent = 0;
  const args = (...xs: unknown[]): string => xs.map((x) => tsLiteral(x, indent)).join(", ");

  for (const w of walked) {
    const { entry } = w;
    const note = options.stepNotes?.[entry.seq - 1];
    body.push("");
    const failure = "error" in entry ? ` (expected to fail with ${entry.error.code}: ${entry.error.message})` : "";
    body.push(...commentLines(`Step ${entry.seq}, clock ${w.at}${failure}${note ? `: ${note}` : ""}`, "//"));

    if ("error" in entry) {
      let call: string;
      indent = 2;
      if (w.operation) call = statement(w.operation, w, null).join("\n  ");
      else {
        // The schema refused it: replay it exactly as the workspace did, through applyOperation.
        opsImports.add("applyOperation");
        call = `applyOperation(manager, ${args(entry.operation)});`;
      }
      indent = 0;
      coreImports.add("SessionError");
      const expected = tsString(entry.error.code);
      body.push(
        "try {",
        `  ${call}`,
        `  throw new Error(${tsString(`Step ${entry.seq} should have failed with ${entry.error.code}`)});`,
        "} catch (e) {",
        `  if (!(e instanceof SessionError) || e.code !== ${expected}) throw e;`,
        "}",
      );
      continue;
    }
    body.push(...statement(w.operation!, w, names));
  }

  /** The statement(s) for one operation; `namer` null means "do not bind results" (a failing call). */
  function statement(op: Operation, w: WalkedEntry, namer: Namer | null): string[] {
    switch (op.op) {
      case "createSession": {
        const call = `manager.createSession(${args(op.args)});`;
        if (!namer) return [call];
        const v = bind(namer.next("sid"));
        sidVars.set(w.sessionId!, v);
        return [`const ${v} = ${call}`];
      }
      case "addGrant": {
        const { userId, clientId, grant } = op.args;
        const call = `manager.addGrant(${args(userId, clientId, grant)});`;
        if (!namer) return [call];
        coreImports.add("sessionKey");
        const g = bind(namer.next("grant"));
        const v = bind(namer.next("sid"));
        sidVars.set(w.sessionId!, v);
        return [`const ${g} = ${call}`, `const ${v} = sessionKey(${args(userId, clientId)}, ${g}.id);`];
      }
      case "mintToken": {
        const { sessionId, type, basedOn, ...rest } = (op as Op<"mintToken">).args;
        const opts: Record<string, unknown> = { ...rest };
        if (basedOn !== undefined) opts.basedOn = value(basedOn);
        const extra = Object.keys(opts).length ? [opts] : [];
        const call = `manager.mintToken(${args(sid(sessionId), type, ...extra)});`;
        if (!namer) return [call];
        const v = bind(namer.next(tsTokenPrefix(type)));
        if (!valueVars.has(w.token!.value)) valueVars.set(w.token!.value, v);
        return [`const ${v} = ${call}`];
      }
      case "registerUsage":
        return [`manager.registerUsage(${args(sid(op.args.sessionId), value(op.args.value))});`];
      case "revokeToken": {
        const { sessionId, value: v, recursive } = op.args;
        return [`manager.revokeToken(${args(sid(sessionId), value(v), ...(recursive ? [true] : []))});`];
      }
      case "revokeGrant":
      case "revokeClientSession":
      case "removeSession":
        return [`manager.${op.op}(${args(sid(op.args.sessionId))});`];
      case "advanceClock":
        return [`clock.advance(${op.args.seconds});`];
      case "setClock":
        return [`clock.set(${op.args.now});`];
      case "importState": {
        const { snapshot, strict } = op.args;
        return [`manager.importState(${args(snapshot, ...(strict !== undefined ? [{ strict }] : []))});`];
      }
    }
  }

  function bind(name: string): string {
    exported.push(name);
    return name;
  }

  const { seed, start_time, settings } = workspace;
  const managerOptions: Record<string, unknown> = {
    clock: code("clock"),
    random: code(`createSeededRandom(${tsString(seed)})`),
    salt: settings.salt,
    usagePolicy: settings.usagePolicy,
    tokenTypes: settings.tokenTypes,
  };
  const header = [
    ...commentLines(`OIDC Session Playground: the journal of the workspace "${workspace.name}" (${workspace.journal.length} steps), replayed with the session manager's own API.`, "//"),
    ...commentLines(
      "The virtual clock and the seeded random make it reproducible: manager.toJSON() comes out exactly as the workspace's state.",
      "//",
    ),
    ...commentLines(
      `Imports assume the file is saved one folder below the repository root (e.g. repro/replay.ts); the exporter's srcPath option changes that. Import it from a Vitest test, or run it with any runner that understands TypeScript.`,
      "//",
    ),
    ...(workspace.notes ? ["//", ...commentLines(`Notes: ${workspace.notes}`, "//")] : []),
  ];
  const sortedImports = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" })).join(", ");
  const lines = [
    ...header,
    `import { ${sortedImports(coreImports)} } from ${tsString(`${srcPath}/core/index.ts`)};`,
    ...(opsImports.size ? [`import { ${sortedImports(opsImports)} } from ${tsString(`${srcPath}/ops/index.ts`)};`] : []),
    "",
    `const clock = createVirtualClock(${start_time});`,
    `const manager = new SessionManager(${tsLiteral(managerOptions)});`,
    ...body,
    "",
    `export { ${exported.join(", ")} };`,
    "",
  ];
  return lines.join("\n");
}
