// Replays an oracle trace (fixtures/oracle-traces/README.md) under its library's profile and
// gives, per step, the outcome and the whole database in the trace's normalized form. Each
// operation becomes the library call the README's table names, with the same arguments.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { profileOfLibrary, type LibraryProfile } from "../../core/profiles/library-profiles.ts";
import { encodeValue, normalizeState } from "../../core/profiles/normalize.ts";
import { PyError, type Dict, type PyToken } from "../../core/profiles/python-objects.ts";
import type { PyMintArgs, PythonSessionManager } from "../../core/profiles/python-session-manager.ts";

export type TraceOutcome =
  | { kind: "returned"; value: unknown }
  | { kind: "returned_none" }
  | { kind: "raised"; exception: string; message: string }
  | { kind: "not_run"; reason: string };

export interface TraceStep {
  seq: number;
  operation: { op: string; args?: unknown; method?: string };
  creates?: string | null;
  outcome: TraceOutcome;
  state: { clock: number; db: Record<string, unknown> };
}

export interface OracleTrace {
  format: "oidc-session-oracle-trace";
  version: 1;
  library: { name: string; version: string; commit?: string };
  seed: number | string;
  salt: string;
  start_time: number;
  token_usage_rules: Record<string, Dict>;
  steps: TraceStep[];
}

export interface ReplayedStep {
  seq: number;
  outcome: TraceOutcome;
  state: { clock: number; db: Record<string, unknown> };
}

class NotRun extends Error {}

const MESSAGE_CLASSES: Record<string, string> = { authentication_event: "AuthnEvent", authorization_request: "AuthorizationRequest" };
const messageClass = (key: string) => MESSAGE_CLASSES[key];
const copy = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

/** Replays `trace` under the profile of its library. */
export function replayOracleTrace(trace: OracleTrace): { steps: ReplayedStep[] } {
  const profile = profileOfLibrary(trace.library.name);
  if (!profile) throw new Error(`no library profile for ${JSON.stringify(trace.library.name)}: use idpy-oidc or oidc-op`);
  return { steps: new TraceReplay(profile, trace).run() };
}

class TraceReplay {
  #now: number;
  #creates: string | null = null;
  #unplanned = 0;
  #ephemeral = 0;
  readonly sm: PythonSessionManager;
  /** Grant symbol → the session id the library returned for it. */
  readonly sids = new Map<string, string>();

  constructor(
    readonly profile: LibraryProfile,
    readonly trace: OracleTrace,
  ) {
    this.#now = trace.start_time;
    this.sm = profile.create({
      now: () => this.#now,
      salt: trace.salt,
      // uuid4().hex: random in the library; only its form is compared.
      ephemeral: () => bytesToHex(sha256(new TextEncoder().encode(`ephemeral-${++this.#ephemeral}`))).slice(0, 32),
      nextGrantId: () => this.#creates ?? `gx${++this.#unplanned}`,
    });
  }

  run(): ReplayedStep[] {
    return this.trace.steps.map((step) => {
      this.#creates = step.creates ?? null;
      let outcome: TraceOutcome;
      try {
        outcome = this.#apply(step);
      } catch (e) {
        if (e instanceof PyError) outcome = { kind: "raised", exception: e.pyClass, message: e.message };
        else if (e instanceof NotRun) outcome = { kind: "not_run", reason: e.message };
        else throw e;
      }
      return { seq: step.seq, outcome, state: normalizeState(this.sm) };
    });
  }

  #sid(sessionId: string): string {
    const parts = sessionId.split(";;");
    if (parts.length !== 3) return sessionId;
    const sid = this.sids.get(parts[2]!);
    if (sid === undefined) throw new NotRun(`grant ${parts[2]} was never created in ${this.profile.library}`);
    return sid;
  }

  #returned(v: unknown): TraceOutcome {
    if (v === null || v === undefined) return { kind: "returned_none" };
    return { kind: "returned", value: encodeValue(v, this.#now, messageClass) };
  }

  #apply(step: TraceStep): TraceOutcome {
    const sm = this.sm;
    const { op } = step.operation;
    // The library keeps what it is given by reference: each step gets its own copy of the journal's arguments.
    const a = copy(step.operation.args ?? {}) as Dict;
    switch (op) {
      case "createSession": {
        let authReq = (a.authReq ?? null) as Dict | null;
        if (authReq && a.sectorIdentifier !== undefined) authReq = { ...authReq, sector_identifier_uri: a.sectorIdentifier };
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
        else if (Object.hasOwn(this.trace.token_usage_rules, type)) mint.usage_rules = rules = copy(this.trace.token_usage_rules[type]);
        if (a.expiresIn !== undefined) mint.expires_in = a.expiresIn as number;
        else if (rules && typeof rules === "object" && Object.hasOwn(rules, "expires_in")) mint.expires_in = rules.expires_in as number;
        if (a.expiresAt !== undefined) mint.expires_at = a.expiresAt as number;
        if (a.notBefore !== undefined) mint.not_before = a.notBefore as number;
        if (a.scope !== undefined) mint.scope = a.scope;
        if (a.claims !== undefined) mint.claims = a.claims as Dict;
        if (a.resources !== undefined) mint.resources = a.resources as string[];
        return this.#returned(sm.mintToken(grant, sid, mint));
      }
      case "registerUsage": {
        const token = sm.findToken(this.#sid(a.sessionId as string), a.value as string);
        if (token === null) throw new NotRun(`find_token found no ${String(a.value)}`);
        token.used += 1;
        return { kind: "returned_none" };
      }
      case "revokeToken":
        sm.revokeToken(this.#sid(a.sessionId as string), a.value as string, a.recursive as boolean | undefined);
        return { kind: "returned_none" };
      case "revokeGrant":
        sm.revokeGrant(this.#sid(a.sessionId as string));
        return { kind: "returned_none" };
      case "revokeClientSession":
        sm.revokeClientSession(this.#sid(a.sessionId as string));
        return { kind: "returned_none" };
      case "removeSession":
        sm.removeSession(this.#sid(a.sessionId as string));
        return { kind: "returned_none" };
      case "advanceClock":
        this.#now += a.seconds as number;
        return { kind: "returned", value: { now: this.#now } };
      case "setClock":
        this.#now = a.now as number;
        return { kind: "returned", value: { now: this.#now } };
      case "query":
        return this.#query(step.operation.method ?? "", copy((step.operation.args ?? []) as unknown[]));
      default:
        throw new Error(`the trace has an operation this replay does not know: ${op}`);
    }
  }

  #created(sessionId: string): void {
    const symbol = sessionId.split(";;")[2];
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
