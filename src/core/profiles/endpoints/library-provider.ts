// A provider around a library's session manager: its token, revocation, introspection,
// authorization and end-session endpoints, and the helpers its own tests prepare sessions with,
// each making exactly the session-level calls and field writes the library's code makes, in order.
// Where the two libraries differ, an `EndpointDialect` (endpoint-dialects.ts) says how.
import { contains, dictGet, PyError, PyGrant, PyNode, PyToken, truthy, type Dict } from "../python-objects.ts";
import type { PyMintArgs, PythonSessionManager } from "../python-session-manager.ts";
import type { EndpointDialect } from "./endpoint-dialects.ts";
import { CONTEXT, FlowLog, PyMessage } from "./flow-log.ts";
import type { ProviderConfig } from "./provider-config.ts";

/** What a token's handler would read back from its value: the session id it was minted for, and when it expires. */
interface HandlerInfo {
  sessionId: string;
  expiresAt: number;
}

const VALUE_PREFIX: Record<string, string> = { authorization_code: "CODE", access_token: "AT", refresh_token: "RT", id_token: "IDT" };

export type EndpointResponse = Dict;

export interface AuthorizationRequest extends Dict {
  client_id: string;
  redirect_uri: string;
  scope: string;
}

export class LibraryProvider {
  readonly sm: PythonSessionManager;
  #now: number;
  #encrypted = 0;
  #grants = 0;
  #values = new Map<string, number>();
  #handler = new Map<string, HandlerInfo>();
  log: FlowLog;

  constructor(
    readonly dialect: EndpointDialect,
    readonly config: ProviderConfig,
    options: { startTime: number; salt: string; userId?: string },
  ) {
    this.#now = options.startTime;
    this.sm = dialect.profile.create({
      now: () => this.#now,
      salt: options.salt,
      ephemeral: () => "0".repeat(32),
      nextGrantId: () => `g${++this.#grants}`,
    });
    this.log = new FlowLog(this.sm);
    this.userId = options.userId ?? "diana";
  }

  readonly userId: string;

  get now(): number {
    return this.#now;
  }

  advance(seconds: number): void {
    this.#now += seconds;
  }

  /** Starts a new step's log. */
  begin(): FlowLog {
    this.log = new FlowLog(this.sm);
    return this.log;
  }

  // ---- the pieces every endpoint uses --------------------------------------------------------

  /** `encrypted_session_id`: each encryption is a new ciphertext (a random IV), written `ENCn(path)`. */
  encrypt(path: string[]): string {
    return `ENC${++this.#encrypted}(${this.sm.key(...path)})`;
  }

  #nextValue(tokenClass: string): string {
    const prefix = VALUE_PREFIX[tokenClass] ?? "X";
    const n = (this.#values.get(prefix) ?? 0) + 1;
    this.#values.set(prefix, n);
    return `${prefix}-${n}`;
  }

  /**
   * `Grant.mint_token(session_id, …, token_handler=…)`: the handler makes the value, which carries
   * the session id and the handler's own expiry (a JWT takes `expires_in` from the usage rules).
   */
  mint(grant: PyGrant, sessionId: string, args: unknown[], kwargs: Dict, mint: Omit<PyMintArgs, "value">): PyToken {
    return this.log.call("Grant.mint_token", { grant }, args, kwargs, () => {
      const value = this.#nextValue(mint.token_class);
      const token = this.sm.mintToken(grant, sessionId, { ...mint, value });
      if (token === null) throw new PyError("MintingNotAllowed", "Grant inactive");
      const handler = this.config.handlers[mint.token_class as keyof ProviderConfig["handlers"]];
      const rules = mint.usage_rules ?? (contains(grant.usage_rules, mint.token_class) ? (grant.usage_rules[mint.token_class] as Dict) : undefined);
      const lifetime = handler?.lifetimeFromUsageRules && rules && contains(rules, "expires_in") ? (rules.expires_in as number) : (handler?.lifetime ?? 0);
      this.#handler.set(value, { sessionId, expiresAt: this.#now + lifetime });
      return token;
    });
  }

  /** `session_manager.get_session_info_by_token(value, …)`: the handler reads the session id out of the value. */
  sessionInfoByToken(value: string, kwargs: Dict): Dict {
    return this.log.call<Dict>("SessionManager.get_session_info_by_token", null, [value], kwargs, () => {
      const info = this.#handler.get(value);
      if (!info) throw new PyError("UnknownToken", value);
      // The token handler's own expiry check (its `exp`), before any look-up.
      if (this.#now > info.expiresAt) throw new PyError("ToOld", "Token has expired");
      return this.sm.getSessionInfo(info.sessionId, { grant: true }) as Dict;
    });
  }

  sessionInfo(sessionId: string, args: unknown[], kwargs: Dict, flags: Parameters<PythonSessionManager["getSessionInfo"]>[1]): Dict {
    return this.log.call("SessionManager.get_session_info", null, args, kwargs, () => this.sm.getSessionInfo(sessionId, flags) as Dict);
  }

  getToken(grant: PyGrant, value: string): PyToken | null {
    return this.log.call("Grant.get_token", { grant }, [value], {}, () => grant.getToken(value));
  }

  /** `Grant.find_scope(based_on)`: its `get_token` is the endpoint's own call, so it is logged. */
  findScope(grant: PyGrant, basedOn: string | null): unknown {
    let current = basedOn;
    for (;;) {
      const token = current ? this.getToken(grant, current) : null;
      if (!token) return grant.scope;
      if (truthy(token.scope)) return token.scope;
      if (!truthy(token.based_on)) return grant.scope;
      current = token.based_on;
    }
  }

  /** `session_manager.set(path, grant)` */
  set(path: string[], grant: PyGrant): void {
    this.log.call("SessionManager.set", null, [path, grant], {}, () => this.sm.set(path, grant));
  }

  /** `session_manager[session_id] = grant` → `set(decrypt(session_id), grant)` */
  setItem(sessionId: string, grant: PyGrant): void {
    this.log.call("SessionManager.__setitem__", null, [sessionId, grant], {}, () => this.sm.set(this.sm.decrypt(sessionId), grant));
  }

  registerUsage(token: PyToken): void {
    this.log.call("SessionToken.register_usage", { token }, [], {}, () => {
      token.used += 1;
    });
  }

  revokeTokenObject(token: PyToken): void {
    this.log.call("revoke", { token }, [], {}, () => {
      token.revoked = true;
    });
  }

  #sessionIdOf(info: Dict): string {
    return info[this.dialect.sessionIdKey] as string;
  }

  // ---- the tests' helpers and consent ------------------------------------------------------

  #authnEvent(authnInfo: string | null): PyMessage {
    return new PyMessage("AuthnEvent", { uid: this.userId, authn_info: authnInfo, authn_time: this.#now, valid_until: this.#now + 3600 });
  }

  /** `create_session`, and the `add_grant` idpy-oidc makes inside it. */
  createSession(positional: boolean, authnEvent: PyMessage, authReq: PyMessage, clientId: string, extra: { sub_type?: string; token_usage_rules?: Dict }): string {
    const args = positional ? [authnEvent, authReq, this.userId] : [];
    const kwargs = positional
      ? { client_id: clientId, sub_type: extra.sub_type }
      : { authn_event: authnEvent, auth_req: authReq, user_id: this.userId, client_id: clientId, token_usage_rules: extra.token_usage_rules };
    return this.log.call("SessionManager.create_session", null, args, kwargs, () => {
      const plain = this.sm.createSession({
        authn_event: authnEvent.value,
        auth_req: authReq.value,
        user_id: this.userId,
        client_id: clientId,
        sub_type: extra.sub_type,
        token_usage_rules: extra.token_usage_rules,
      });
      const sid = this.encrypt(this.sm.decrypt(plain));
      this.dialect.logCreateSessionInside(this, sid, authReq, authnEvent, clientId, extra.token_usage_rules ?? null);
      return sid;
    });
  }

  /** The token tests' `_create_session(areq)`: an authentication event without `authn_info`, subject type public. */
  helperCreateSession(authReq: AuthorizationRequest): string {
    return this.createSession(true, this.#authnEvent(null), new PyMessage("AuthorizationRequest", authReq), authReq.client_id, { sub_type: "public" });
  }

  /**
   * `context.authz(session_id, request)` (AuthzHandling.__call__): the grant_config's keys are
   * written onto the grant in order, then `resources = [client_id]`, the scope (the request's when
   * the grant has none), and the claims of every release point.
   */
  consent(sessionId: string, authReq: Dict): PyGrant {
    const info = this.sessionInfo(sessionId, [], { session_id: sessionId, grant: true }, { grant: true });
    const grant = info.grant as PyGrant;
    const clientId = info.client_id as string;
    this.log.direct("consent: grant_config, resources, scope", () => {
      for (const [key, val] of Object.entries(this.config.grantConfig)) {
        if (key === "expires_in") grant.expires_at = this.#now + (val as number);
        else if (key === "usage_rules") grant.usage_rules = structuredClone(val as Dict);
      }
      grant.resources = [clientId];
      if (!truthy(grant.scope)) grant.scope = scopeList(dictGet(authReq, "scope"));
    });
    for (const lookup of this.config.consentClaimsLookups) {
      if (lookup === "get_grant") this.log.call("SessionManager.get_grant", null, [sessionId], {}, () => this.sm.lookup(sessionId));
      else this.sessionInfo(sessionId, [sessionId], { grant: true }, { grant: true });
    }
    this.log.direct("consent: claims", () => {
      grant.claims = structuredClone(this.config.consentClaims(clientId));
    });
    return grant;
  }

  /** The token tests' `_mint_code(grant, client_id)`: a fresh encrypted session id, the grant's code rules, and `expires_at` from them. */
  helperMintCode(grant: PyGrant, clientId: string): PyToken {
    const sid = this.encrypt([this.userId, clientId, grant.id]);
    const rules = (dictGet(grant.usage_rules, "authorization_code") as Dict | undefined) ?? {};
    const code = this.mint(
      grant,
      sid,
      [],
      { session_id: sid, [this.dialect.contextKwarg]: CONTEXT, token_class: "authorization_code", token_handler: { class: this.config.handlers.authorization_code.className }, usage_rules: rules },
      { token_class: "authorization_code", usage_rules: rules },
    );
    const expiresIn = dictGet(rules, "expires_in") as number | undefined;
    if (expiresIn) this.log.direct(`${code.value}.expires_at = now + ${expiresIn}`, () => (code.expires_at = this.#now + expiresIn));
    return code;
  }

  /** The introspection, revocation and end-session tests' `_mint_token(class, grant, sid, based_on, **kwargs)`: `expires_at` fixed ahead. */
  helperMintToken(tokenClass: string, grant: PyGrant, sessionId: string, basedOn: PyToken | null, lifetime: number, usageRules?: Dict): PyToken {
    const kwargs: Dict = {
      session_id: sessionId,
      [this.dialect.contextKwarg]: CONTEXT,
      token_class: tokenClass,
      token_handler: { class: this.config.handlers[tokenClass as keyof ProviderConfig["handlers"]].className },
      expires_at: this.#now + lifetime,
      based_on: basedOn,
    };
    if (usageRules) kwargs.usage_rules = usageRules;
    return this.mint(grant, sessionId, [], kwargs, { token_class: tokenClass, based_on: basedOn, expires_at: this.#now + lifetime, ...(usageRules ? { usage_rules: usageRules } : {}) });
  }

  findToken(sessionId: string, value: string): PyToken | null {
    return this.log.call("SessionManager.find_token", null, [sessionId, value], {}, () => this.sm.findToken(sessionId, value));
  }

  revokeToken(sessionId: string, value: string): void {
    this.log.call("SessionManager.revoke_token", null, [sessionId, value], {}, () => this.sm.revokeToken(sessionId, value));
  }

  /**
   * The authorization endpoint's `process_request` for `response_type=code` after a login:
   * create_session, consent, the grant stored under its path, the code minted with the grant's
   * rules (no handler argument), `expires_at` from them, the grant stored under the encrypted id,
   * and the code looked up again for the response.
   */
  authorize(authReq: AuthorizationRequest): { sessionId: string; code: PyToken } {
    const authnEvent = this.#authnEvent(this.config.authnInfo);
    const rules = structuredClone(this.config.authorizationUsageRules);
    const sid = this.createSession(false, authnEvent, new PyMessage("AuthorizationRequest", authReq), authReq.client_id, { token_usage_rules: rules });
    const grant = this.consent(sid, authReq);
    this.set(this.sm.decrypt(sid), grant);
    this.sessionInfo(sid, [sid], { grant: true }, { grant: true });
    const codeRules = dictGet(grant.usage_rules, "authorization_code") as Dict | undefined;
    const code = this.mint(grant, sid, [], { session_id: sid, [this.dialect.contextKwarg]: CONTEXT, token_class: "authorization_code", based_on: null, usage_rules: codeRules ?? null }, { token_class: "authorization_code", usage_rules: codeRules });
    const expiresIn = codeRules ? (dictGet(codeRules, "expires_in") as number | undefined) : undefined;
    if (expiresIn) this.log.direct(`${code.value}.expires_at = now + ${expiresIn}`, () => (code.expires_at = this.#now + expiresIn));
    this.set([sid], grant);
    this.sessionInfoByToken(code.value, this.dialect.handlerKeyKwargs("authorization_code", "grant-first"));
    return { sessionId: sid, code };
  }

  // ---- token endpoint ---------------------------------------------------------------------

  /**
   * `TokenEndpointHelper._mint_token`: the grant's rules for the type (and their `expires_in`, else
   * the dialect's fallback lifetime), the mint, `expires_at = now + expires_in`, then
   * `set(unpack_session_key(session_id), grant)` — the grant stored again under the encrypted id.
   */
  #endpointMint(tokenClass: string, grant: PyGrant, sessionId: string, basedOn: PyToken, scope: unknown, tokenType: string): PyToken {
    const rules = dictGet(grant.usage_rules, tokenClass) as Dict | undefined;
    const expiresIn = truthy(rules) ? (dictGet(rules, "expires_in") as number | undefined) : this.dialect.fallbackLifetime(this.config, tokenClass);
    const token = this.mint(
      grant,
      sessionId,
      [sessionId],
      { [this.dialect.contextKwarg]: CONTEXT, token_class: tokenClass, token_handler: { class: this.config.handlers[tokenClass as keyof ProviderConfig["handlers"]].className }, based_on: basedOn, usage_rules: rules ?? null, scope: scope ?? null, token_type: tokenType },
      { token_class: tokenClass, based_on: basedOn, usage_rules: rules, ...(scope !== null && scope !== undefined ? { scope } : {}) },
    );
    if (expiresIn) this.log.direct(`${token.value}.expires_at = now + ${expiresIn}`, () => (token.expires_at = this.#now + expiresIn));
    // unpack_session_key(session_id) of a ciphertext is a one-part path.
    this.set([sessionId], grant);
    return token;
  }

  /** The token endpoint: `parse_request` (its `post_parse_request`), then `process_request` unless that answered an error. */
  token(request: Dict, options: { revokeRefreshOnIssue?: boolean } = {}): EndpointResponse {
    if (request.grant_type === "authorization_code") {
      const parsed = this.#parseCode(request);
      if (parsed) return parsed;
      return this.#exchangeCode(request);
    }
    if (request.grant_type === "refresh_token") {
      const parsed = this.#parseRefresh(request);
      if (parsed) return parsed;
      return this.#refresh(request, options.revokeRefreshOnIssue ?? this.config.revokeRefreshOnIssue);
    }
    return { error: "invalid_request", error_description: "Do not know how to handle this type of request" };
  }

  /** AccessTokenHelper.post_parse_request: a used code revokes what was minted from it (not the code) and is refused. */
  #parseCode(request: Dict): EndpointResponse | null {
    let info: Dict;
    try {
      info = this.sessionInfoByToken(request.code as string, this.dialect.handlerKeyKwargs("authorization_code", "grant-first"));
    } catch (e) {
      if (e instanceof PyError && (e.pyClass === "KeyError" || e.pyClass === "UnknownToken")) return { error: "invalid_grant", error_description: "Unknown code" };
      throw e;
    }
    const grant = info.grant as PyGrant;
    const code = this.getToken(grant, request.code as string);
    if (!code || code.className !== "AuthorizationCode") return { error: "invalid_request", error_description: "Wrong token type" };
    if (code.used) {
      this.grantRevokeToken(grant, { based_on: code.value, recursive: true });
      return { error: "invalid_grant", error_description: "Code inactive" };
    }
    if (!code.isActive(this.#now)) return { error: "invalid_grant", error_description: "Code inactive" };
    return null;
  }

  /**
   * AccessTokenHelper.process_request: access, refresh (with offline_access) and ID tokens minted
   * from the code, the grant stored under the encrypted id (`_mngr[sid] = grant`), then one use of
   * the code registered; the response's session is looked up by the new access token.
   */
  #exchangeCode(request: Dict): EndpointResponse {
    const info = this.sessionInfoByToken(request.code as string, this.dialect.handlerKeyKwargs("authorization_code", "grant-first"));
    const sid = this.#sessionIdOf(info);
    const grant = info.grant as PyGrant;
    const basedOn = this.getToken(grant, request.code as string)!;
    const supports = (dictGet(basedOn.usage_rules, "supports_minting") as string[] | undefined) ?? [];
    const authnReq = grant.authorization_request ?? {};
    const response: Dict = { token_type: "Bearer", scope: grant.scope };
    let token: PyToken | null = null;
    if (supports.includes("access_token")) {
      token = this.#endpointMint("access_token", grant, sid, basedOn, null, "Bearer");
      response.access_token = token.value;
      if (token.expires_at) response.expires_in = token.expires_at - this.#now;
    }
    if (contains(grant.scope, "offline_access") && supports.includes("refresh_token") && this.dialect.refreshAllowedAtExchange) {
      if (token) this.dialect.takeUseBack(this, basedOn);
      response.refresh_token = this.#endpointMint("refresh_token", grant, sid, basedOn, null, "").value;
    }
    this.setItem(sid, grant);
    if (contains(scopeList(authnReq.scope), "openid") && supports.includes("id_token")) {
      if (token) this.dialect.takeUseBack(this, basedOn);
      response.id_token = this.#endpointMint("id_token", grant, sid, basedOn, null, "").value;
    }
    this.registerUsage(basedOn);
    this.sessionInfoByToken(response.access_token as string, this.dialect.handlerKeyKwargs("access_token", "grant-first"));
    return { response_args: response };
  }

  /** RefreshTokenHelper.post_parse_request: an inactive refresh token is refused; a narrower scope is checked against the chain's. */
  #parseRefresh(request: Dict): EndpointResponse | null {
    let info: Dict;
    try {
      info = this.sessionInfoByToken(request.refresh_token as string, this.dialect.handlerKeyKwargs("refresh_token", "handler-first"));
    } catch (e) {
      if (e instanceof PyError && ["KeyError", "UnknownToken", "InvalidBranchID"].includes(e.pyClass)) return { error: "invalid_grant", error_description: "Invalid refresh token" };
      throw e;
    }
    const grant = info.grant as PyGrant;
    const token = this.getToken(grant, request.refresh_token as string);
    if (!token || token.className !== "RefreshToken") return { error: "invalid_request", error_description: "Wrong token type" };
    if (!token.isActive(this.#now)) return { error: "invalid_request", error_description: "Refresh token inactive" };
    if (request.scope !== undefined) {
      const allowed = this.findScope(grant, token.based_on) as string[];
      if (!(request.scope as string[]).every((s) => allowed.includes(s))) return { error: "invalid_request", error_description: "Invalid refresh scopes" };
    }
    return null;
  }

  /**
   * RefreshTokenHelper.process_request: an access token from the refresh token; a new refresh
   * token only with offline_access in the scope, with a copy of the old one's rules; one use of
   * the old token; and `revoke()` on it with `revoke_refresh_on_issue`.
   */
  #refresh(request: Dict, revokeOnIssue: boolean): EndpointResponse {
    const info = this.sessionInfoByToken(request.refresh_token as string, this.dialect.handlerKeyKwargs("refresh_token", "handler-first"));
    const sid = this.#sessionIdOf(info);
    const grant = info.grant as PyGrant;
    const token = this.getToken(grant, request.refresh_token as string)!;
    let scope = this.findScope(grant, token.based_on);
    if (request.scope !== undefined) scope = request.scope;
    const access = this.#endpointMint("access_token", grant, sid, token, scope, "Bearer");
    const response: Dict = { access_token: access.value, token_type: "Bearer", scope };
    if (access.expires_at) response.expires_in = access.expires_at - this.#now;
    const mints = (dictGet(token.usage_rules, "supports_minting") as string[] | undefined) ?? [];
    if (mints.includes("refresh_token") && contains(scope, "offline_access")) {
      const refresh = this.#endpointMint("refresh_token", grant, sid, token, scope, "");
      this.log.direct(`${refresh.value}.usage_rules = ${token.value}.usage_rules.copy()`, () => (refresh.usage_rules = { ...token.usage_rules }));
      response.refresh_token = refresh.value;
    }
    if (mints.includes("id_token") && contains(scope, "openid")) response.id_token = this.#endpointMint("id_token", grant, sid, token, scope, "").value;
    this.registerUsage(token);
    if (revokeOnIssue) this.revokeTokenObject(token);
    this.sessionInfoByToken(access.value, this.dialect.handlerKeyKwargs("access_token", "grant-first"));
    return { response_args: response };
  }

  /** Grant.revoke_token(value=, based_on=, recursive=): each token matching, and what was minted from it, as nested calls. */
  grantRevokeToken(grant: PyGrant, kwargs: { value?: string; based_on?: string; recursive?: boolean }): void {
    this.log.call("Grant.revoke_token", { grant }, [], kwargs, () => {
      const value = kwargs.value ?? "";
      const basedOn = kwargs.based_on ?? "";
      const recursive = kwargs.recursive ?? true;
      for (const t of grant.issued_token) {
        if (!value && !basedOn) t.revoked = true;
        else if (value && basedOn) {
          if (value === t.value && basedOn === t.based_on) t.revoked = true;
        } else if ((value && t.value === value) || (basedOn && t.based_on === basedOn)) {
          t.revoked = true;
          if (recursive) this.grantRevokeToken(grant, { based_on: t.value });
        }
      }
    });
  }

  // ---- revocation (RFC 7009) and introspection ---------------------------------------------

  /** TokenRevocation.process_request with the default policy: `find_token`, then `revoke()` on that one token. */
  revocation(request: Dict): EndpointResponse {
    let info: Dict;
    try {
      info = this.sessionInfoByToken(request.token as string, { grant: true });
    } catch (e) {
      if (e instanceof PyError && (e.pyClass === "UnknownToken" || e.pyClass === "WrongTokenClass")) return { response_args: {} };
      throw e;
    }
    if (info.client_id !== request.client_id) return { error: "invalid_grant", error_description: "Wrong client" };
    const grant = info.grant as PyGrant;
    this.getToken(grant, request.token as string);
    const token = this.findToken(this.#sessionIdOf(info), request.token as string)!;
    this.revokeTokenObject(token);
    return { response_msg: "OK" };
  }

  /** Introspection.process_request: look-ups only; only a live access or refresh token is active. */
  introspection(request: Dict): EndpointResponse {
    const inactive = { response_args: { active: false } };
    let info: Dict;
    try {
      info = this.sessionInfoByToken(request.token as string, { grant: true });
    } catch (e) {
      if (e instanceof PyError && ["UnknownToken", "WrongTokenClass", "ToOld"].includes(e.pyClass)) return inactive;
      throw e;
    }
    const grant = info.grant as PyGrant;
    const token = this.getToken(grant, request.token as string)!;
    if (!["access_token", "refresh_token"].includes(token.token_class) || !token.isActive(this.#now)) return inactive;
    const scope = truthy(token.scope) ? token.scope : token.based_on ? grant.findScope(token.based_on) : grant.scope;
    const aud = truthy(token.resources) ? token.resources : grant.resources;
    const out: Dict = {
      active: true,
      scope: (scope as string[]).join(" "),
      client_id: info.client_id,
      exp: token.expires_at,
      iat: token.issued_at,
      sub: grant.sub,
      iss: this.config.issuer,
      token_type: token.token_class === "access_token" ? "Bearer" : undefined,
    };
    if (out.token_type === undefined) delete out.token_type;
    if (truthy(aud)) out.aud = aud;
    this.dialect.introspectionClaimsLookup(this, this.#sessionIdOf(info));
    return { response_args: out };
  }

  // ---- end session ------------------------------------------------------------------------

  /** Session.process_request with the session cookie: a look-up, and a redirect to the logout verification page. */
  endSession(sessionId: string): EndpointResponse {
    this.sessionInfo(sessionId, [sessionId], { grant: true }, { grant: true });
    return { redirect_location: `${this.config.issuer}/verify_logout?<opaque>` };
  }

  /**
   * Session.do_verified_logout(sid, alla): logout_from_client → clean_sessions([sid]); with `alla`,
   * logout_all_clients: for each client of the user with a back- or front-channel logout URI, the
   * session id of the last ID token of its first grant with an authentication event, and then
   * `revoke_client_session` of each. Returns the front-channel iframes.
   */
  verifiedLogout(sessionId: string, alla = false): string[] {
    if (!alla) {
      this.sessionInfo(sessionId, [sessionId], { grant: true }, { grant: true });
      this.revokeClientSession(sessionId);
      return [];
    }
    const info = this.dialect.logoutAllSessionInfo(this, sessionId);
    const userNode = info.user as PyNode;
    const related: string[] = [];
    const iframes: string[] = [];
    for (const child of userNode.subordinate) {
      const clientId = this.dialect.clientIdOfSubordinate(child);
      const client = this.config.clients[clientId];
      if (!client?.backchannel_logout_uri && !client?.frontchannel_logout_uri) continue;
      const node = this.sm.item(this.sm.key(this.userId, clientId)) as PyNode;
      for (const gid of node.subordinate) {
        const grant = this.sm.item(this.dialect.grantKeyOfSubordinate(this.userId, clientId, gid)) as PyGrant;
        if (!truthy(grant.authentication_event)) continue;
        const idt = this.log.call("Grant.last_issued_token_of_type", { grant }, ["id_token"], {}, () => lastIssued(grant, "id_token"));
        if (idt) {
          related.push(this.#handler.get(idt.value)!.sessionId);
          if (!client.backchannel_logout_uri) iframes.push(`<iframe src="${client.frontchannel_logout_uri}">`);
          break;
        }
      }
    }
    for (const sid of related) this.revokeClientSession(sid);
    return iframes;
  }

  /** `revoke_client_session(sid)`: `revoke()` on the client session and on each grant it lists, as nested calls. */
  revokeClientSession(sessionId: string): void {
    this.log.call("SessionManager.revoke_client_session", null, [sessionId], {}, () => {
      const [userId, clientId] = this.sm.decrypt(sessionId) as [string, string];
      const node = this.sm.item(this.sm.key(userId, clientId)) as PyNode;
      this.log.call("revoke", { node }, [], {}, () => {
        node.revoke();
        return node;
      });
      for (const gid of node.subordinate) {
        const grant = this.sm.item(this.dialect.grantKeyOfSubordinate(userId, clientId, gid)) as PyGrant;
        this.log.call("revoke", { grant }, [], {}, () => {
          grant.revoked = true;
        });
      }
    });
  }
}

/** Grant.last_issued_token_of_type: the latest-issued of that type (the first of equal times). */
function lastIssued(grant: PyGrant, tokenClass: string): PyToken | null {
  let res: PyToken | null = null;
  for (const t of grant.issued_token) if (t.token_class === tokenClass && (res === null || t.issued_at > res.issued_at)) res = t;
  return res;
}

/** The request's `scope` as oidcmsg holds it: a list of words. */
export function scopeList(scope: unknown): unknown {
  if (typeof scope === "string") return scope.split(" ").filter((s) => s.length > 0);
  return scope ?? [];
}
