/**
 * A deliberately naive reference model of the session manager (SPEC §1–§10), for model-based tests.
 * It keeps its own tree of users → clients → grants → tokens, predicts whether each operation
 * succeeds (and with which error code when it does not), and answers `tokenStatus` and
 * "which tokens descend from this one" by plain scans. It never calls the code under test.
 */

import { assertNever } from "../core/index.ts";
import { isOperationName } from "../ops/index.ts";

export type Rules = Record<string, unknown>;
/** How an operation reaches the manager: as a JSON operation (schema first) or as a direct method call. */
export type Mode = "op" | "direct";

export interface ModelToken {
  type: string;
  value: string;
  based_on: string | null;
  revoked: boolean;
  used: number;
  issued_at: number;
  not_before: number;
  expires_at: number;
  usage_rules: Rules;
  scope: string[];
}

export interface ModelGrant {
  id: string;
  revoked: boolean;
  used: number;
  issued_at: number;
  not_before: number;
  expires_at: number;
  usage_rules: Record<string, Rules>;
  scope: string[];
  tokens: ModelToken[];
}

export interface ModelClient {
  id: string;
  revoked: boolean;
  grants: ModelGrant[];
}

export interface ModelUser {
  id: string;
  revoked: boolean;
  clients: ModelClient[];
}

export interface ModelSettings {
  tokenTypes?: Record<string, Rules>;
  usagePolicy?: Record<string, Rules>;
}

export interface GrantRef {
  user: ModelUser;
  client: ModelClient;
  grant: ModelGrant;
  sessionId: string;
}

export type Prediction = { ok: true } | { ok: false; code: string };

export interface ModelStatus {
  active: boolean;
  effective: boolean;
  reasons: string[];
  warnings: string[];
}

/** SPEC §3's table, written out again so the model does not borrow the code's. */
export const MODEL_BUILTIN_TYPES: Record<string, Rules> = {
  authorization_code: { supports_minting: ["access_token", "refresh_token", "id_token"], max_usage: 1 },
  access_token: {},
  refresh_token: { supports_minting: ["access_token", "refresh_token"] },
  id_token: {},
};

const MAX = Number.MAX_SAFE_INTEGER;
const fail = (code: string): Prediction => ({ ok: false, code });
const OK: Prediction = { ok: true };

export const own = <T>(obj: Record<string, T> | undefined | null, key: string): T | undefined =>
  obj != null && Object.hasOwn(obj, key) ? obj[key] : undefined;

export const isId = (v: unknown): v is string => typeof v === "string" && v.length > 0 && !v.includes(";;");
export const isTime = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** What zod does to a record or loose object: drops an own `__proto__` key (top level only). */
export function zodStrip<T>(value: T): T {
  if (!isObject(value) || !Object.hasOwn(value, "__proto__")) return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) if (k !== "__proto__") out[k] = value[k];
  return out as T;
}

function rulesOk(rules: unknown): boolean {
  if (!isObject(rules)) return false;
  if (rules.expires_in !== undefined && !isTime(rules.expires_in)) return false;
  if (rules.max_usage !== undefined && !isTime(rules.max_usage)) return false;
  if (rules.supports_minting !== undefined && !isStringList(rules.supports_minting)) return false;
  return true;
}

function copyRules(rules: Rules | undefined): Rules {
  const out: Rules = {};
  for (const k of Object.keys(rules ?? {})) {
    const v = rules![k];
    if (v === undefined) continue;
    Object.defineProperty(out, k, { value: Array.isArray(v) ? [...v] : v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function splitScope(scope: unknown): string[] | null {
  if (typeof scope === "string") return scope.split(/\s+/).filter(Boolean);
  if (isStringList(scope)) return [...scope];
  return null;
}

/** Active on its own, as SPEC §3 defines it. */
export function itemActive(item: { revoked: boolean; not_before: number; expires_at: number }, now: number, maxReached = false): boolean {
  if (maxReached || item.revoked) return false;
  if (item.not_before && now < item.not_before) return false;
  if (item.expires_at && now > item.expires_at) return false;
  return true;
}

export function maxUsageReached(t: ModelToken): boolean {
  return typeof t.usage_rules.max_usage === "number" && t.used >= t.usage_rules.max_usage;
}

export class SessionModel {
  users: ModelUser[] = [];

  constructor(
    public now: number,
    readonly settings: ModelSettings = {},
  ) {}

  // ---- lookups -------------------------------------------------------------------------------

  grants(): GrantRef[] {
    const out: GrantRef[] = [];
    for (const user of this.users)
      for (const client of user.clients)
        for (const grant of client.grants) out.push({ user, client, grant, sessionId: `${user.id};;${client.id};;${grant.id}` });
    return out;
  }

  tokenTypeKnown(type: unknown): boolean {
    return typeof type === "string" && (own(this.settings.tokenTypes, type) !== undefined || own(MODEL_BUILTIN_TYPES, type) !== undefined);
  }

  /** Resolves a session id the way SPEC §1/§5 describes; an error code when it cannot. */
  resolve(sessionId: unknown, counts: number[], clientOnly = false): { code: string } | { user: ModelUser; client: ModelClient; grant?: ModelGrant } {
    if (typeof sessionId !== "string") return { code: "invalid_session_id" };
    const parts = sessionId.split(";;");
    if (!counts.includes(parts.length) || parts.some((p) => p.length === 0)) return { code: "invalid_session_id" };
    const user = this.users.find((u) => u.id === parts[0]);
    if (!user) return { code: "no_such_user_session" };
    const client = user.clients.find((c) => c.id === parts[1]);
    if (!client) return { code: "no_such_client_session" };
    if (parts.length === 2 || clientOnly) return { user, client };
    const grant = client.grants.find((g) => g.id === parts[2]);
    if (!grant) return { code: "no_such_grant" };
    return { user, client, grant };
  }

  grantOf(sessionId: string): ModelGrant | undefined {
    const r = this.resolve(sessionId, [3]);
    return "code" in r ? undefined : r.grant;
  }

  firstToken(grant: ModelGrant, value: unknown): ModelToken | undefined {
    return grant.tokens.find((t) => t.value === value);
  }

  parentOf(grant: ModelGrant, token: ModelToken): ModelToken | undefined {
    return token.based_on === null ? undefined : this.firstToken(grant, token.based_on);
  }

  /** Session ids whose grant holds a token with this value. */
  sessionsHolding(value: string): string[] {
    return this.grants()
      .filter((r) => r.grant.tokens.some((t) => t.value === value))
      .map((r) => r.sessionId);
  }

  // ---- the reference answers ----------------------------------------------------------------

  /** SPEC §6 `tokenStatus`, from the token's own flags, its grant, its client session and a walk up `based_on`. */
  tokenStatus(ref: GrantRef, token: ModelToken, now: number): ModelStatus {
    const reasons: string[] = [];
    if (token.revoked) reasons.push("revoked");
    if (token.expires_at !== 0 && now > token.expires_at) reasons.push("expired");
    if (token.not_before !== 0 && now < token.not_before) reasons.push("not_yet_valid");
    if (maxUsageReached(token)) reasons.push("max_usage_reached");
    if (ref.grant.revoked) reasons.push("grant_revoked");
    if (ref.grant.expires_at !== 0 && now > ref.grant.expires_at) reasons.push("grant_expired");
    if (ref.client.revoked) reasons.push("client_session_revoked");
    const own = reasons.filter((r) => ["revoked", "expired", "not_yet_valid", "max_usage_reached"].includes(r));
    const warnings: string[] = [];
    if (!token.revoked) {
      const seen = new Set<ModelToken>([token]);
      for (let p = this.parentOf(ref.grant, token); p && !seen.has(p); p = this.parentOf(ref.grant, p)) {
        if (p.revoked) {
          warnings.push("ancestor_revoked");
          break;
        }
        seen.add(p);
      }
    }
    return { active: own.length === 0, effective: reasons.length === 0, reasons, warnings };
  }

  /**
   * Every token minted from `value`, transitively, with its breadth-first level (1 = minted
   * directly from it), found by scanning all tokens until nothing changes.
   */
  descendants(grant: ModelGrant, value: string): { token: ModelToken; level: number }[] {
    const dist = new Map<string, number>([[value, 0]]);
    let changed = true;
    while (changed) {
      changed = false;
      for (const t of grant.tokens) {
        if (t.based_on === null || !dist.has(t.based_on)) continue;
        const d = dist.get(t.based_on)! + 1;
        if (t.value !== value && (!dist.has(t.value) || dist.get(t.value)! > d)) {
          dist.set(t.value, d);
          changed = true;
        }
      }
    }
    return grant.tokens
      .filter((t) => t.based_on !== null && dist.has(t.based_on))
      .map((t) => ({ token: t, level: dist.get(t.based_on!)! + 1 }));
  }

  // ---- predictions --------------------------------------------------------------------------

  /** Whether `operation` should succeed on the current state, and the error code when not. */
  predict(operation: { op: string; args: Record<string, unknown> }, mode: Mode): Prediction {
    const a = operation.args;
    const op = operation.op;
    if (!isOperationName(op)) return fail("invalid_argument");
    // Every operation is predicted: a new one is a compile error here until the model knows it.
    switch (op) {
      case "createSession":
        return this.#predictCreateSession(a, mode);
      case "addGrant":
        return this.#predictAddGrant(a, mode);
      case "mintToken":
        return this.#predictMint(a, mode);
      case "registerUsage":
      case "revokeToken": {
        if (mode === "op" && (!nonEmpty(a.sessionId) || !nonEmpty(a.value))) return fail("invalid_argument");
        const r = this.resolve(a.sessionId, [3]);
        if ("code" in r) return fail(r.code);
        return this.firstToken(r.grant!, a.value) ? OK : fail("unknown_token");
      }
      case "revokeGrant":
      case "removeSession":
      case "revokeClientSession": {
        if (mode === "op" && !nonEmpty(a.sessionId)) return fail("invalid_argument");
        // revokeClientSession reads only the user and client parts, as the reference does.
        const r = op === "revokeClientSession" ? this.resolve(a.sessionId, [2, 3], true) : this.resolve(a.sessionId, [3]);
        return "code" in r ? fail(r.code) : OK;
      }
      case "advanceClock": {
        const s = a.seconds;
        if (mode === "op" ? !(isTime(s) && s > 0) : !isTime(s)) return fail("invalid_argument");
        return this.now + (s as number) > MAX ? fail("invalid_argument") : OK;
      }
      case "setClock":
        return isTime(a.now) ? OK : fail("invalid_argument");
      case "importState":
        // The model cannot judge arbitrary snapshots; callers supply the expected outcome.
        throw new Error("importState outcomes are given by the command, not predicted");
      default:
        return assertNever(op, "operation");
    }
  }

  #predictCreateSession(a: Record<string, unknown>, mode: Mode): Prediction {
    if (!isId(a.userId)) return fail("invalid_argument");
    if (mode === "op" && a.clientId !== undefined && !isId(a.clientId)) return fail("invalid_argument");
    const authReq = mode === "op" ? zodStrip(a.authReq) : a.authReq;
    if (authReq !== undefined && authReq !== null && !isObject(authReq)) return fail("invalid_argument");
    const req = (isObject(authReq) ? authReq : {}) as Record<string, unknown>;
    const clientId = a.clientId ?? req.client_id;
    if (!isId(clientId)) return fail("invalid_argument");
    const subType = a.subType ?? "public";
    if (!["public", "pairwise", "ephemeral"].includes(subType as string)) return fail("invalid_argument");
    if (subType === "pairwise") {
      const sector = a.sectorIdentifier ?? req.sector_identifier_uri;
      if (typeof sector !== "string" || sector.length === 0) return fail("invalid_argument");
    }
    if (splitScope(a.scopes ?? req.scope ?? []) === null) return fail("invalid_argument");
    const resource = req.resource;
    if (resource !== undefined && typeof resource !== "string" && !isStringList(resource)) return fail("invalid_argument");
    if (req.claims !== undefined && req.claims !== null && !isObject(req.claims)) return fail("invalid_argument");
    const rules = mode === "op" ? zodStrip(a.tokenUsageRules) : a.tokenUsageRules;
    if (rules !== undefined) {
      if (!isObject(rules)) return fail("invalid_argument");
      for (const k of Object.keys(rules)) if (!rulesOk(rules[k])) return fail("invalid_argument");
    }
    return OK;
  }

  #predictAddGrant(a: Record<string, unknown>, mode: Mode): Prediction {
    if (!isId(a.userId) || !isId(a.clientId)) return fail("invalid_argument");
    const g = mode === "op" ? zodStrip(a.grant) : a.grant;
    if (!isObject(g)) return fail("invalid_argument");
    const allowed = ["scope", "claims", "resources", "authorization_details", "authorization_request", "authentication_event", "usage_rules", "issued_at", "expires_in", "expires_at", "not_before", "revoked", "sub"];
    if (Object.keys(g).some((k) => !allowed.includes(k))) return fail("invalid_argument");
    for (const k of ["issued_at", "expires_in", "expires_at", "not_before"]) if (g[k] !== undefined && !isTime(g[k])) return fail("invalid_argument");
    if (g.revoked !== undefined && typeof g.revoked !== "boolean") return fail("invalid_argument");
    if (g.scope !== undefined && !isStringList(g.scope)) return fail("invalid_argument");
    if (g.resources !== undefined && !isStringList(g.resources)) return fail("invalid_argument");
    if (g.claims !== undefined && !isObject(g.claims)) return fail("invalid_argument");
    for (const k of ["authorization_request", "authentication_event"]) if (g[k] != null && !isObject(g[k])) return fail("invalid_argument");
    if (g.sub !== undefined && typeof g.sub !== "string") return fail("invalid_argument");
    if (g.usage_rules !== undefined) {
      if (!isObject(g.usage_rules)) return fail("invalid_argument");
      for (const k of Object.keys(g.usage_rules)) if (!rulesOk(g.usage_rules[k])) return fail("invalid_argument");
    }
    const times = this.#grantTimes(g);
    if (!isTime(times.expires_at)) return fail("invalid_argument");
    return OK;
  }

  #predictMint(a: Record<string, unknown>, mode: Mode): Prediction {
    const { sessionId, type, value, basedOn } = a;
    if (mode === "op") {
      if (!nonEmpty(sessionId) || !nonEmpty(type)) return fail("invalid_argument");
      if (value !== undefined && !nonEmpty(value)) return fail("invalid_argument");
      if (basedOn !== undefined && !nonEmpty(basedOn)) return fail("invalid_argument");
      if (!this.#mintFieldsOk(a)) return fail("invalid_argument");
    }
    const r = this.resolve(sessionId, [3]);
    if ("code" in r) return fail(r.code);
    const grant = r.grant!;
    let parent: ModelToken | undefined;
    if (basedOn !== undefined) {
      parent = this.firstToken(grant, basedOn);
      if (!parent) return fail("unknown_token");
    }
    if (!this.tokenTypeKnown(type)) return fail("unknown_token_type");
    if (value !== undefined && !nonEmpty(value)) return fail("invalid_argument");
    if (!itemActive(grant, this.now)) return fail("minting_not_allowed");
    if (parent) {
      const sm = parent.usage_rules.supports_minting;
      if (!(Array.isArray(sm) && sm.includes(type))) return fail("minting_not_allowed");
      if (!itemActive(parent, this.now, maxUsageReached(parent))) return fail("minting_not_allowed");
    }
    if (!this.#mintFieldsOk(a)) return fail("invalid_argument");
    const { expires_at } = this.#tokenTimes(grant, a);
    if (!isTime(expires_at)) return fail("invalid_argument");
    return OK;
  }

  #mintFieldsOk(a: Record<string, unknown>): boolean {
    for (const k of ["expiresIn", "expiresAt", "notBefore"]) if (a[k] !== undefined && !isTime(a[k])) return false;
    if (a.scope !== undefined && !isStringList(a.scope)) return false;
    if (a.resources !== undefined && !isStringList(a.resources)) return false;
    if (a.claims !== undefined && !isObject(a.claims)) return false;
    if (a.usageRules !== undefined && !rulesOk(a.usageRules)) return false;
    return true;
  }

  #grantTimes(g: Record<string, unknown>): { issued_at: number; expires_at: number; not_before: number } {
    const issued_at = (g.issued_at as number) || this.now;
    const expires_at = (g.expires_at as number) || (g.expires_in !== undefined ? issued_at + (g.expires_in as number) : 0);
    return { issued_at, expires_at, not_before: (g.not_before as number) ?? 0 };
  }

  #tokenRules(grant: ModelGrant, type: string, given: unknown): Rules {
    const base = (given as Rules | undefined) ?? own(grant.usage_rules, type) ?? own(this.settings.usagePolicy, type) ?? {};
    const out = copyRules(base);
    const defaults = own(this.settings.tokenTypes, type) ?? own(MODEL_BUILTIN_TYPES, type) ?? {};
    for (const k of Object.keys(defaults)) if (out[k] === undefined) out[k] = Array.isArray(defaults[k]) ? [...(defaults[k] as unknown[])] : defaults[k];
    if (type === "authorization_code") out.max_usage = 1;
    return out;
  }

  #tokenTimes(grant: ModelGrant, a: Record<string, unknown>): { issued_at: number; expires_at: number } {
    const issued_at = this.now;
    const rules = this.#tokenRules(grant, a.type as string, a.usageRules);
    let expires_at = 0;
    if (a.expiresAt) expires_at = a.expiresAt as number;
    else if (a.expiresIn !== undefined) expires_at = issued_at + (a.expiresIn as number);
    else if (typeof rules.expires_in === "number") expires_at = issued_at + rules.expires_in;
    return { issued_at, expires_at };
  }

  // ---- effects of successful operations -------------------------------------------------------

  #ensureClient(userId: string, clientId: string): ModelClient {
    let user = this.users.find((u) => u.id === userId);
    if (!user) this.users.push((user = { id: userId, revoked: false, clients: [] }));
    let client = user.clients.find((c) => c.id === clientId);
    if (!client) user.clients.push((client = { id: clientId, revoked: false, grants: [] }));
    return client;
  }

  /** Applies a successful operation, given its result. */
  commit(operation: { op: string; args: Record<string, unknown> }, result: Record<string, unknown>, mode: Mode): void {
    const a = operation.args;
    const op = operation.op;
    if (!isOperationName(op)) throw new Error(`a refused operation (${JSON.stringify(op)}) is not committed`);
    switch (op) {
      case "createSession": {
        const authReq = (mode === "op" ? zodStrip(a.authReq) : a.authReq) as Record<string, unknown> | null | undefined;
        const req = isObject(authReq) ? authReq : {};
        const clientId = (a.clientId ?? req.client_id) as string;
        const grantId = (result.sessionId as string).split(";;")[2];
        const rules = (mode === "op" ? zodStrip(a.tokenUsageRules) : a.tokenUsageRules) as Record<string, Rules> | undefined;
        const usage_rules: Record<string, Rules> = {};
        for (const k of Object.keys(rules ?? {})) usage_rules[k] = copyRules(rules![k]);
        this.#ensureClient(a.userId as string, clientId).grants.push({
          id: grantId, revoked: false, used: 0, issued_at: this.now, not_before: 0, expires_at: 0, usage_rules,
          scope: splitScope(a.scopes ?? req.scope ?? [])!, tokens: [],
        });
        return;
      }
      case "addGrant": {
        const g = (mode === "op" ? zodStrip(a.grant) : a.grant) as Record<string, unknown>;
        const times = this.#grantTimes(g);
        const usage_rules: Record<string, Rules> = {};
        const rules = (g.usage_rules ?? {}) as Record<string, Rules>;
        for (const k of Object.keys(rules)) usage_rules[k] = copyRules(rules[k]);
        this.#ensureClient(a.userId as string, a.clientId as string).grants.push({
          id: result.grantId as string, revoked: g.revoked === true, used: 0, ...times, usage_rules,
          scope: (g.scope as string[] | undefined) ?? [], tokens: [],
        });
        return;
      }
      case "mintToken": {
        const grant = this.grantOf(a.sessionId as string)!;
        const parent = a.basedOn === undefined ? undefined : this.firstToken(grant, a.basedOn);
        const { issued_at, expires_at } = this.#tokenTimes(grant, a);
        let scope = a.scope as string[] | undefined;
        if (!scope) {
          const seen = new Set<ModelToken>();
          for (let t = parent; t && !seen.has(t); t = this.parentOf(grant, t)) {
            if (t.scope.length) {
              scope = t.scope;
              break;
            }
            seen.add(t);
          }
        }
        grant.tokens.push({
          type: a.type as string, value: result.value as string, based_on: parent ? parent.value : null, revoked: false, used: 0,
          issued_at, expires_at, not_before: (a.notBefore as number) ?? 0,
          usage_rules: this.#tokenRules(grant, a.type as string, mode === "op" ? zodStrip(a.usageRules) : a.usageRules),
          scope: [...(scope ?? grant.scope)],
        });
        grant.used += 1;
        return;
      }
      case "registerUsage":
        this.firstToken(this.grantOf(a.sessionId as string)!, a.value)!.used += 1;
        return;
      case "revokeToken": {
        const grant = this.grantOf(a.sessionId as string)!;
        this.firstToken(grant, a.value)!.revoked = true;
        if (a.recursive === true) for (const d of this.descendants(grant, a.value as string)) d.token.revoked = true;
        return;
      }
      case "revokeGrant":
        this.grantOf(a.sessionId as string)!.revoked = true;
        return;
      case "revokeClientSession": {
        const r = this.resolve(a.sessionId, [2, 3], true) as { client: ModelClient };
        r.client.revoked = true;
        for (const g of r.client.grants) g.revoked = true;
        return;
      }
      case "removeSession": {
        const r = this.resolve(a.sessionId, [3]) as { user: ModelUser; client: ModelClient; grant: ModelGrant };
        r.client.grants = r.client.grants.filter((g) => g !== r.grant);
        if (r.client.grants.length === 0) r.user.clients = r.user.clients.filter((c) => c !== r.client);
        if (r.user.clients.length === 0) this.users = this.users.filter((u) => u !== r.user);
        return;
      }
      case "advanceClock":
        this.now += a.seconds as number;
        return;
      case "setClock":
        this.now = a.now as number;
        return;
      case "importState":
        this.users = modelTreeFromSnapshot(a.snapshot as { db: Record<string, SnapshotNode> });
        return;
      default:
        assertNever(op, "operation");
    }
  }
}

function nonEmpty(v: unknown): v is string {
  return typeof v === "string" && v.length > 0;
}

type SnapshotNode = Record<string, unknown> & { type: string; subordinate?: string[] };

/** The model tree of a snapshot that is known to be valid (used after `importState`). */
export function modelTreeFromSnapshot(snapshot: { db: Record<string, SnapshotNode> }): ModelUser[] {
  const db = snapshot.db;
  const users: ModelUser[] = [];
  for (const key of Object.keys(db)) {
    if (key.includes(";;")) continue;
    const u = db[key];
    users.push({
      id: key,
      revoked: u.revoked === true,
      clients: (u.subordinate ?? []).map((cid) => {
        const c = db[`${key};;${cid}`];
        return {
          id: cid,
          revoked: c.revoked === true,
          grants: (c.subordinate ?? []).map((gid) => {
            const g = db[`${key};;${cid};;${gid}`] as Record<string, unknown>;
            return {
              id: gid, revoked: g.revoked as boolean, used: g.used as number, issued_at: g.issued_at as number,
              not_before: g.not_before as number, expires_at: g.expires_at as number,
              usage_rules: Object.fromEntries(Object.entries(g.usage_rules as Record<string, Rules>).map(([k, r]) => [k, copyRules(r)])), scope: [...(g.scope as string[])],
              tokens: (g.issued_token as ModelToken[]).map((t) => ({
                type: t.type, value: t.value, based_on: t.based_on, revoked: t.revoked, used: t.used, issued_at: t.issued_at,
                not_before: t.not_before, expires_at: t.expires_at, usage_rules: copyRules(t.usage_rules), scope: [...t.scope],
              })),
            };
          }),
        };
      }),
    });
  }
  return users;
}
