import { createVirtualClock, isVirtualClock, systemClock, type Clock } from "./clock.ts";
import { Database, type SessionNode } from "./database.ts";
import { AmbiguousToken, InvalidArgument, UnknownToken, type Problem } from "./errors.ts";
import { checkGrantFields, defaultTokenValue, Grant, GRANT_FIELD_NAMES, type AuthnEvent, type GrantFields, type MintOptions } from "./grant.ts";
import { defineKey, isObjectArg, isPlainObject } from "./json.ts";
import { assertId, DIVIDER, parseSessionId, sessionKey } from "./keys.ts";
import { createSeededRandom, randomSeed, restoreSeededRandom, type Random, type SeededRandom } from "./random.ts";
import { ClientSessionInfo, UserSessionInfo } from "./session-info.ts";
import { parseSnapshot, type ManagerSnapshot } from "./snapshot.ts";
import { pairwiseId, publicId, type SubjectFunction } from "./subject.ts";
import type { SessionToken } from "./token.ts";
import { tokenStatusOf, type TokenStatus } from "./token-status.ts";
import { BUILTIN_TOKEN_TYPES, copyRules, type TokenMap, type UsageRules } from "./usage-rules.ts";

export interface SessionManagerOptions {
  clock?: Clock;
  random?: Random;
  salt?: string;
  subjectFunctions?: Record<string, SubjectFunction>;
  /** Default usage rules per token type for tokens minted in this manager (below a grant's own). */
  usagePolicy?: Record<string, UsageRules>;
  /** Custom token types and their construction defaults, added to the four built-in types. */
  tokenTypes?: TokenMap;
}

export interface CreateSessionArgs {
  authnEvent?: AuthnEvent | null;
  authReq?: Record<string, unknown> | null;
  userId: string;
  clientId?: string;
  subType?: string;
  sectorIdentifier?: string;
  tokenUsageRules?: Record<string, UsageRules>;
  scopes?: string[] | string;
}

/** `mintToken` options at the manager level: `basedOn` is the parent token's value. */
export interface ManagerMintOptions extends Omit<MintOptions, "basedOn"> {
  basedOn?: string;
}

export interface SessionInfoFlags {
  userSessionInfo?: boolean;
  clientSessionInfo?: boolean;
  grant?: boolean;
  authenticationEvent?: boolean;
  authorizationRequest?: boolean;
}

export interface SessionInfo {
  session_id: string;
  user_id: string;
  client_id: string;
  grant_id: string;
  user_session_info?: UserSessionInfo;
  client_session_info?: ClientSessionInfo;
  grant?: Grant;
  authentication_event?: AuthnEvent | null;
  authorization_request?: Record<string, unknown> | null;
}

type ClientSelector = { sessionId: string } | { userId: string; clientId: string };

const BUILTIN_SUB_TYPES = ["public", "pairwise", "ephemeral"];

/**
 * The session manager of an OpenID Provider: a tree of user sessions, client sessions and grants,
 * with the tokens issued under each grant. Time and randomness are injected, so the same seed,
 * start time and calls give byte-identical state.
 */
export class SessionManager extends Database {
  readonly clock: Clock;
  readonly random: Random;
  #salt: string;
  readonly subjectFunctions: Record<string, SubjectFunction>;
  readonly usagePolicy: Record<string, UsageRules>;
  readonly tokenTypes: TokenMap;
  /** token value → the session id of each token with that value (one entry per token). */
  #valueIndex = new Map<string, string[]>();
  /** session id → its three parts, so lookups by token need not split strings. */
  #sessionParts = new Map<string, [string, string, string]>();

  constructor(options: SessionManagerOptions = {}) {
    super();
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? createSeededRandom(randomSeed());
    this.subjectFunctions = { ...(options.subjectFunctions ?? {}) };
    this.usagePolicy = cloneRulesMap(options.usagePolicy);
    this.tokenTypes = cloneRulesMap(options.tokenTypes);
    this.#salt = options.salt ?? this.random.hex(32);
  }

  /** The salt subject identifiers are hashed with. */
  get salt(): string {
    return this.#salt;
  }

  // ---- value index -------------------------------------------------------------------------

  protected override onStore(key: string, node: SessionNode, previous: SessionNode | undefined): void {
    if (previous instanceof Grant && previous !== node) this.#unindexGrant(key, previous);
    if (node instanceof Grant && previous !== node) {
      this.#sessionParts.set(key, key.split(DIVIDER) as [string, string, string]);
      for (const t of node.issued_token) this.#indexValue(t.value, key);
      node.onMint((token) => this.#indexValue(token.value, key));
    }
  }

  protected override onRemove(key: string, node: SessionNode): void {
    if (node instanceof Grant) {
      this.#unindexGrant(key, node);
      this.#sessionParts.delete(key);
    }
  }

  #unindexGrant(key: string, grant: Grant): void {
    grant.onMint(undefined);
    for (const t of grant.issued_token) {
      const sessions = this.#valueIndex.get(t.value);
      const i = sessions ? sessions.indexOf(key) : -1;
      if (i < 0) continue;
      sessions!.splice(i, 1);
      if (sessions!.length === 0) this.#valueIndex.delete(t.value);
    }
  }

  #indexValue(value: string, key: string): void {
    const sessions = this.#valueIndex.get(value);
    if (sessions) sessions.push(key);
    else this.#valueIndex.set(value, [key]);
  }

  #grantOptions() {
    return {
      clock: this.clock,
      random: this.random,
      tokenMap: this.tokenTypes,
      usagePolicy: this.usagePolicy,
      generateValue: (type: string) => defaultTokenValue(this.random, type),
    };
  }

  // ---- sessions ----------------------------------------------------------------------------

  /**
   * Creates a grant for `userId` at `clientId` (default `authReq.client_id`), making the user and
   * client sessions only if missing. Returns the session id `user;;client;;grant`.
   */
  createSession(args: CreateSessionArgs): string {
    if (!isPlainObject(args)) throw new InvalidArgument("createSession takes one object: { authnEvent, authReq, userId, clientId?, subType?, … }.");
    const { authnEvent = null, authReq = null, userId, subType = "public", sectorIdentifier, tokenUsageRules, scopes } = args;
    const problems: Problem[] = [];
    const tryId = (value: unknown, name: string) => {
      try {
        assertId(value, name);
      } catch (e) {
        problems.push(...(e as InvalidArgument).problems);
      }
    };
    if (authReq !== null && !isPlainObject(authReq)) problems.push({ path: "authReq", message: "must be an object (the authorization request) or null" });
    if (authnEvent !== null && !isPlainObject(authnEvent)) problems.push({ path: "authnEvent", message: "must be an object (the authentication event) or null" });
    tryId(userId, "userId");
    const clientId = args.clientId ?? (isPlainObject(authReq) ? authReq.client_id : undefined);
    if (clientId === undefined) problems.push({ path: "clientId", message: "is required: pass clientId or an authReq with client_id" });
    else tryId(clientId, "clientId");
    let sector: unknown;
    if (typeof subType !== "string" || !(BUILTIN_SUB_TYPES.includes(subType) || Object.hasOwn(this.subjectFunctions, subType))) {
      problems.push({ path: "subType", message: `unknown subject type ${JSON.stringify(subType)}; use public, pairwise, ephemeral${Object.keys(this.subjectFunctions).map((k) => ", " + k).join("")}` });
    } else if (subType === "pairwise") {
      sector = sectorIdentifier ?? (isPlainObject(authReq) ? authReq.sector_identifier_uri : undefined);
      if (typeof sector !== "string" || sector.length === 0) {
        problems.push({ path: "sectorIdentifier", message: "is required for a pairwise subject: pass sectorIdentifier or an authReq with sector_identifier_uri" });
      }
    }
    const req = isPlainObject(authReq) ? authReq : {};
    const scope = splitScope(scopes ?? req.scope ?? [], scopes !== undefined ? "scopes" : "authReq.scope", problems);
    const resources = req.resource === undefined ? [] : typeof req.resource === "string" ? [req.resource] : req.resource;
    const fields: GrantFields = {
      scope,
      claims: (req.claims ?? {}) as Record<string, unknown>,
      resources: resources as string[],
      authorization_request: authReq,
      authentication_event: authnEvent as AuthnEvent | null,
      usage_rules: tokenUsageRules ?? {},
    };
    if (!problems.length) {
      try {
        checkGrantFields(fields);
      } catch (e) {
        problems.push(...((e as InvalidArgument).problems ?? []));
      }
    }
    if (problems.length) {
      throw new InvalidArgument(`Cannot create the session: ${problems.map((p) => `${p.path} ${p.message}`).join("; ")}.`, problems);
    }
    // Everything is checked: only now draw random values and touch the tree.
    const cid = clientId as string;
    fields.sub = this.#subject(userId, subType, sector as string | undefined, sectorIdentifier);
    const grant = new Grant(fields, this.#grantOptions());
    this.set([userId, cid, grant.id], grant);
    return sessionKey(userId, cid, grant.id);
  }

  #subject(userId: string, subType: string, sector: string | undefined, sectorIdentifier: string | undefined): string {
    switch (subType) {
      case "public":
        return publicId(userId, this.salt);
      case "pairwise":
        return pairwiseId(userId, sector!, this.salt);
      case "ephemeral":
        return this.random.hex(32);
      default:
        return this.subjectFunctions[subType](userId, { salt: this.salt, sectorIdentifier });
    }
  }

  /**
   * Adds a grant under `userId` and `clientId`, creating missing user and client sessions.
   * Deviation: unknown fields are refused by name instead of being dropped.
   */
  addGrant(userId: string, clientId: string, grantFields: Omit<GrantFields, "id" | "issued_token" | "used"> = {}): Grant {
    assertId(userId, "userId");
    assertId(clientId, "clientId");
    if (!isPlainObject(grantFields)) throw new InvalidArgument("Grant fields must be an object.", [{ path: "grant", message: "must be an object" }]);
    const unknown = Object.keys(grantFields).filter((k) => !(GRANT_FIELD_NAMES as readonly string[]).includes(k));
    if (unknown.length) {
      throw new InvalidArgument(
        `Unknown grant field${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}. Allowed: ${GRANT_FIELD_NAMES.join(", ")}.`,
        unknown.map((k) => ({ path: `grant.${k}`, message: "is not a grant field" })),
      );
    }
    checkGrantFields(grantFields as GrantFields);
    const grant = new Grant(grantFields as GrantFields, this.#grantOptions());
    this.set([userId, clientId, grant.id], grant);
    return grant;
  }

  // ---- lookups -----------------------------------------------------------------------------

  /** The user session of `userId`. */
  getUserInfo(userId: string): UserSessionInfo {
    assertId(userId, "userId");
    return this.get([userId]);
  }

  /** The user session a session id (2 or 3 parts) belongs to. */
  getUserSessionInfo(sessionId: string): UserSessionInfo {
    const [userId] = parseSessionId(sessionId, [2, 3]);
    return this.get([userId]);
  }

  /** The client session a session id (2 or 3 parts) belongs to. */
  getClientSessionInfo(sessionId: string): ClientSessionInfo {
    const [userId, clientId] = parseSessionId(sessionId, [2, 3]);
    return this.get([userId, clientId]);
  }

  /** The grant a session id names. */
  getGrant(sessionId: string): Grant {
    const [userId, clientId, grantId] = parseSessionId(sessionId, [3]);
    return this.get([userId, clientId, grantId]);
  }

  getAuthenticationEvent(sessionId: string): AuthnEvent | null {
    return this.getGrant(sessionId).authentication_event;
  }

  getAuthorizationRequest(sessionId: string): Record<string, unknown> | null {
    return this.getGrant(sessionId).authorization_request;
  }

  /** One authentication event per grant of the client session. */
  getAuthenticationEvents(selector: ClientSelector): (AuthnEvent | null)[] {
    return this.grants(selector).map((g) => g.authentication_event);
  }

  /** The client session's grants, in order. */
  grants(selector: ClientSelector): Grant[] {
    const [userId, clientId] = this.#client(selector);
    const client = this.get([userId, clientId]);
    return client.subordinate.map((grantId) => this.get([userId, clientId, grantId]));
  }

  #client(selector: ClientSelector): [string, string] {
    if (!isPlainObject(selector)) throw new InvalidArgument("Pass { sessionId } or { userId, clientId }.");
    if ("sessionId" in selector && selector.sessionId !== undefined) {
      const [u, c] = parseSessionId(selector.sessionId, [2, 3]);
      return [u, c];
    }
    const { userId, clientId } = selector as { userId: string; clientId: string };
    assertId(userId, "userId");
    assertId(clientId, "clientId");
    return [userId, clientId];
  }

  /** Session ids of every grant of every client of the user. */
  getSidsByUserId(userId: string): string[] {
    const user = this.getUserInfo(userId);
    const out: string[] = [];
    for (const clientId of user.subordinate) {
      const client = this.get([userId, clientId]);
      for (const grantId of client.subordinate) out.push(sessionKey(userId, clientId, grantId));
    }
    return out;
  }

  /** The ids a session id names, plus the nodes each flag asks for. */
  getSessionInfo(sessionId: string, flags: SessionInfoFlags = {}): SessionInfo {
    const [userId, clientId, grantId] = parseSessionId(sessionId, [3]);
    const grant = this.get([userId, clientId, grantId]);
    return this.#info(sessionId, userId, clientId, grantId, grant, flags);
  }

  #info(sessionId: string, userId: string, clientId: string, grantId: string, grant: Grant, flags: SessionInfoFlags): SessionInfo {
    const info: SessionInfo = { session_id: sessionId, user_id: userId, client_id: clientId, grant_id: grantId };
    if (flags.userSessionInfo) info.user_session_info = this.get([userId]);
    if (flags.clientSessionInfo) info.client_session_info = this.get([userId, clientId]);
    if (flags.grant) info.grant = grant;
    if (flags.authenticationEvent) info.authentication_event = grant.authentication_event;
    if (flags.authorizationRequest) info.authorization_request = grant.authorization_request;
    return info;
  }

  /**
   * The session holding a token with this value, found through an index (O(1)).
   * Throws `UnknownToken`, or `AmbiguousToken` when several sessions hold the value.
   * Deviation: the reference only worked for values its own token handler made.
   */
  getSessionIdByToken(value: string): string {
    const sessions = typeof value === "string" ? this.#valueIndex.get(value) : undefined;
    if (!sessions) throw new UnknownToken(String(value));
    const first = sessions[0];
    for (let i = 1; i < sessions.length; i++) {
      if (sessions[i] !== first) throw new AmbiguousToken(value, [...new Set(sessions)]);
    }
    return first;
  }

  getSessionInfoByToken(value: string, flags: SessionInfoFlags = {}): SessionInfo {
    const sessionId = this.getSessionIdByToken(value);
    // The index only holds stored grants, so the parts are known and the grant exists.
    const [userId, clientId, grantId] = this.#sessionParts.get(sessionId)!;
    const grant = this.db.get(sessionId) as Grant;
    return this.#info(sessionId, userId, clientId, grantId, grant, flags);
  }

  /** The first token with `value` in the session's grant, or `undefined`. */
  findToken(sessionId: string, value: string): SessionToken | undefined {
    return this.getGrant(sessionId).getToken(value);
  }

  #token(sessionId: string, value: string): [Grant, SessionToken] {
    const grant = this.getGrant(sessionId);
    const token = typeof value === "string" ? grant.getToken(value) : undefined;
    if (!token) throw new UnknownToken(String(value), sessionId);
    return [grant, token];
  }

  // ---- changes -----------------------------------------------------------------------------

  /** Mints a token in the session's grant; `opts.basedOn` is the parent token's value. */
  mintToken(sessionId: string, type: string, opts: ManagerMintOptions = {}): SessionToken {
    const grant = this.getGrant(sessionId);
    if (!isObjectArg(opts)) throw new InvalidArgument("Mint options must be an object.");
    const { basedOn, ...rest } = opts;
    let parent: SessionToken | undefined;
    if (basedOn !== undefined) [, parent] = this.#token(sessionId, basedOn);
    return grant.mintToken(type, { ...rest, basedOn: parent });
  }

  /** Counts one use of the token. */
  registerUsage(sessionId: string, value: string): SessionToken {
    const [, token] = this.#token(sessionId, value);
    token.registerUsage();
    return token;
  }

  /**
   * Revokes the token; with `recursive`, every token minted from it, transitively, within the
   * grant. Returns the revoked values in breadth-first order from the token.
   */
  revokeToken(sessionId: string, value: string, recursive = false): string[] {
    const [grant, token] = this.#token(sessionId, value);
    token.revoke();
    const out = [token.value];
    if (recursive) grant.revokeDescendants(token.value, out);
    return out;
  }

  /** Revokes the grant only; its tokens keep their own flags. */
  revokeGrant(sessionId: string): void {
    this.getGrant(sessionId).revoke();
  }

  /** Revokes the client session and each of its grants (as oidc-op does); tokens keep their flags. */
  revokeClientSession(sessionId: string): void {
    const [userId, clientId] = parseSessionId(sessionId, [2, 3]);
    const client = this.get([userId, clientId]);
    const grants = client.subordinate.map((g) => this.get([userId, clientId, g]));
    client.revoke();
    for (const g of grants) g.revoke();
  }

  /** Removes the grant, then any client and user session left empty. A missing session is an error. */
  removeSession(sessionId: string): void {
    const [userId, clientId, grantId] = parseSessionId(sessionId, [3]);
    this.get([userId, clientId, grantId]);
    this.delete([userId, clientId, grantId]);
  }

  /**
   * Why a token is or is not usable: its own `isActive`, the effective verdict with every reason,
   * and warnings such as a revoked ancestor that a non-recursive revocation left this token outliving.
   */
  tokenStatus(sessionId: string, value: string, now: number = this.clock.now()): TokenStatus {
    const [grant, token] = this.#token(sessionId, value);
    return tokenStatusOf(token, grant, { client: this.getClientSessionInfo(sessionId), user: this.getUserSessionInfo(sessionId) }, now);
  }

  // ---- persistence -------------------------------------------------------------------------

  /** `{ salt, db, random, clock, token_types, usage_policy }`: everything needed to restore this manager. */
  toJSON(): ManagerSnapshot {
    const db: ManagerSnapshot["db"] = {};
    // defineKey: a user id may be "__proto__", which plain assignment would turn into a prototype.
    for (const [key, node] of this.db) defineKey(db, key, node.toJSON());
    const random = (this.random as Partial<SeededRandom>).getState?.() ?? null;
    return {
      salt: this.salt,
      db,
      random,
      clock: isVirtualClock(this.clock) ? { now: this.clock.now() } : null,
      token_types: cloneRulesMap(this.tokenTypes),
      usage_policy: cloneRulesMap(this.usagePolicy),
    };
  }

  /**
   * Restores a manager saved with `toJSON()`. Throws `InvalidStateFile` listing every problem
   * with its JSON path. Options override what the snapshot holds (a clock, a generator, subject functions).
   */
  static fromJSON(json: unknown, options: SessionManagerOptions & { strict?: boolean; pathPrefix?: readonly PropertyKey[] } = {}): SessionManager {
    const snapshot = SessionManager.validateJSON(json, options);
    const manager = new SessionManager({
      clock: options.clock ?? (snapshot.clock ? createVirtualClock(snapshot.clock.now) : systemClock),
      random: options.random ?? (snapshot.random ? restoreSeededRandom(snapshot.random) : undefined),
      salt: options.salt ?? snapshot.salt,
      subjectFunctions: options.subjectFunctions,
      usagePolicy: options.usagePolicy ?? (snapshot.usage_policy as Record<string, UsageRules>),
      tokenTypes: { ...(snapshot.token_types as TokenMap), ...(options.tokenTypes ?? {}) },
    });
    manager.#restore(snapshot);
    return manager;
  }

  /**
   * Checks a snapshot exactly as `fromJSON` does, without building the manager: throws
   * `InvalidStateFile` listing every problem, or returns the snapshot typed.
   */
  static validateJSON(json: unknown, options: { strict?: boolean; pathPrefix?: readonly PropertyKey[]; tokenTypes?: TokenMap } = {}): ManagerSnapshot {
    return parseSnapshot(json, {
      prefix: options.pathPrefix,
      strict: options.strict,
      knownTypes: [...Object.keys(BUILTIN_TOKEN_TYPES), ...Object.keys(options.tokenTypes ?? {})],
    }).snapshot;
  }

  /**
   * Replaces the whole tree (and salt) with a snapshot's, keeping this manager's clock and generator,
   * so a journal can start from imported state. Validates first: on `InvalidStateFile` nothing changes.
   */
  importState(json: unknown, options: { strict?: boolean } = {}): void {
    const { snapshot } = parseSnapshot(json, {
      strict: options.strict,
      knownTypes: [...Object.keys(BUILTIN_TOKEN_TYPES), ...Object.keys(this.tokenTypes)],
    });
    for (const [key, node] of [...this.db]) {
      this.db.delete(key);
      this.onRemove(key, node);
    }
    this.#salt = snapshot.salt;
    this.#restore(snapshot);
  }

  #restore(snapshot: ManagerSnapshot): void {
    const grantOptions = this.#grantOptions();
    for (const [key, json] of Object.entries(snapshot.db)) {
      let node: SessionNode;
      // Only the declared fields: keys a snapshot adds beside them are not data of this node.
      if (json.type === "UserSessionInfo") node = new UserSessionInfo({ user_id: json.user_id, subordinate: json.subordinate, revoked: json.revoked, extra: json.extra });
      else if (json.type === "ClientSessionInfo") node = new ClientSessionInfo({ client_id: json.client_id, subordinate: json.subordinate, revoked: json.revoked, extra: json.extra });
      else node = new Grant(json as GrantFields, { ...grantOptions, restore: true });
      this.db.set(key, node);
      this.onStore(key, node, undefined);
    }
  }
}

function splitScope(scope: unknown, path: string, problems: Problem[]): string[] {
  if (typeof scope === "string") return scope.split(/\s+/).filter(Boolean);
  if (Array.isArray(scope) && scope.every((s) => typeof s === "string")) return [...scope];
  problems.push({ path, message: "must be a list of scopes or a space-separated string" });
  return [];
}

function cloneRulesMap(map: Record<string, UsageRules> | undefined): Record<string, UsageRules> {
  const out: Record<string, UsageRules> = {};
  for (const [type, rules] of Object.entries(map ?? {})) defineKey(out, type, copyRules(rules));
  return out;
}

