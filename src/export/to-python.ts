import { sessionKey, sessionKeyDepth, unpackSessionKey, type SemanticsName } from "../core/index.ts";
import { createdGrantId, createManager, replayUnderLibrary, type JournalEntry, type LibraryCall, type LibraryReplayStep, type TraceOutcome, type Workspace } from "../ops/index.ts";
import { commentLines, isPyKeywordArgument, pyCall, pyLiteral } from "./literals.ts";
import { exceptionImport, fixtureLines, TARGETS, type PythonTarget } from "./python-targets.ts";
import { mintRefusalReason, Namer, pyTokenPrefix, walkJournal, type TokenFlags, type WalkedEntry } from "./walk.ts";

export type { PythonTarget } from "./python-targets.ts";

export interface PythonExportOptions {
  /** The library to write for. Default: the workspace's own library profile, else `"idpy-oidc"`. */
  target?: PythonTarget;
  /** A comment per journal entry (index `seq - 1`), e.g. a scenario's explanations. */
  stepNotes?: readonly (string | undefined)[];
  /** The pytest function's name; default `test_playground_<workspace name>`. */
  testName?: string;
}

/** The token types the libraries have a handler for; a mint of any other type is refused before a handler is looked up. */
const HANDLED_TYPES = new Set(["authorization_code", "access_token", "refresh_token", "id_token"]);

const PROFILE_NAMES: Record<SemanticsName, string> = { playground: "The playground", "idpy-oidc-5.0": "The idpy-oidc 5.0 profile", "oidc-op-2.4": "The oidc-op 2.4 profile" };

/** A valid Python function name from free text. */
function testNameFor(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 60)
    .replace(/_+$/, "");
  return `test_playground_${slug || "replay"}`;
}

/** `callee(key=value, …)` when every key can be a keyword argument, else `callee(…, **{…})`. */
function callWithFields(callee: string, first: [string | null, string][], fields: Record<string, unknown>, indent: number): string {
  const keys = Object.keys(fields).filter((k) => fields[k] !== undefined);
  if (keys.every(isPyKeywordArgument)) return pyCall(callee, [...first, ...keys.map((k): [string, string] => [k, pyLiteral(fields[k], indent + 4)])], indent);
  return pyCall(callee, [...first, [null, `**${pyLiteral(fields, indent + 4)}`]], indent);
}

/** The workspace's semantics profile (`settings.semantics`); a workspace without one is on the playground's. */
function semanticsOf(workspace: Workspace): SemanticsName {
  const s = (workspace.settings as { semantics?: unknown }).semantics;
  return s === "idpy-oidc-5.0" || s === "oidc-op-2.4" ? s : "playground";
}

/**
 * The journal as the library replay needs it: a mint gets the value the playground minted (its
 * journal result), or `unminted-<seq>` when the playground refused it, so later steps can name
 * the token by value, as the oracle traces of the scenarios do.
 */
function withTokenValues(journal: readonly JournalEntry[]): JournalEntry[] {
  return journal.map((entry) => {
    const op = entry.operation;
    if (op.op !== "mintToken" || op.args.value !== undefined) return entry;
    const value = "result" in entry ? (entry.result as { value: string }).value : `unminted-${entry.seq}`;
    return { ...entry, operation: { ...op, args: { ...op.args, value } } } as JournalEntry;
  });
}

interface TokenVar {
  name: string;
  grantId: string;
  /** The token's place in the library grant's issued_token list. */
  index: number;
}

type GrantRecord = { kind: string; revoked: boolean; scope: unknown; is_active: boolean; issued_token: { value: string; used: number; revoked: boolean; is_active: boolean }[] };

/** The journal replayed under the target library's profile, as the file's assertions are taken from it. */
export function replayForPython(workspace: Workspace, target: PythonTarget): LibraryReplayStep[] {
  return replayUnderLibrary(workspace.base, withTokenValues(workspace.journal), TARGETS[target].semantics);
}

/** The library's grant records by grant id (a grant may be filed under another key than the playground's). */
function grantsOf(step: LibraryReplayStep | undefined): Map<string, GrantRecord> {
  const out = new Map<string, GrantRecord>();
  for (const [key, record] of Object.entries(step?.state.db ?? {})) {
    const r = record as GrantRecord;
    if (r.kind === "grant") out.set(unpackSessionKey(key).at(-1)!, r);
  }
  return out;
}

/** The library's db keys other than grants' (user and client sessions, and stray records), as the file can name them. */
function sessionKeysOf(step: LibraryReplayStep | undefined): string[] {
  return Object.keys(step?.state.db ?? {}).filter((key) => sessionKeyDepth(key) < 3);
}

/** `{"a", "b"}` (or `set()`): a Python set of strings. */
function pySet(values: readonly string[]): string {
  return values.length ? `{${values.map((v) => pyLiteral(v)).join(", ")}}` : "set()";
}

/** Pairs each token of one list with its match in the other: same value, same occurrence of it. */
function pairTokens<A extends { value: string }, B extends { value: string }>(a: readonly A[], b: readonly B[]): [A, B, number][] {
  const seen = new Map<string, number>();
  const pairs: [A, B, number][] = [];
  b.forEach((token, index) => {
    const k = (seen.get(token.value) ?? 0) + 1;
    seen.set(token.value, k);
    const match = a.filter((t) => t.value === token.value)[k - 1];
    if (match) pairs.push([match, token, index]);
  });
  return pairs;
}

const describeOutcome = (o: TraceOutcome): string =>
  o.kind === "raised" ? `raises ${o.exception}${o.message ? ` (${o.message})` : ""}` : o.kind === "returned_none" ? "returns None" : o.kind === "not_run" ? `cannot make the call (${o.reason})` : "returns";

/**
 * The workspace's journal as a pytest file calling a reference Python session manager (idpy-oidc 5
 * or oidc-op 2.4), so a behaviour seen in the playground can be filed upstream as a test. Each
 * operation becomes exactly the call the library profile says it becomes (src/ops/oracle-trace),
 * and the assertions (expected exceptions, None returns, the final revoked / used / is_active of
 * each item) come from replaying the journal under that profile, so they state what the library
 * does. Where the workspace's own profile (the playground's, by default) did otherwise, a comment
 * says so at that step. The file carries the `server` and `clock` fixtures it needs.
 */
export function toPython(workspace: Workspace, options: PythonExportOptions = {}): string {
  const semantics = semanticsOf(workspace);
  const targetName: PythonTarget = options.target ?? (semantics === "oidc-op-2.4" ? "oidc-op" : "idpy-oidc");
  const target = TARGETS[targetName];
  const lib = target.library;
  const compare = semantics !== target.semantics;
  const own = PROFILE_NAMES[semantics];
  const { entries } = walkJournal(workspace, { tokens: compare });
  const replay = replayForPython(workspace, targetName);

  const names = new Namer();
  /** The library's session ids (decrypted, with the journal's grant ids) → Python variables. */
  const sidVars = new Map<string, string>();
  const grantVars = new Map<string, string>();
  /** Token variables by grant id, in the library's issue order. */
  const tokensOf = new Map<string, TokenVar[]>();
  /** The library's token values (the journal's) of each Python token variable, by grant id. */
  const tokenValues = new Map<TokenVar, string>();
  const users = new Set<string>();
  const clients = new Set<string>();
  const exceptions = new Set<string>();
  const body: string[] = [];
  const I = "    ";
  let differences = 0;

  const grantIdOf = (libSid: string): string => unpackSessionKey(libSid).at(-1)!;
  const sid = (libSid: string): string => {
    const known = sidVars.get(libSid);
    if (known) return known;
    const parts = unpackSessionKey(libSid);
    const grant = parts.length === 3 ? grantVars.get(libSid) : undefined;
    if (parts.length === 3 && grant) return `session_manager.encrypted_session_id(${pyLiteral(parts[0])}, ${pyLiteral(parts[1])}, ${grant}.id)`;
    return `session_manager.encrypted_session_id(${parts.map((p) => pyLiteral(p)).join(", ")})`;
  };
  /** The first token of the grant with that value, as `find_token` finds it. */
  const tokenVar = (libSid: string, value: string): TokenVar | undefined => (tokensOf.get(grantIdOf(libSid)) ?? []).find((t) => tokenValues.get(t) === value);
  /** The token as the library's find_token finds it: through its variable while its grant is in the database (else the look-up is the call that fails). */
  const tokenObject = (libSid: string, value: string, before: Map<string, GrantRecord>): string =>
    (before.has(grantIdOf(libSid)) ? tokenVar(libSid, value)?.name : undefined) ?? `session_manager.find_token(${sid(libSid)}, ${pyLiteral(value)})`;
  const tokenValue = (libSid: string, value: string): string => {
    const t = tokenVar(libSid, value);
    return t ? `${t.name}.value` : pyLiteral(value);
  };
  const indented = (lines: string[], pad: string): string[] => lines.flatMap((l) => l.split("\n")).map((l) => (l ? pad + l : l));

  let imported = false;
  let previousDiff = new Map<TokenVar, string>();
  let previousKeysDiff = "[[],[]]";
  const previousGrantDiff = new Map<string, string>();

  entries.forEach((w, i) => {
    const { entry } = w;
    const step = replay[i]!;
    const before = grantsOf(replay[i - 1]);
    const note = options.stepNotes?.[entry.seq - 1];
    body.push("");
    body.push(...commentLines(`Step ${entry.seq}, clock ${w.at}${note ? `: ${note}` : ""}`, "#", I));

    const outcome = step.outcome;
    if (entry.operation.op === "importState") imported = true;
    // After an imported state the two sides hold different things: comparing them says nothing.
    const said = compare && !imported ? outcomeDifference(w, step) : null;
    if (said) {
      differences++;
      body.push(...commentLines(said, "#", I));
    } else if ("error" in entry && !compare) {
      body.push(...commentLines(`${own} refuses this with ${entry.error.code}: ${entry.error.message}`, "#", I));
    }

    if (step.call === null || outcome.kind === "not_run") {
      const why =
        entry.operation.op === "importState" ? `importState has no equivalent call in ${lib}` : `${lib} cannot make this call: ${outcome.kind === "not_run" ? outcome.reason : "it has none"}`;
      body.push(...commentLines(said && outcome.kind === "not_run" && entry.operation.op !== "importState" ? "Not reproduced." : `Not reproduced: ${why}.`, "#", I));
      if (entry.operation.op === "importState") {
        body.push(
          ...commentLines(
            "importState replaced the whole state here. The library has no such call: load an equivalent dump with session_manager.load(...) to go on.",
            "#",
            I,
          ),
        );
      }
      body.push(`${I}pass`);
    } else {
      body.push(...indented(statement(step.call, step, entry, before), I));
    }
    if (compare && !imported) body.push(...stateDifferences(w, step));
  });

  /** A comment when the library's outcome differs from the workspace's profile's. */
  function outcomeDifference(w: WalkedEntry, step: LibraryReplayStep): string | null {
    const o = step.outcome;
    const entry = w.entry;
    if (!("error" in entry)) {
      if (o.kind === "returned") return null;
      if (o.kind === "returned_none" && entry.operation.op !== "mintToken") return null;
      if (o.kind === "returned_none") return `${own} mints this; ${lib} returns None here: nothing is minted.`;
      if (o.kind === "raised") return `${own} allows this; ${lib} ${describeOutcome(o)} here.`;
      return `${own} runs this; ${lib} ${describeOutcome(o)}, because an earlier step went otherwise there.`;
    }
    const reason = mintRefusalReason(w);
    const refusal = `${own} refuses this with ${entry.error.code}${reason ? ` (${reason})` : ""}: ${entry.error.message}`;
    if (o.kind === "returned") return `${refusal} ${lib} ${entry.operation.op === "mintToken" ? "mints it" : "allows it"}.`;
    if (o.kind === "returned_none") return `${refusal} ${lib} ${entry.operation.op === "mintToken" ? "returns None instead of raising: nothing is minted" : "does it without an error"}.`;
    if (o.kind === "raised") return `${refusal} ${lib} ${describeOutcome(o)}.`;
    return `${refusal} ${lib} ${describeOutcome(o)}.`;
  }

  /** Comments and assertions where, after this step, a token's used or revoked differs from the workspace's profile's. */
  function stateDifferences(w: WalkedEntry, step: LibraryReplayStep): string[] {
    const lines: string[] = [];
    const now = new Map<TokenVar, string>();
    for (const [grantId, record] of grantsOf(step)) {
      const mine = w.tokensAfter?.get(grantId);
      const vars = tokensOf.get(grantId) ?? [];
      if (!mine) continue;
      for (const [pg, libToken, index] of pairTokens<TokenFlags, GrantRecord["issued_token"][number]>(mine, record.issued_token)) {
        const v = vars.find((t) => t.index === index);
        if (!v) continue;
        const diff = JSON.stringify([libToken.used - pg.used, libToken.revoked !== pg.revoked]);
        if (libToken.used === pg.used && libToken.revoked === pg.revoked) continue;
        now.set(v, diff);
        if (previousDiff.get(v) === diff) continue;
        differences++;
        if (libToken.used !== pg.used) {
          const op = w.entry.operation;
          const why = op.op === "mintToken" && op.args.basedOn === pg.value && libToken.used > pg.used ? ` (${lib} counts a mint as a use of based_on)` : "";
          lines.push(...commentLines(`${own}'s ${v.name} has used ${pg.used} after this step; ${lib}'s has used ${libToken.used}${why}.`, "#", I));
          lines.push(`${I}assert ${v.name}.used == ${libToken.used}`);
        }
        if (libToken.revoked !== pg.revoked) {
          lines.push(...commentLines(`${own}'s ${v.name} is ${pg.revoked ? "" : "not "}revoked after this step; ${lib}'s is ${libToken.revoked ? "" : "not "}revoked.`, "#", I));
          lines.push(`${I}assert ${v.name}.revoked is ${libToken.revoked ? "True" : "False"}`);
        }
      }
    }
    previousDiff = now;
    // A grant's scope and revoked flag.
    for (const [grantId, record] of grantsOf(step)) {
      const mine = w.grantsAfter?.get(grantId);
      const g = [...grantVars].find(([libSid]) => grantIdOf(libSid) === grantId)?.[1];
      if (!mine || !g) continue;
      const scopeDiffers = JSON.stringify(mine.scope) !== JSON.stringify(record.scope);
      const diff = JSON.stringify([scopeDiffers ? record.scope : null, mine.revoked !== record.revoked ? record.revoked : null]);
      if (diff === (previousGrantDiff.get(grantId) ?? JSON.stringify([null, null]))) continue;
      previousGrantDiff.set(grantId, diff);
      if (scopeDiffers) {
        differences++;
        lines.push(...commentLines(`${own}'s ${g} has scope ${JSON.stringify(mine.scope)} after this step; ${lib}'s has ${JSON.stringify(record.scope)}.`, "#", I));
        lines.push(`${I}assert ${g}.scope == ${pyLiteral(record.scope)}`);
      }
      if (mine.revoked !== record.revoked) {
        differences++;
        lines.push(...commentLines(`${own}'s ${g} is ${mine.revoked ? "" : "not "}revoked after this step; ${lib}'s is ${record.revoked ? "" : "not "}revoked.`, "#", I));
        lines.push(`${I}assert ${g}.revoked is ${record.revoked ? "True" : "False"}`);
      }
    }
    // User and client sessions (and stray records) one side keeps and the other does not.
    const mineKeys = new Set(w.sessionKeysAfter ?? []);
    const libKeys = sessionKeysOf(step);
    const onlyLib = libKeys.filter((k) => !mineKeys.has(k));
    const onlyMine = [...mineKeys].filter((k) => !libKeys.includes(k));
    const keysDiff = JSON.stringify([onlyLib, onlyMine]);
    if (keysDiff !== previousKeysDiff && (onlyLib.length || onlyMine.length)) {
      differences++;
      const parts = [
        ...(onlyLib.length ? [`${lib} holds ${onlyLib.map((k) => `"${k}"`).join(", ")}, which ${own.replace(/^The /, "the ")} does not`] : []),
        ...(onlyMine.length ? [`${own.replace(/^The /, "the ")} holds ${onlyMine.map((k) => `"${k}"`).join(", ")}, which ${lib} does not`] : []),
      ];
      lines.push(...commentLines(`After this step ${parts.join("; ")}.`, "#", I));
      lines.push(`${I}assert {key for key in session_manager.db.db if key.count(";;") < 2} == ${pySet(libKeys)}`);
    }
    previousKeysDiff = keysDiff;
    return lines;
  }

  /** The Python lines for one library call at indentation 0, as its outcome says it ends: bound, expected to raise, or expected to return None. */
  function statement(call: LibraryCall, step: LibraryReplayStep, entry: JournalEntry, before: Map<string, GrantRecord>): string[] {
    const o = step.outcome;
    const expectRaise = (lines: string[]): string[] => {
      if (o.kind !== "raised") return lines;
      exceptions.add(o.exception);
      return [`with pytest.raises(${o.exception}):`, ...indented(lines, I)];
    };
    const op = entry.operation;
    switch (call.method) {
      case "create_session": {
        const k = call.kwargs as Record<string, unknown>;
        const notes: string[] = [];
        if (op.op === "createSession" && op.args.subType === "pairwise" && op.args.sectorIdentifier !== undefined) {
          notes.push("The library reads the sector identifier from the request's sector_identifier_uri.");
        }
        if (typeof k.sub_type === "string" && !["public", "pairwise", "ephemeral"].includes(k.sub_type)) {
          notes.push(`sub_type "${k.sub_type}" has no sub_func entry in the session manager.`);
        }
        users.add(k.user_id as string);
        const clientId = k.client_id ?? (k.auth_req as { client_id?: unknown } | null)?.client_id;
        if (typeof clientId === "string") clients.add(clientId);
        const kwargs: [string, string][] = [
          ["authn_event", k.authn_event ? callWithFields("AuthnEvent", [], k.authn_event as Record<string, unknown>, 4) : "None"],
          ["auth_req", k.auth_req ? callWithFields("AuthorizationRequest", [], k.auth_req as Record<string, unknown>, 4) : "None"],
          ["user_id", pyLiteral(k.user_id)],
        ];
        if (k.client_id !== undefined) kwargs.push(["client_id", pyLiteral(k.client_id)]);
        // "public" is the library's default; written out so the reader sees the subject type.
        kwargs.push(["sub_type", pyLiteral(k.sub_type ?? "public")]);
        if (k.token_usage_rules !== undefined) kwargs.push(["token_usage_rules", pyLiteral(k.token_usage_rules, 4)]);
        if (k.scopes !== undefined) kwargs.push(["scopes", pyLiteral(k.scopes, 4)]);
        const head = notes.flatMap((n) => commentLines(n, "#"));
        const text = pyCall("session_manager.create_session", kwargs);
        if (o.kind !== "returned") return [...head, ...expectRaise([text])];
        const libSid = o.value as string;
        // The client the library filed it under (idpy-oidc uses "" when client_id is not given): its token handlers look the client up.
        clients.add(unpackSessionKey(libSid)[1] ?? "");
        const s = names.next("sid");
        const g = names.next("grant");
        sidVars.set(libSid, s);
        grantVars.set(libSid, g);
        return [...head, `${s} = ${text}`, `${g} = session_manager[${s}]`];
      }
      case "add_grant": {
        const [userId, clientId] = call.args as [string, string];
        users.add(userId);
        clients.add(clientId);
        const fields = call.kwargs as Record<string, unknown>;
        const text = target.addGrantByPath
          ? callWithFields("session_manager.add_grant", [["path", pyLiteral([userId, clientId])]], fields, 0)
          : callWithFields("session_manager.add_grant", [[null, pyLiteral(userId)], [null, pyLiteral(clientId)]], fields, 0);
        if (o.kind !== "returned") return expectRaise([text]);
        const grantId = createdGrantId(entry);
        const libSid = typeof o.value === "string" ? o.value : sessionKey(userId, clientId, String(grantId));
        const s = names.next("sid");
        const g = names.next("grant");
        sidVars.set(libSid, s);
        grantVars.set(libSid, g);
        if (target.addGrantByPath) return [`${s} = ${text}`, `${g} = session_manager[${s}]`];
        return [`${g} = ${text}`, `${s} = session_manager.encrypted_session_id(${pyLiteral(userId)}, ${pyLiteral(clientId)}, ${g}.id)`];
      }
      case "mint_token": {
        const libSid = call.sessionId!;
        const k = call.kwargs as Record<string, unknown>;
        const type = k.token_class as string;
        const value = k.value as string;
        const notes: string[] = [];
        const explicit = op.op === "mintToken" && op.args.value !== undefined;
        const args: [string | null, string][] = [
          [null, sid(libSid)],
          [target.contextKeyword, target.contextKeyword],
          ["token_class", pyLiteral(type)],
        ];
        if (HANDLED_TYPES.has(type)) args.push(["token_handler", `session_manager.token_handler.handler[${pyLiteral(type)}]`]);
        else notes.push(`No token_handler: ${lib} has no token class for ${type} and refuses it before it would look one up.`);
        if (k.based_on !== undefined) args.push(["based_on", tokenObject(libSid, k.based_on as string, before)]);
        if (k.usage_rules !== undefined) args.push(["usage_rules", pyLiteral(k.usage_rules, 4)]);
        if (k.scope !== undefined) args.push(["scope", pyLiteral(k.scope, 4)]);
        if (k.claims !== undefined) {
          const claims = k.claims as Record<string, unknown>;
          args.push(["claims", pyLiteral(target.claimsAsNames ? Object.keys(claims) : claims, 4)]);
        }
        if (k.resources !== undefined) args.push(["resources", pyLiteral(k.resources, 4)]);
        for (const key of ["expires_in", "expires_at", "not_before"]) if (k[key] !== undefined) args.push([key, pyLiteral(k[key])]);
        if (k.expires_in !== undefined && !(op.op === "mintToken" && op.args.expiresIn !== undefined)) {
          notes.push("expires_in: from the usage rules that apply, passed explicitly as the library's token endpoint does.");
        }
        // The grant as the recorder reaches it: session_manager[sid] fails once the grant is gone.
        const grantId = grantIdOf(libSid);
        const grantExpr = before.has(grantId) && grantVars.has(libSid) ? grantVars.get(libSid)! : `session_manager[${sid(libSid)}]`;
        const text = pyCall(`${grantExpr}.mint_token`, args);
        const head = notes.flatMap((n) => commentLines(n, "#"));
        if (o.kind === "returned_none") {
          const callLines = `assert ${text} is None`.split("\n");
          return [...head, ...callLines];
        }
        if (o.kind !== "returned") return [...head, ...expectRaise([text])];
        const v: TokenVar = { name: names.next(pyTokenPrefix(type)), grantId, index: (tokensOf.get(grantId) ?? []).length };
        tokensOf.set(grantId, [...(tokensOf.get(grantId) ?? []), v]);
        tokenValues.set(v, value);
        const lines = [...head, `${v.name} = ${text}`];
        if (explicit) {
          lines.push(`${v.name}.value = ${pyLiteral(value)}  # the journal mints it with this value`);
        }
        return lines;
      }
      case "register_usage":
        return expectRaise([`${tokenObject(call.sessionId!, call.args[0] as string, before)}.register_usage()`]);
      case "revoke_token": {
        const args: [string | null, string][] = [
          [null, sid(call.sessionId!)],
          [null, tokenValue(call.sessionId!, call.args[0] as string)],
        ];
        if (call.kwargs.recursive !== undefined) args.push(["recursive", call.kwargs.recursive ? "True" : "False"]);
        return expectRaise([pyCall("session_manager.revoke_token", args)]);
      }
      case "revoke_grant":
      case "revoke_client_session":
      case "remove_session":
        return expectRaise([`session_manager.${call.method}(${sid(call.sessionId!)})`]);
      case "advance":
        return [`clock.advance(${pyLiteral(call.args[0])})`];
      case "set":
        return [`clock.set(${pyLiteral(call.args[0])})`];
      default:
        return [...commentLines(`Not reproduced: ${call.target}.${call.method} has no export.`, "#"), "pass"];
    }
  }

  // The own state the library ends in (each item alone, as its is_active() sees it), from the replay.
  const finalAsserts: string[] = [];
  const last = grantsOf(replay.at(-1));
  for (const [libSid, g] of grantVars) {
    const record = last.get(grantIdOf(libSid));
    if (record) finalAsserts.push(`${I}assert ${g}.revoked is ${record.revoked ? "True" : "False"}`);
  }
  for (const vars of tokensOf.values()) {
    for (const t of vars) {
      const token = last.get(t.grantId)?.issued_token[t.index];
      if (!token) continue;
      finalAsserts.push(
        `${I}assert ${t.name}.revoked is ${token.revoked ? "True" : "False"}`,
        `${I}assert ${t.name}.used == ${token.used}`,
        `${I}assert ${t.name}.is_active() is ${token.is_active ? "True" : "False"}`,
      );
    }
  }

  const finalKeys = sessionKeysOf(replay.at(-1));
  if (replay.length) {
    finalAsserts.push(
      `${I}# The user and client sessions it holds (grant keys, with random ids, have two ";;"):`,
      `${I}assert {key for key in session_manager.db.db if key.count(";;") < 2} == ${pySet(finalKeys)}`,
    );
  }

  const header = [
    "# OIDC Session Playground export: a workspace's journal as calls against the reference Python",
    "# session manager, written as a pytest test.",
    "#",
    ...commentLines(`Target: ${target.title}.`, "#"),
    ...commentLines(`Run it with \`pytest <this file>\`, where ${target.requirement} and pytest are installed. It needs nothing else: the server and clock fixtures are below.`, "#"),
    ...commentLines(
      `Workspace: "${workspace.name}"; seed "${workspace.seed}", start time ${workspace.start_time}, ${workspace.journal.length} steps, ${own.replace(/^The /, "the ")} semantics.`,
      "#",
    ),
    ...(workspace.notes ? commentLines(`Notes: ${workspace.notes}`, "#") : []),
    "#",
    ...commentLines(
      `Each step makes exactly the call the playground's ${lib} profile makes of it. The assertions (expected exceptions, None returns, the final revoked, used and is_active() of each item) say what ${lib} does: they come from replaying the journal under that profile, which was checked against ${lib} step by step.`,
      "#",
    ),
    ...(compare
      ? commentLines(
          differences
            ? `${own} does otherwise at ${differences === 1 ? "one place" : `${differences} places`}; a comment says so there.`
            : `${own} does the same at every step (outcomes; tokens' used and revoked; grants' scope and revoked; the sessions held).`,
          "#",
        )
      : []),
    ...commentLines(
      "Session ids, grant ids and generated token values come from the library's own generators (session ids are encrypted), so the code names them through variables (sid1, grant1, code1, ...). The clock fixture replaces utc_time_sans_frac, where session items read the time, with the playground's virtual clock.",
      "#",
    ),
  ];

  const exceptionImports = [...exceptions]
    .sort()
    .map((e) => exceptionImport(target, e))
    .filter((l): l is string => l !== null);
  const lines = [
    ...header,
    "",
    "import pytest",
    "",
    ...[...target.imports, ...exceptionImports].sort(),
    "",
    ...fixtureLines(target, { salt: createManager(workspace.base).salt, users: [...users], clients: [...clients], startTime: workspace.start_time }),
    "",
    "",
    `def ${options.testName && /^test_[A-Za-z0-9_]*$/.test(options.testName) ? options.testName : testNameFor(workspace.name)}(server, clock):`,
    `    ${target.contextKeyword} = server.${target.contextKeyword}`,
    `    session_manager = ${target.contextKeyword}.session_manager`,
    ...body,
    ...(finalAsserts.length ? ["", `    # The own state ${lib} ends in (each item alone, as its is_active() sees it):`, ...finalAsserts] : []),
    "",
  ];
  return lines.join("\n");
}
