// Runs playground operations under a library profile: each operation becomes the library call the
// oracle traces' README names (fixtures/oracle-traces/README.md, "How each operation becomes a
// library call"), with the same arguments, and its outcome is given as the traces give it.
import { unpackSessionKey } from "../../core/index.ts";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import type { LibraryProfile } from "../../core/profiles/library-profiles.ts";
import { encodeValue, normalizeState } from "../../core/profiles/normalize.ts";
import { PyError, type Dict, type PyToken } from "../../core/profiles/python-objects.ts";
import type { PyMintArgs, PythonSessionManager } from "../../core/profiles/python-session-manager.ts";

export type TraceOutcome =
  | { kind: "returned"; value: unknown }
  | { kind: "returned_none" }
  | { kind: "raised"; exception: string; message: string }
  | { kind: "not_run"; reason: string };

export interface ReplayedStep {
  seq: number;
  outcome: TraceOutcome;
  state: { clock: number; db: Record<string, unknown> };
}

/** The library call an operation became: `target.method(*args, **kwargs)`, with Python values as JSON. */
export interface LibraryCall {
  target: "session_manager" | "grant" | "token" | "clock";
  method: string;
  /** The session id the call addresses (`SID[...]`), when it addresses one. */
  sessionId?: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
}

export interface LibraryStepResult {
  outcome: TraceOutcome;
  call: LibraryCall | null;
  /** The call's Python return value itself (a token, a grant, a session id), or the token a registerUsage used. */
  raw: unknown;
}

class NotRun extends Error {}

const MESSAGE_CLASSES: Record<string, string> = { authentication_event: "AuthnEvent", authorization_request: "AuthorizationRequest" };
const messageClass = (key: string) => MESSAGE_CLASSES[key];
const copy = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

export interface LibraryRunOptions {
  startTime: number;
  salt: string;
  /** Default usage rules per token type (the workspace's `usagePolicy`, the trace's `token_usage_rules`). */
  usagePolicy?: Record<string, Dict>;
  /** Where ephemeral subjects come from (uuid4().hex in the library; random there, so only their form matters). */
  ephemeral?: () => string;
}

/** One library session manager, driven by playground operations. */
export class LibraryRun {
  #now: number;
  #creates: string | null = null;
  #unplanned = 0;
  #ephemeral = 0;
  readonly sm: PythonSessionManager;
  readonly usagePolicy: Record<string, Dict>;
  /** Grant symbol → the session id the library returned for it. */
  readonly sids = new Map<string, string>();

  constructor(
    readonly profile: LibraryProfile,
    options: LibraryRunOptions,
  ) {
    this.#now = options.startTime;
    this.usagePolicy = options.usagePolicy ?? {};
    this.sm = profile.create({
      now: () => this.#now,
      salt: options.salt,
      ephemeral: options.ephemeral ?? (() => bytesToHex(sha256(new TextEncoder().encode(`ephemeral-${++this.#ephemeral}`))).slice(0, 32)),
      nextGrantId: () => this.#creates ?? `gx${++this.#unplanned}`,
    });
  }

  get now(): number {
    return this.#now;
  }

  /** The whole database in the traces' normalized form. */
  state(): { clock: number; db: Record<string, unknown> } {
    return normalizeState(this.sm);
  }

  /**
   * Runs one operation (or a `{ op: "query", method, args }` look-up). `creates` is the id the
   * grant it makes gets (the trace's symbol, or the playground's grant id when a journal is
   * replayed under a library).
   */
  apply(operation: { op: string; args?: unknown; method?: string }, creates: string | null = null): LibraryStepResult {
    this.#creates = creates;
    this.#call = null;
    this.#raw = undefined;
    let outcome: TraceOutcome;
    try {
      outcome = this.#apply(operation);
    } catch (e) {
      if (e instanceof PyError) outcome = { kind: "raised", exception: e.pyClass, message: e.message };
      else if (e instanceof NotRun) outcome = { kind: "not_run", reason: e.message };
      else throw e;
    }
    return { outcome, call: this.#call, raw: this.#raw };
  }

  #call: LibraryCall | null = null;
  #raw: unknown;

  #record(call: LibraryCall): void {
    this.#call = call;
  }

  #sid(sessionId: string): string {
    const parts = unpackSessionKey(sessionId);
    if (parts.length !== 3) return sessionId;
    const sid = this.sids.get(parts[2]!);
    if (sid === undefined) throw new NotRun(`grant ${parts[2]} was never created in ${this.profile.library}`);
    return sid;
  }

  #returned(v: unknown): TraceOutcome {
    this.#raw = v;
    if (v === null || v === undefined) return { kind: "returned_none" };
    return { kind: "returned", value: encodeValue(v, this.#now, messageClass) };
  }

  #apply(operation: { op: string; args?: unknown; method?: string }): TraceOutcome {
    const sm = this.sm;
    const { op } = operation;
    // The library keeps what it is given by reference: each step gets its own copy of the journal's arguments.
    const a = copy(operation.args ?? {}) as Dict;
    switch (op) {
      case "createSession": {
        let authReq = (a.authReq ?? null) as Dict | null;
        if (authReq && a.sectorIdentifier !== undefined) authReq = { ...authReq, sector_identifier_uri: a.sectorIdentifier };
        const kwargs = {
          authn_event: (a.authnEvent ?? null) as Dict | null,
          auth_req: authReq,
          user_id: a.userId as string,
          ...(a.clientId !== undefined ? { client_id: a.clientId as string } : {}),
          ...(a.subType !== undefined ? { sub_type: a.subType as string } : {}),
          ...(a.tokenUsageRules !== undefined ? { token_usage_rules: copy(a.tokenUsageRules) as Dict } : {}),
          ...(a.scopes !== undefined ? { scopes: copy(a.scopes) } : {}),
        };
        this.#record({ target: "session_manager", method: "create_session", args: [], kwargs: copy(kwargs) });
        const sid = sm.createSession({
          authn_event: (a.authnEvent ?? null) as Dict | null,
          auth_req: authReq,
          user_id: a.userId as string,
          client_id: a.clientId as string | undefined,
          sub_type: a.subType as string | undefined,
          token_usage_rules: a.tokenUsageRules as Dict | undefined,
          scopes: a.scopes,
        });
        this.#created(sid);
        return this.#returned(sid);
      }
      case "addGrant": {
        this.#record({ target: "session_manager", method: "add_grant", args: [a.userId, a.clientId], kwargs: copy(a.grant as Dict) });
        const { sessionId, returned } = sm.addGrant(a.userId as string, a.clientId as string, a.grant as Dict);
        this.#created(sessionId);
        return this.#returned(returned);
      }
      case "mintToken": {
        const sid = this.#sid(a.sessionId as string);
        const grant = sm.lookup(sid);
        let basedOn: PyToken | null = null;
        if (a.basedOn !== undefined) {
          basedOn = sm.findToken(sid, a.basedOn as string);
          if (basedOn === null) throw new NotRun(`find_token found no ${String(a.basedOn)}`);
        }
        const type = a.type as string;
        const mint: PyMintArgs = { token_class: type, value: a.value as string, based_on: basedOn };
        // usage_rules=: the mint's own; nothing when the grant has rules for the type (the library
        // takes them); else a copy of the policy's. expires_in= from the rules that apply.
        const grantRules = "usage_rules" in grant && typeof grant.usage_rules === "object" && grant.usage_rules !== null && Object.hasOwn(grant.usage_rules, type)
          ? (grant.usage_rules[type] as Dict)
          : undefined;
        let rules: Dict | undefined;
        if (a.usageRules !== undefined) mint.usage_rules = rules = a.usageRules as Dict;
        else if (grantRules !== undefined) rules = grantRules;
        else if (Object.hasOwn(this.usagePolicy, type)) mint.usage_rules = rules = copy(this.usagePolicy[type]);
        if (a.expiresIn !== undefined) mint.expires_in = a.expiresIn as number;
        else if (rules && typeof rules === "object" && Object.hasOwn(rules, "expires_in")) mint.expires_in = rules.expires_in as number;
        if (a.expiresAt !== undefined) mint.expires_at = a.expiresAt as number;
        if (a.notBefore !== undefined) mint.not_before = a.notBefore as number;
        if (a.scope !== undefined) mint.scope = a.scope;
        if (a.claims !== undefined) mint.claims = a.claims as Dict;
        if (a.resources !== undefined) mint.resources = a.resources as string[];
        const { based_on: _b, token_class, value, ...rest } = mint;
        this.#record({
          target: "grant",
          method: "mint_token",
          sessionId: sid,
          args: [],
          kwargs: { token_class, value, ...(a.basedOn !== undefined ? { based_on: a.basedOn } : {}), ...copy(rest) },
        });
        return this.#returned(sm.mintToken(grant, sid, mint));
      }
      case "registerUsage": {
        const sid = this.#sid(a.sessionId as string);
        this.#record({ target: "token", method: "register_usage", sessionId: sid, args: [a.value], kwargs: {} });
        const token = sm.findToken(sid, a.value as string);
        if (token === null) throw new NotRun(`find_token found no ${String(a.value)}`);
        token.used += 1;
        this.#raw = token;
        return { kind: "returned_none" };
      }
      case "revokeToken":
        this.#record({ target: "session_manager", method: "revoke_token", sessionId: this.#sid(a.sessionId as string), args: [a.value], kwargs: a.recursive !== undefined ? { recursive: a.recursive } : {} });
        sm.revokeToken(this.#sid(a.sessionId as string), a.value as string, a.recursive as boolean | undefined);
        return { kind: "returned_none" };
      case "revokeGrant":
        this.#record({ target: "session_manager", method: "revoke_grant", sessionId: this.#sid(a.sessionId as string), args: [], kwargs: {} });
        sm.revokeGrant(this.#sid(a.sessionId as string));
        return { kind: "returned_none" };
      case "revokeClientSession":
        this.#record({ target: "session_manager", method: "revoke_client_session", sessionId: this.#sid(a.sessionId as string), args: [], kwargs: {} });
        sm.revokeClientSession(this.#sid(a.sessionId as string));
        return { kind: "returned_none" };
      case "removeSession":
        this.#record({ target: "session_manager", method: "remove_session", sessionId: this.#sid(a.sessionId as string), args: [], kwargs: {} });
        sm.removeSession(this.#sid(a.sessionId as string));
        return { kind: "returned_none" };
      case "advanceClock":
        this.#record({ target: "clock", method: "advance", args: [a.seconds], kwargs: {} });
        this.#now += a.seconds as number;
        return { kind: "returned", value: { now: this.#now } };
      case "setClock":
        this.#record({ target: "clock", method: "set", args: [a.now], kwargs: {} });
        this.#now = a.now as number;
        return { kind: "returned", value: { now: this.#now } };
      case "query":
        this.#record({ target: "session_manager", method: operation.method ?? "", args: copy((operation.args ?? []) as unknown[]), kwargs: {} });
        return this.#query(operation.method ?? "", copy((operation.args ?? []) as unknown[]));
      default:
        throw new Error(`the trace has an operation this replay does not know: ${op}`);
    }
  }

  #created(sessionId: string): void {
    const symbol = unpackSessionKey(sessionId)[2];
    if (symbol !== undefined) this.sids.set(symbol, sessionId);
  }

  #query(method: string, args: unknown[]): TraceOutcome {
    const sm = this.sm;
    switch (method) {
      case "getSessionInfo": {
        const f = (args[1] ?? {}) as Record<string, boolean>;
        return this.#returned(
          sm.getSessionInfo(this.#sid(args[0] as string), {
            user_session_info: f.userSessionInfo,
            client_session_info: f.clientSessionInfo,
            grant: f.grant,
            authentication_event: f.authenticationEvent,
            authorization_request: f.authorizationRequest,
          }),
        );
      }
      case "getSessionInfoByToken":
        return sm.getSessionInfoByToken(args[0] as string);
      case "findToken":
        return this.#returned(sm.findToken(this.#sid(args[0] as string), args[1] as string));
      case "getClientSessionInfo":
        return this.#returned(sm.getClientSessionInfo(this.#sid(args[0] as string)));
      case "getUserSessionInfo":
        return this.#returned(sm.getUserSessionInfo(this.#sid(args[0] as string)));
      case "getAuthenticationEvent": {
        const ev = sm.getAuthenticationEvent(this.#sid(args[0] as string));
        return ev === null || ev === undefined ? { kind: "returned_none" } : { kind: "returned", value: { class: "AuthnEvent", value: copy(ev) } };
      }
      case "grants": {
        const { userId, clientId } = args[0] as { userId: string; clientId: string };
        return this.#returned(sm.grants(userId, clientId));
      }
      case "getSidsByUserId":
        return sm.getSidsByUserId();
      default:
        throw new Error(`the trace has a query this replay does not know: ${method}`);
    }
  }
}
