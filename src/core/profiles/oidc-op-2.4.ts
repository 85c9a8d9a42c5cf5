// oidc-op 2.4.3 (IdentityPython/oidc-op 2f81e24), `oidcop.session`: how its session manager
// really behaves, call by call. Every quirk names the library function that does it.
import { CLAIMS_RELEASE_POINTS, contains, dictGet, PyError, PyGrant, PyNode, recursionError, RECURSION_LIMIT, truthy, type Dict, type PyRecord, PyToken } from "./python-objects.ts";
import { GRANT_PARAMETERS, PythonSessionManager, requestHas, type PyCreateSessionArgs, type PyMintArgs, type PySessionInfoFlags } from "./python-session-manager.ts";

export class OidcOpSessionManager extends PythonSessionManager {
  readonly grantParameters = GRANT_PARAMETERS;

  // ---- database.py: Database ---------------------------------------------------------------

  /** Database.set: writes the leaf, then adds it to its parents' subordinate lists by bare id. */
  set(path: string[], value: PyRecord): void {
    const [uid, clientId, grantId] = path;
    if (grantId) this.db.set(this.key(uid!, clientId!, grantId), value);
    if (clientId) {
      const cidKey = this.key(uid!, clientId);
      // `db.get(cid_key, ClientSessionInfo())`: a missing client session is made with client_id "".
      const cidInfo = (this.db.get(cidKey) as PyNode | undefined) ?? new PyNode("client", "client_id", "");
      if (!grantId) this.db.set(cidKey, value);
      else if (!cidInfo.subordinate.includes(grantId)) {
        cidInfo.addSubordinate(grantId);
        this.db.set(cidKey, cidInfo);
      }
    }
    // `db.get(uid, UserSessionInfo())`: a missing user session is made with user_id "".
    const userInfo = (this.db.get(uid!) as PyNode | undefined) ?? new PyNode("user", "user_id", "");
    if (clientId === undefined) this.db.set(uid!, value);
    if (clientId && !userInfo.subordinate.includes(clientId)) {
      userInfo.addSubordinate(clientId);
      this.db.set(uid!, userInfo);
    }
  }

  /** Database.get: walks user → client → grant, checking each subordinate list on the way. */
  get(path: string[]): PyRecord {
    const [uid, clientId, grantId] = path;
    const userInfo = this.db.get(uid!);
    if (userInfo === undefined) throw new PyError("KeyError", "No such UserID");
    if (clientId === undefined) return userInfo;
    if (!contains((userInfo as PyNode).subordinate, clientId)) throw new PyError("ValueError", "No session from that client for that user");
    const client = this.db.get(this.key(uid!, clientId));
    if (client === undefined) throw new PyError("NoSuchClientSession", clientId);
    if (grantId === undefined) return client;
    if (!contains((client as PyNode).subordinate, grantId)) throw new PyError("ValueError", "No such grant for that user and client");
    const grant = this.db.get(this.key(uid!, clientId, grantId));
    if (grant === undefined) throw new PyError("NoSuchGrant", grantId);
    return grant;
  }

  /**
   * Database.delete: removes the grant and unlinks it; a client session that keeps other grants is
   * also written under the bare client id (`self.db[client_id] = _client_info`), a stray record.
   */
  delete(path: string[]): void {
    const [uid, clientId, grantId] = path;
    if (!this.db.has(uid!)) return;
    if (!clientId) {
      this.db.delete(uid!);
      return;
    }
    const userInfo = this.db.get(uid!) as PyNode;
    const cidKey = this.key(uid!, clientId);
    const gidKey = this.key(uid!, clientId, grantId ?? "");
    if (!userInfo.subordinate.includes(clientId)) {
      this.item(clientId);
      this.db.delete(clientId);
      return;
    } else if (this.db.has(cidKey)) {
      const clientInfo = this.db.get(cidKey) as PyNode;
      if (grantId) {
        this.db.delete(gidKey);
        const i = clientInfo.subordinate.indexOf(grantId);
        if (i >= 0) clientInfo.subordinate.splice(i, 1);
      } else {
        for (let n = clientInfo.subordinate.length; n > 0; n--) this.db.delete(gidKey);
        clientInfo.subordinate = [];
      }
      if (clientInfo.subordinate.length === 0) {
        this.db.delete(cidKey);
        userInfo.subordinate.splice(userInfo.subordinate.indexOf(clientId), 1);
      } else {
        this.db.set(clientId, clientInfo);
      }
    }
    if (userInfo.subordinate.length === 0) this.db.delete(uid!);
    else this.db.set(uid!, userInfo);
  }

  // ---- manager.py: SessionManager ----------------------------------------------------------

  lookup(sessionId: string): PyRecord {
    return this.get(this.decrypt(sessionId));
  }

  /** SessionManager.create_session: makes the user and client sessions first, then create_grant. */
  createSession(a: PyCreateSessionArgs): string {
    try {
      this.get([a.user_id]);
    } catch (e) {
      if (!(e instanceof PyError && e.pyClass === "KeyError")) throw e;
      const usi = new PyNode("user", "user_id", a.user_id);
      this.set([a.user_id], usi);
    }
    let clientId = a.client_id ?? "";
    if (!clientId) {
      if (a.auth_req === null) throw new PyError("TypeError", "'NoneType' object is not subscriptable");
      if (!Object.hasOwn(a.auth_req, "client_id")) throw new PyError("KeyError", "client_id");
      clientId = a.auth_req.client_id as string;
    }
    try {
      this.get([a.user_id, clientId]);
    } catch (e) {
      if (!(e instanceof PyError && (e.pyClass === "NoSuchClientSession" || e.pyClass === "ValueError"))) throw e;
      this.set([a.user_id, clientId], new PyNode("client", "client_id", clientId));
    }
    // create_grant: the grant's scope comes only from `scopes=`, never from the request, and
    // `resource` in the request is not read.
    const sector = (dictGet(a.auth_req, "sector_identifier_uri") as string | undefined) ?? "";
    const claims = requestHas(a.auth_req, "claims") ? a.auth_req!.claims : {};
    const sub = this.subject(a.sub_type ?? "public", a.user_id, sector);
    const grant = this.newGrant({
      authorization_request: a.auth_req,
      authentication_event: a.authn_event,
      sub,
      usage_rules: a.token_usage_rules ?? null,
      scope: a.scopes ?? null,
      claims,
    });
    this.set([a.user_id, clientId, grant.id], grant);
    return this.key(a.user_id, clientId, grant.id);
  }

  /** SessionManager.add_grant: `set` lists the grant, then it is appended once more (listed twice). */
  addGrant(userId: string, clientId: string, kwargs: Dict): { sessionId: string; returned: PyGrant } {
    const grant = this.newGrant(this.filterGrantArgs(kwargs));
    this.set([userId, clientId, grant.id], grant);
    const csi = this.get([userId, clientId]) as PyNode;
    csi.subordinate.push(grant.id);
    this.set([userId, clientId], csi);
    return { sessionId: this.key(userId, clientId, grant.id), returned: grant };
  }

  /** SessionManager.find_token: the first token of the grant with that value, else None. */
  findToken(sessionId: string, value: string): PyToken | null {
    const grant = this.get(this.decrypt(sessionId)) as PyGrant;
    return grant.issued_token.find((t) => t.value === value) ?? null;
  }

  /**
   * Grant.mint_token (oidc-op): an inactive grant returns None; a mint never counts as a use of
   * `based_on`; the grant's own `used` goes up by one per mint.
   */
  mintToken(record: PyRecord, sessionId: string, a: PyMintArgs): PyToken | null {
    const grant = record as PyGrant;
    const now = this.now();
    if (!grant.isActive(now)) return null;
    const basedOn = a.based_on ?? null;
    if (basedOn) {
      if (!basedOn.supportsMinting(a.token_class)) throw new PyError("MintingNotAllowed", `Minting of ${a.token_class} not supported`);
      if (!basedOn.isActive(now)) throw new PyError("MintingNotAllowed", "Token inactive");
    }
    let usageRules: Dict | undefined = a.usage_rules;
    // `usage_rules = self.usage_rules[token_class]`: the token shares the grant's dict.
    if (usageRules === undefined && contains(grant.usage_rules, a.token_class)) usageRules = grant.usage_rules[a.token_class] as Dict;
    if (!Object.hasOwn(TOKEN_MAP, a.token_class)) throw new PyError("ValueError", "Can not mint that kind of token");
    const scope = a.scope !== undefined ? a.scope : basedOn ? grant.findScope(basedOn) : grant.scope;
    const item = new PyToken(now, {
      token_class: a.token_class,
      based_on: basedOn ? basedOn.value : null,
      usage_rules: usageRules ?? null,
      scope,
      expires_in: a.expires_in,
      expires_at: a.expires_at,
      not_before: a.not_before,
      claims: a.claims,
      resources: a.resources,
    });
    // payload_arguments → ClaimsInterface.get_claims → get_session_info(grant=True): the lookups
    // can raise on a damaged tree; add_acr_value reads authentication_event.get(...).
    this.getSessionInfo(sessionId, { grant: true });
    grant.addAcrValue(CLAIMS_RELEASE_POINTS.includes(a.token_class) ? a.token_class : "");
    grant.addAcrValue(null);
    item.value = a.value;
    grant.issued_token.push(item);
    grant.used += 1;
    return item;
  }

  /** SessionManager.revoke_token: that token, then with `recursive` `_revoke_dependent` down the chain. */
  revokeToken(sessionId: string, value: string, recursive = false): void {
    const token = this.findToken(sessionId, value);
    if (token === null) throw new PyError("UnknownToken", "");
    token.revoked = true;
    if (recursive) {
      const grant = this.lookup(sessionId) as PyGrant;
      this.#revokeDependent(grant, token, 0);
    }
  }

  /** SessionManager._revoke_dependent: recursion without a visited set, so a token minted from its own value never ends. */
  #revokeDependent(grant: PyGrant, token: PyToken, depth: number): void {
    if (depth > RECURSION_LIMIT) throw recursionError();
    for (const t of grant.issued_token) {
      if (t.based_on === token.value) {
        t.revoked = true;
        this.#revokeDependent(grant, t, depth + 1);
      }
    }
  }

  /** SessionManager.revoke_grant */
  revokeGrant(sessionId: string): void {
    const path = this.decrypt(sessionId);
    const info = this.get(path);
    info.revoked = true;
    this.set(path, info);
  }

  /** SessionManager.revoke_client_session: the client session, then each grant it lists (a stale entry raises midway). */
  revokeClientSession(sessionId: string): void {
    const parts = this.decrypt(sessionId);
    if (parts.length !== 2 && parts.length !== 3) throw new PyError("ValueError", "Invalid session ID");
    const [userId, clientId] = parts as [string, string];
    const info = this.get([userId, clientId]) as PyNode;
    info.revoke();
    this.set([userId, clientId], info);
    for (const gid of info.subordinate) (this.get([userId, clientId, gid]) as PyGrant).revoked = true;
  }

  /** SessionManager.remove_session → Database.delete */
  removeSession(sessionId: string): void {
    this.delete(this.decrypt(sessionId));
  }

  /**
   * SessionManager.get_session_info: `{session_id, user_id, client_id, grant_id}` plus what the
   * flags ask; with both `grant` and `authentication_event` it subscripts the Grant and raises.
   */
  getSessionInfo(sessionId: string, f: PySessionInfoFlags): Dict {
    const [u, c, g] = this.decrypt(sessionId) as [string, string, string];
    const res: Dict = { session_id: sessionId, user_id: u, client_id: c, grant_id: g };
    let grant: PyGrant | null = null;
    if (f.user_session_info) res.user_session_info = this.get([u]);
    if (f.client_session_info) res.client_session_info = this.get([u, c]);
    if (f.grant) res.grant = this.get([u, c, g]);
    if (f.authentication_event) {
      if (f.grant) throw new PyError("TypeError", "'Grant' object is not subscriptable");
      grant = this.get([u, c, g]) as PyGrant;
      res.authentication_event = grant.authentication_event;
    }
    if (f.authorization_request) {
      if (f.grant) res.authorization_request = (res.grant as PyGrant).authorization_request;
      else res.authorization_request = (grant ?? (this.get([u, c, g]) as PyGrant)).authorization_request;
    }
    return res;
  }

  getClientSessionInfo(sessionId: string): PyRecord {
    const [u, c] = this.decrypt(sessionId) as [string, string];
    return this.get([u, c]);
  }

  getUserSessionInfo(sessionId: string): PyRecord {
    return this.get([this.decrypt(sessionId)[0]!]);
  }

  /** SessionManager.grants(user_id=, client_id=): one lookup per subordinate entry, duplicates included. */
  grants(userId: string, clientId: string): PyRecord[] {
    if (!(truthy(userId) && truthy(clientId))) throw new PyError("AttributeError", "Must have session_id or user_id and client_id");
    const csi = this.get([userId, clientId]) as PyNode;
    return csi.subordinate.map((gid) => this.get([userId, clientId, gid]));
  }
}

const TOKEN_MAP = { authorization_code: 1, access_token: 1, refresh_token: 1, id_token: 1 };

