import { cloneJson, MintingNotAllowed, unpackSessionKey, SessionError, type SessionManager, type SessionTokenJSON, type UsageRules } from "../core/index.ts";
import { applyOperation, canonicalJson, createEngine, createManager, validateOperation, type Engine, type JournalEntry, type Operation, type Workspace } from "../ops/index.ts";

/** One journal entry as the exporters need it: validated, re-run, with what it produced. */
export interface WalkedEntry {
  entry: JournalEntry;
  /** The operation as the core received it (schema-parsed), or `null` if the schema refused it. */
  operation: Operation | null;
  /** The error the entry fails with, re-thrown on replay (the journal keeps only code and message). */
  error?: SessionError;
  /** For a successful `mintToken`: the token as minted (its times and rules), before later steps change it. */
  token?: SessionTokenJSON;
  /** For a successful `mintToken`: the grant's own usage rules per type at that moment. */
  grantUsageRules?: Record<string, UsageRules>;
  /** For a successful `createSession` / `addGrant`: the session id it returned. */
  sessionId?: string;
  /** The virtual time when the entry ran. */
  at: number;
  /** With `{ tokens: true }`: every grant's tokens after the entry ran, in issue order, by grant id (to say where a library's counters differ). */
  tokensAfter?: Map<string, TokenFlags[]>;
  /** With `{ tokens: true }`: each grant's revoked flag and scope after the entry ran, by grant id. */
  grantsAfter?: Map<string, { revoked: boolean; scope: unknown }>;
  /** With `{ tokens: true }`: the keys of the user and client sessions after the entry ran. */
  sessionKeysAfter?: string[];
}

/** What the exporters compare of a token across implementations. */
export interface TokenFlags {
  value: string;
  used: number;
  revoked: boolean;
}

/** Each grant's tokens, by grant id (the last part of its key). */
function tokensByGrant(manager: SessionManager): Map<string, TokenFlags[]> {
  const out = new Map<string, TokenFlags[]>();
  for (const [key, node] of Object.entries(manager.toJSON().db)) {
    const record = node as { type?: string; issued_token?: TokenFlags[] };
    if (record.type !== "grant") continue;
    out.set(unpackSessionKey(key).at(-1)!, (record.issued_token ?? []).map((t) => ({ value: t.value, used: t.used, revoked: t.revoked })));
  }
  return out;
}

/**
 * Replays a workspace's journal from its seed and start time, keeping per entry what the exporters
 * need to write equivalent code. Throws if an entry does not come out as recorded: an export that
 * would not reproduce the workspace is worse than none.
 */
export function walkJournal(workspace: Workspace, options: { tokens?: boolean } = {}): { entries: WalkedEntry[]; manager: SessionManager } {
  const engine = workspace.semantics === "playground" ? null : createEngine(workspace.base);
  let manager = engine ? engine.manager : createManager(workspace.base);
  const entries = workspace.journal.map((entry, i) => {
    const at = manager.clock.now();
    let operation: Operation | null;
    try {
      operation = validateOperation(entry.operation);
    } catch {
      operation = null;
    }
    const walked: WalkedEntry = { entry, operation, at };
    if (engine) {
      // A library profile's engine: its journal is checked against its own replay, and read through its picture.
      walkLibraryEntry(engine, entry, i, walked);
      manager = engine.manager;
    } else try {
      const result = applyOperation(manager, entry.operation);
      if ("error" in entry || canonicalJson(result) !== canonicalJson(entry.result)) {
        throw new Error(`Journal entry ${i + 1} (${entry.operation.op}) does not replay as recorded; the workspace cannot be exported.`);
      }
      if (entry.operation.op === "mintToken") {
        const sid = (operation as Extract<Operation, { op: "mintToken" }>).args.sessionId;
        // The newest token of the grant, not a lookup by value: values may repeat.
        const grant = manager.getGrant(sid);
        walked.token = grant.issued_token.at(-1)!.toJSON();
        walked.grantUsageRules = cloneJson(grant.usage_rules);
      }
      if (entry.operation.op === "createSession" || entry.operation.op === "addGrant") walked.sessionId = (result as { sessionId: string }).sessionId;
    } catch (e) {
      if (!(e instanceof SessionError)) throw e;
      if (!("error" in entry) || entry.error.code !== e.code) {
        throw new Error(`Journal entry ${i + 1} (${entry.operation.op}) does not replay as recorded (${e.code}); the workspace cannot be exported.`, { cause: e });
      }
      walked.error = e;
    }
    if (options.tokens) {
      walked.tokensAfter = tokensByGrant(manager);
      const db = Object.entries(manager.toJSON().db) as [string, { type?: string; revoked: boolean; scope?: unknown }][];
      walked.sessionKeysAfter = db.filter(([, node]) => node.type !== "grant").map(([key]) => key);
      walked.grantsAfter = new Map(db.filter(([, node]) => node.type === "grant").map(([key, node]) => [unpackSessionKey(key).at(-1)!, { revoked: node.revoked, scope: node.scope }]));
    }
    return walked;
  });
  return { entries, manager };
}

function walkLibraryEntry(engine: Engine, entry: JournalEntry, i: number, walked: WalkedEntry): void {
  const replayed = engine.apply(entry.operation, i + 1).entry;
  const same = "error" in entry ? "error" in replayed && replayed.error.code === entry.error.code : "result" in replayed && canonicalJson(replayed.result) === canonicalJson(entry.result);
  if (!same) throw new Error(`Journal entry ${i + 1} (${entry.operation.op}) does not replay as recorded; the workspace cannot be exported.`);
  if ("result" in replayed && (entry.operation.op === "createSession" || entry.operation.op === "addGrant")) walked.sessionId = (replayed.result as { sessionId: string }).sessionId;
  if ("result" in replayed && entry.operation.op === "mintToken") {
    const grant = engine.manager.getGrant((entry.operation.args as { sessionId: string }).sessionId);
    walked.token = grant.issued_token.at(-1)!.toJSON();
    walked.grantUsageRules = cloneJson(grant.usage_rules);
  }
}

/** The reason of a `minting_not_allowed` refusal, if that is what the entry failed with. */
export function mintRefusalReason(walked: WalkedEntry): string | undefined {
  return walked.error instanceof MintingNotAllowed ? walked.error.reason : undefined;
}

/** Hands out variable names: a prefix and a counter per prefix (`sid1`, `code1`, `accessToken2`). */
export class Namer {
  #counts = new Map<string, number>();
  next(prefix: string): string {
    const n = (this.#counts.get(prefix) ?? 0) + 1;
    this.#counts.set(prefix, n);
    return `${prefix}${n}`;
  }
}

const BUILTIN_TS: Record<string, string> = {
  authorization_code: "code",
  access_token: "accessToken",
  refresh_token: "refreshToken",
  id_token: "idToken",
};

/** Words of a token type name, for variable names (`"dpop-proof"` → `["dpop", "proof"]`). */
function words(type: string): string[] {
  return type
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.toLowerCase())
    .filter(Boolean);
}

/**
 * The variable prefix for a token of `type`: `code`, `accessToken`… for the built-in types; for a
 * custom type its words and `Token` (never ending in a digit, so `prefix + n` names cannot collide).
 */
export function tsTokenPrefix(type: string): string {
  if (BUILTIN_TS[type]) return BUILTIN_TS[type];
  const w = words(type).filter((x, i) => !(i === 0 && /^\d/.test(x)));
  if (w[w.length - 1] === "token") w.pop();
  const camel = w.map((x, i) => (i === 0 ? x : x[0].toUpperCase() + x.slice(1))).join("");
  return `${camel || "custom"}Token`;
}

/** As `tsTokenPrefix`, in Python's snake case: `code`, `access_token`, `dpop_proof_token`. */
export function pyTokenPrefix(type: string): string {
  if (type === "authorization_code") return "code";
  if (BUILTIN_TS[type]) return `${type}_`;
  const w = words(type).filter((x, i) => !(i === 0 && /^\d/.test(x)));
  if (w[w.length - 1] === "token") w.pop();
  return `${w.join("_") || "custom"}_token_`;
}
