import { sessionKey, unpackSessionKey, type UsageRules } from "../core/index.ts";
import type { Operation, Workspace } from "../ops/index.ts";
import { commentLines, isPyKeywordArgument, pyCall, pyLiteral, pyString } from "./literals.ts";
import { mintRefusalReason, Namer, pyTokenPrefix, walkJournal, type WalkedEntry } from "./walk.ts";

/** Which reference implementation the code is written for; they differ in names and in one semantic. */
export type PythonTarget = "idpy-oidc" | "oidc-op";

export interface PythonExportOptions {
  /** Default `"idpy-oidc"`. */
  target?: PythonTarget;
  /** A comment per journal entry (index `seq - 1`), e.g. a scenario's explanations. */
  stepNotes?: readonly (string | undefined)[];
  /** The pytest function's name; default `test_playground_<workspace name>`. */
  testName?: string;
}

interface TargetInfo {
  title: string;
  imports: string[];
  /** Modules whose `utc_time_sans_frac` session items read the time through. */
  clockModules: string[];
  /** The keyword `Grant.mint_token` takes the server context by. */
  contextKeyword: string;
  contextExpression: string;
  handlerKey: (type: string) => string;
  /** True when minting from a token also counts a use of it (idpy-oidc 5). */
  mintCountsAsUse: boolean;
  setupHint: string;
}

const TARGETS: Record<PythonTarget, TargetInfo> = {
  "idpy-oidc": {
    title: "idpy-oidc (module idpyoidc.server.session, version 5)",
    imports: [
      "from idpyoidc.message.oidc import AuthorizationRequest",
      "from idpyoidc.server.authn_event import AuthnEvent",
      "from idpyoidc.server.session import MintingNotAllowed",
    ],
    clockModules: ["idpyoidc.server.session.token", "idpyoidc.server.session.grant"],
    contextKeyword: "context",
    contextExpression: "server.context",
    handlerKey: (type) => type,
    mintCountsAsUse: true,
    setupHint: "as the create_session_manager fixture in idpy-oidc's tests/test_server_10_session_manager.py does",
  },
  "oidc-op": {
    title: "oidc-op (module oidcop.session, version 2.4)",
    imports: [
      "from oidcmsg.oidc import AuthorizationRequest",
      "from oidcop.authn_event import AuthnEvent",
      "from oidcop.session import MintingNotAllowed",
    ],
    clockModules: ["oidcop.session.token", "oidcop.session.grant"],
    contextKeyword: "endpoint_context",
    contextExpression: "server.endpoint_context",
    // oidc-op keys its code handler as "code".
    handlerKey: (type) => (type === "authorization_code" ? "code" : type),
    mintCountsAsUse: false,
    setupHint: "as the session manager tests in oidc-op's tests/test_01_*.py do",
  },
};

type Op<K extends Operation["op"]> = Extract<Operation, { op: K }>;

interface TokenVar {
  name: string;
  sessionId: string;
  /** Position in the grant's issued_token list, to find the token in the final state. */
  index: number;
  epoch: number;
}

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

/** `Class(key=value, …)` when every key can be a keyword argument, else `Class(**{…})`. */
function construct(callee: string, fields: Record<string, unknown>, indent: number): string {
  const keys = Object.keys(fields).filter((k) => fields[k] !== undefined);
  if (keys.every(isPyKeywordArgument)) return pyCall(callee, keys.map((k) => [k, pyLiteral(fields[k], indent + 4)]), indent);
  return pyCall(callee, [[null, `**${pyLiteral(fields, indent + 4)}`]], indent);
}

/**
 * The workspace's journal as a pytest test calling the reference Python session manager
 * (idpy-oidc or oidc-op), so a behaviour seen in the playground can be filed upstream as a test.
 * A comment header says what must be set up (a server as in the library's own tests); the body
 * repeats each operation with the reference's names, expects refusals where the journal recorded
 * them, and ends by asserting the own state (revoked, used, is_active) the playground ended in.
 */
export function toPython(workspace: Workspace, options: PythonExportOptions = {}): string {
  const target = TARGETS[options.target ?? "idpy-oidc"];
  const { entries, manager: finalState } = walkJournal(workspace);
  const names = new Namer();
  const sidVars = new Map<string, string>();
  const grantVars = new Map<string, string>();
  /** Token variables by session id and value: values may repeat across grants, and a grant mints from its own tokens. */
  const valueVars = new Map<string, TokenVar>();
  const valueKey = (s: string, v: string): string => JSON.stringify([s, v]);
  const tokenVars: TokenVar[] = [];
  const grantVarList: { name: string; sessionId: string; epoch: number }[] = [];
  const users = new Set<string>();
  const tokenTypes = new Set<string>();
  let epoch = 0;
  const body: string[] = [];
  const I = "    ";

  const sid = (s: unknown): string => (typeof s === "string" && sidVars.has(s) ? sidVars.get(s)! : pyLiteral(s));
  const grantOf = (s: string): string => grantVars.get(s) ?? `session_manager[${sid(s)}]`;
  const tokenObject = (s: string, v: string): string => valueVars.get(valueKey(s, v))?.name ?? `session_manager.find_token(${sid(s)}, ${pyLiteral(v)})`;
  const tokenValue = (s: string, v: string): string => (valueVars.has(valueKey(s, v)) ? `${valueVars.get(valueKey(s, v))!.name}.value` : pyLiteral(v));
  /** A full session id for a 2- or 3-part id: the reference's client-level calls take a session id. */
  const anySidOfClient = (s: string): string => {
    if (sidVars.has(s)) return sidVars.get(s)!;
    const [u, c] = unpackSessionKey(s);
    for (const [known, v] of sidVars) if (known.startsWith(sessionKey(u, c, ""))) return v;
    return pyLiteral(s);
  };

  /** Lines at indentation 0 (nested lines relative to it), indented as a block by the caller. */
  const indented = (lines: string[], pad: string): string[] => lines.flatMap((l) => l.split("\n")).map((l) => (l ? pad + l : l));

  for (const w of entries) {
    const { entry } = w;
    const note = options.stepNotes?.[entry.seq - 1];
    body.push("");
    body.push(...commentLines(`Step ${entry.seq}, clock ${w.at}${note ? `: ${note}` : ""}`, "#", I));
    if (!("error" in entry)) {
      body.push(...indented(statement(w.operation!, w, true), I));
      continue;
    }
    const reason = mintRefusalReason(w);
    const refusal = `The playground refuses this with ${entry.error.code}${reason ? ` (${reason})` : ""}: ${entry.error.message}`;
    if (!w.operation) {
      body.push(...commentLines(`Not reproduced. ${refusal} It checks arguments before running anything; this ${entry.operation.op} has no equivalent call.`, "#", I));
    } else if (reason === "grant_inactive") {
      body.push(...commentLines(`${refusal} The reference returns None instead of raising.`, "#", I));
      const call = statement(w.operation, w, false);
      body.push(...indented([...call.slice(0, -1), `assert ${call[call.length - 1]} is None`], I));
    } else {
      body.push(...commentLines(`${refusal}${reason ? "" : " The reference's exception class for this varies."}`, "#", I));
      body.push(`${I}with pytest.raises(${reason ? "MintingNotAllowed" : "Exception"}):`);
      body.push(...indented(statement(w.operation, w, false), I + I));
    }
  }

  /**
   * The Python lines for one operation, at indentation 0; `bind` is false for a call expected to fail
   * (its result is not kept). When not binding, the call is the last line.
   */
  function statement(op: Operation, w: WalkedEntry, bind: boolean): string[] {
    switch (op.op) {
      case "createSession": {
        const a = op.args;
        const notes: string[] = [];
        const req: Record<string, unknown> = { ...(a.authReq ?? {}) };
        const sector = a.subType === "pairwise" ? a.sectorIdentifier : undefined;
        if (sector !== undefined && req.sector_identifier_uri !== sector) {
          req.sector_identifier_uri = sector;
          notes.push("The reference reads the sector identifier from the request's sector_identifier_uri.");
        }
        if (a.subType && !["public", "pairwise", "ephemeral"].includes(a.subType)) {
          notes.push(`sub_type "${a.subType}" needs a matching sub_func entry in the session manager.`);
        }
        const clientId = w.sessionId ? unpackSessionKey(w.sessionId)[1] : (a.clientId ?? (a.authReq?.client_id as string | undefined));
        users.add(a.userId);
        const kwargs: [string, string][] = [
          ["authn_event", a.authnEvent ? construct("AuthnEvent", a.authnEvent, 4) : "None"],
          ["auth_req", construct("AuthorizationRequest", req, 4)],
          ["user_id", pyLiteral(a.userId)],
        ];
        if (clientId !== undefined) kwargs.push(["client_id", pyLiteral(clientId)]);
        kwargs.push(["sub_type", pyLiteral(a.subType ?? "public")]);
        if (a.tokenUsageRules) kwargs.push(["token_usage_rules", pyLiteral(a.tokenUsageRules, 4)]);
        if (a.scopes !== undefined) kwargs.push(["scopes", pyLiteral(typeof a.scopes === "string" ? a.scopes.split(/\s+/).filter(Boolean) : a.scopes, 4)]);
        const head = notes.flatMap((n) => commentLines(n, "#"));
        const call = pyCall("session_manager.create_session", kwargs);
        if (!bind) return [...head, call];
        const s = names.next("sid");
        const g = names.next("grant");
        sidVars.set(w.sessionId!, s);
        grantVars.set(w.sessionId!, g);
        grantVarList.push({ name: g, sessionId: w.sessionId!, epoch });
        return [...head, `${s} = ${call}`, `${g} = session_manager[${s}]`];
      }
      case "addGrant": {
        const { userId, clientId, grant } = op.args;
        users.add(userId);
        const call = construct("session_manager.add_grant", { user_id: userId, client_id: clientId, ...grant }, 0);
        if (!bind) return [call];
        const g = names.next("grant");
        const s = names.next("sid");
        sidVars.set(w.sessionId!, s);
        grantVars.set(w.sessionId!, g);
        grantVarList.push({ name: g, sessionId: w.sessionId!, epoch });
        return [`${g} = ${call}`, `${s} = session_manager.encrypted_session_id(${pyLiteral(userId)}, ${pyLiteral(clientId)}, ${g}.id)`];
      }
      case "mintToken": {
        const a = (op as Op<"mintToken">).args;
        tokenTypes.add(a.type);
        const notes: string[] = [];
        const kwargs: [string | null, string][] = [
          [null, sid(a.sessionId)],
          [target.contextKeyword, target.contextKeyword],
          ["token_class", pyLiteral(a.type)],
          ["token_handler", `session_manager.token_handler.handler[${pyLiteral(target.handlerKey(a.type))}]`],
        ];
        if (a.basedOn !== undefined) kwargs.push(["based_on", tokenObject(a.sessionId, a.basedOn)]);
        let rules: UsageRules | undefined = a.usageRules;
        if (!rules && w.token && !w.grantUsageRules?.[a.type] && workspace.settings.usagePolicy?.[a.type]) {
          rules = workspace.settings.usagePolicy[a.type];
          notes.push(`usage_rules: the workspace's default rules for ${a.type}.`);
        }
        if (rules) kwargs.push(["usage_rules", pyLiteral(rules, 4)]);
        if (a.scope !== undefined) kwargs.push(["scope", pyLiteral(a.scope, 4)]);
        if (a.claims !== undefined) {
          kwargs.push(["claims", pyLiteral(Object.keys(a.claims), 4)]);
          notes.push("claims: the reference takes the claim names.");
        }
        if (a.resources !== undefined) kwargs.push(["resources", pyLiteral(a.resources, 4)]);
        if (a.expiresIn !== undefined) kwargs.push(["expires_in", String(a.expiresIn)]);
        if (a.expiresAt !== undefined) kwargs.push(["expires_at", String(a.expiresAt)]);
        if (a.expiresIn === undefined && a.expiresAt === undefined && w.token && w.token.expires_at !== 0) {
          kwargs.push(["expires_in", String(w.token.expires_at - w.token.issued_at)]);
          notes.push("expires_in: from the usage rules, passed explicitly as the reference's token endpoint does.");
        }
        if (a.notBefore !== undefined) kwargs.push(["not_before", String(a.notBefore)]);
        const head = notes.flatMap((n) => commentLines(n, "#"));
        const call = pyCall(`${grantOf(a.sessionId)}.mint_token`, kwargs);
        if (!bind) return [...head, call];
        const v = names.next(pyTokenPrefix(a.type));
        const index = tokenVars.filter((t) => t.sessionId === a.sessionId && t.epoch === epoch).length;
        const tv: TokenVar = { name: v, sessionId: a.sessionId, index, epoch };
        tokenVars.push(tv);
        const lines = [...head, `${v} = ${call}`];
        if (a.value !== undefined) lines.push(`${v}.value = ${pyLiteral(a.value)}  # the playground minted it with this value`);
        if (a.basedOn !== undefined && target.mintCountsAsUse) {
          lines.push(`${tokenObject(a.sessionId, a.basedOn)}.used -= 1  # this library counts a mint as a use of based_on; the playground does not`);
        }
        if (!valueVars.has(valueKey(a.sessionId, w.token!.value))) valueVars.set(valueKey(a.sessionId, w.token!.value), tv);
        return lines;
      }
      case "registerUsage":
        return [`${tokenObject(op.args.sessionId, op.args.value)}.register_usage()`];
      case "revokeToken": {
        const { sessionId, value, recursive } = op.args;
        const args: [string | null, string][] = [[null, sid(sessionId)], [null, tokenValue(sessionId, value)]];
        if (recursive) args.push(["recursive", "True"]);
        return [pyCall("session_manager.revoke_token", args)];
      }
      case "revokeGrant":
        return [`session_manager.revoke_grant(${sid(op.args.sessionId)})`];
      case "revokeClientSession":
        return [`session_manager.revoke_client_session(${anySidOfClient(op.args.sessionId)})`];
      case "removeSession":
        return [`session_manager.remove_session(${sid(op.args.sessionId)})`];
      case "advanceClock":
        return [`clock.advance(${op.args.seconds})`];
      case "setClock":
        return [`clock.set(${op.args.now})`];
      case "importState":
        epoch++;
        return [
          ...commentLines(
            `importState (${op.args.source}) replaced the whole state here. The reference has no such call: load an equivalent dump with session_manager.load(...) to go on. Ids from the imported state are written literally below.`,
            "#",
          ),
          "pass",
        ];
    }
  }

  // The own state the playground ends in, as the reference computes it (is_active looks at the item alone).
  const finalAsserts: string[] = [];
  const db = finalState.toJSON().db;
  for (const g of grantVarList) {
    if (g.epoch !== epoch || !db[g.sessionId]) continue;
    const grant = finalState.getGrant(g.sessionId);
    finalAsserts.push(`${I}assert ${g.name}.revoked is ${grant.revoked ? "True" : "False"}`);
  }
  for (const t of tokenVars) {
    if (t.epoch !== epoch || !db[t.sessionId]) continue;
    const token = finalState.getGrant(t.sessionId).issued_token[t.index];
    if (!token) continue;
    finalAsserts.push(
      `${I}assert ${t.name}.revoked is ${token.revoked ? "True" : "False"}`,
      `${I}assert ${t.name}.used == ${token.used}`,
      `${I}assert ${t.name}.is_active() is ${token.isActive() ? "True" : "False"}`,
    );
  }

  const header = [
    "# OIDC Session Playground export: a workspace's journal as calls against the reference Python",
    "# session manager, written as a pytest test.",
    "#",
    ...commentLines(`Target: ${target.title}.`, "#"),
    ...commentLines(
      `Workspace: "${workspace.name}"; seed "${workspace.seed}", start time ${workspace.start_time}, ${workspace.journal.length} steps.`,
      "#",
    ),
    ...(workspace.notes ? commentLines(`Notes: ${workspace.notes}`, "#") : []),
    "#",
    "# What must be set up:",
    ...commentLines(
      `- A \`server\` fixture returning the library's Server built from a test configuration, ${target.setupHint}: keys, a token handler for each token class used here (${[...tokenTypes].join(", ") || "none"}), a claims interface, and a user database that knows ${[...users].join(", ") || "the users below"}.`,
      "#",
    ),
    ...commentLines(
      "- The `clock` fixture below: session items read the time through utc_time_sans_frac, which it replaces with the playground's virtual clock, so issued_at, expires_at and is_active() agree with the playground.",
      "#",
    ),
    ...commentLines(
      `- For sub values to agree, the same salt as the playground's ("${finalState.salt}") in the session manager's configuration.`,
      "#",
    ),
    "#",
    "# Differences from the playground this code accounts for:",
    ...commentLines(
      "- Session ids, grant ids, token ids and token values come from the library's own generators (session ids may be encrypted), so the code refers to them only through variables (sid1, grant1, code1, ...).",
      "#",
    ),
    ...(target.mintCountsAsUse
      ? commentLines(
          "- This library counts each mint as a use of based_on (its token endpoint subtracts it again); the playground does not, so each such mint is followed by `<token>.used -= 1`.",
          "#",
        )
      : []),
    ...commentLines("- Minting in an inactive grant returns None here; the playground refuses it with minting_not_allowed (grant_inactive).", "#"),
    ...commentLines(
      "- add_grant is called as the reference documentation shows (user_id=, client_id=); newer versions take path=[user_id, client_id].",
      "#",
    ),
  ];

  const lines = [
    ...header,
    "",
    "import pytest",
    "",
    ...target.imports,
    "",
    "",
    "class VirtualClock:",
    '    """The playground\'s clock: whole seconds that move only when told to."""',
    "",
    "    def __init__(self, now):",
    "        self.now = now",
    "",
    "    def __call__(self):",
    "        return self.now",
    "",
    "    def advance(self, seconds):",
    "        self.now += seconds",
    "",
    "    def set(self, now):",
    "        self.now = now",
    "",
    "",
    "@pytest.fixture",
    "def clock(monkeypatch):",
    `    virtual = VirtualClock(${workspace.start_time})`,
    ...target.clockModules.map((m, i) => `    monkeypatch.setattr(${pyString(`${m}.utc_time_sans_frac`)}, virtual${i > 0 ? ", raising=False" : ""})`),
    "    return virtual",
    "",
    "",
    `def ${options.testName && /^test_[A-Za-z0-9_]*$/.test(options.testName) ? options.testName : testNameFor(workspace.name)}(server, clock):`,
    `    ${target.contextKeyword} = ${target.contextExpression}`,
    `    session_manager = ${target.contextKeyword}.session_manager`,
    ...body,
    ...(finalAsserts.length ? ["", "    # The own state the playground ends in (each item alone, as the reference's is_active() sees it):", ...finalAsserts] : []),
    "",
  ];
  return lines.join("\n");
}
