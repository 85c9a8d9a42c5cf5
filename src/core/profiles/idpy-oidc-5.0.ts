// idpy-oidc 5.0.0 (IdentityPython/idpy-oidc fd283e2), `idpyoidc.server.session`: how its session
// manager really behaves, call by call. Every quirk names the library function that does it.
import { CLAIMS_RELEASE_POINTS, contains, dictGet, PyError, PyGrant, PyNode, recursionError, RECURSION_LIMIT, truthy, type Dict, type PyRecord, PyToken } from "./python-objects.ts";
import { GRANT_PARAMETERS, PythonSessionManager, requestHas, type PyCreateSessionArgs, type PyMintArgs, type PySessionInfoFlags } from "./python-session-manager.ts";

const NODE_TYPES = ["user", "client", "grant"] as const;

export class IdpyOidcSessionManager extends PythonSessionManager {
  readonly grantParameters = GRANT_PARAMETERS;

  // ---- database.py: Database ---------------------------------------------------------------

  /**
   * Database.set: writes every node of the branch, making missing ones, and lists each child in
   * its parent's subordinate by its *full key* ("diana;;client_1;;g1").
   */
  set(path: string[], value: PyRecord): void {
    let superior: PyRecord | null = null;
    for (let i = 0; i < path.length; i++) {
      const key = this.key(...path.slice(0, i + 1));
      let info = this.db.get(key);
      if (info === undefined) {
        info = i === path.length - 1 ? value : new PyNode(NODE_TYPES[i] === "user" ? "user" : "client", "id", path[i]!);
      } else if (i === path.length - 1) {
        info = value;
      }
      if (superior instanceof PyNode && !superior.subordinate.includes(key)) superior.addSubordinate(key);
      this.db.set(key, info);
      superior = info;
    }
  }

  /** Database.get: `db[branch_key(*path)]`, a KeyError naming the key. */
  get(path: string[]): PyRecord {
    return this.item(this.key(...path));
  }

  /** Database.delete_sub_tree */
  #deleteSubTree(key: string): void {
    const node = this.item(key);
    if (node instanceof PyNode) for (const s of node.subordinate) this.#deleteSubTree(s);
    this.db.delete(key);
  }

  /**
   * Database.delete: from the leaf upwards, unlinking each level from its parent and stopping at
   * a parent that keeps other children. A grant already gone still walks up the path.
   */
  delete(path: string[]): void {
    if (!this.db.has(path[0]!)) return;
    if (path.length === 1) {
      this.db.delete(path[0]!);
      return;
    }
    let sub: string | null = null;
    for (let i = 0; i < path.length; i++) {
      const key = this.key(...path.slice(0, path.length - i));
      const node = this.db.get(key);
      if (node !== undefined) {
        if (sub) {
          const subordinate = (node as PyNode).subordinate;
          const at = subordinate.indexOf(sub);
          if (at >= 0) {
            subordinate.splice(at, 1);
            if (subordinate.length === 0) this.db.delete(key);
            else return;
          }
        } else {
          if (node instanceof PyNode && node.subordinate.length) for (const s of node.subordinate) this.#deleteSubTree(s);
          this.db.delete(key);
        }
      }
      sub = key;
    }
  }

  // ---- grant_manager.py: GrantManager ------------------------------------------------------

  lookup(sessionId: string): PyRecord {
    return this.get(this.decrypt(sessionId));
  }

  /** GrantManager._setup_branch: makes each missing node of the path (user, client). */
  #setupBranch(path: string[]): void {
    for (let i = 0; i < path.length; i++) {
      const id = path.slice(0, i + 1);
      if (!this.db.has(this.key(...id))) this.set(id, new PyNode(NODE_TYPES[i] === "user" ? "user" : "client", "id", id[i]!));
    }
  }

  /**
   * GrantManager.add_grant(path=[user, client], **kwargs): returns a session id, not a Grant. The
   * branch is made before the Grant, so a Grant that cannot be built leaves the nodes behind.
   */
  addGrant(userId: string, clientId: string, kwargs: Dict, tokenUsageRules?: Dict | null): { sessionId: string; returned: string } {
    const path = [userId, clientId];
    this.#setupBranch(path);
    const args = this.filterGrantArgs(kwargs);
    if (!("usage_rules" in args) && truthy(tokenUsageRules)) args.usage_rules = tokenUsageRules;
    const grant = this.newGrant(args);
    this.set([...path, grant.id], grant);
    const sessionId = this.key(...path, grant.id);
    return { sessionId, returned: sessionId };
  }

  /** GrantManager.get_node_info(sid, node_type=…): the node at that level of the path. */
  #nodeInfo(sessionId: string, level: number): PyRecord {
    return this.get(this.decrypt(sessionId).slice(0, level + 1));
  }

  /** GrantManager.branch_info: every node of the path; a missing one is InvalidBranchID. */
  #branchInfo(sessionId: string): Dict {
    const path = this.decrypt(sessionId);
    const nodes: PyRecord[] = [];
    for (let i = 0; i < path.length; i++) {
      const node = this.db.get(this.key(...path.slice(0, i + 1)));
      if (node === undefined) throw new PyError("InvalidBranchID", sessionId);
      nodes.push(node);
    }
    const res: Dict = { branch_id: sessionId };
    NODE_TYPES.forEach((type, i) => {
      res[type] = nodes[i];
      res[`${type}_id`] = path[i];
    });
    return res;
  }

  // ---- manager.py: SessionManager ----------------------------------------------------------

  /**
   * SessionManager.create_session → create_grant: the scope defaults to the request's; the
   * request's `resource` becomes the grant's resources; without client_id the grant is filed
   * under client "" (`make_path`), never under the request's client_id.
   */
  createSession(a: PyCreateSessionArgs): string {
    const req = a.auth_req;
    let sector = "";
    let claims: unknown = {};
    let scopes = a.scopes;
    if (truthy(req)) {
      sector = (dictGet(req, "sector_identifier_uri") as string | undefined) ?? "";
      claims = requestHas(req, "claims") ? req!.claims : {};
      // AuthorizationRequest holds `scope` as a list of space-separated strings.
      if (scopes === undefined) scopes = scopeList(dictGet(req, "scope"));
    }
    let resources: unknown = [];
    if (requestHas(req, "resource")) resources = typeof req!.resource === "string" ? [req!.resource] : req!.resource;
    if (requestHas(req, "audience")) {
      const aud = req!.audience;
      resources = [...(resources as unknown[]), ...(typeof aud === "string" ? [aud] : (aud as unknown[]))];
    }
    const sub = this.subject(a.sub_type ?? "public", a.user_id, sector);
    return this.addGrant(a.user_id, a.client_id ?? "", {
      authorization_request: req,
      authentication_event: a.authn_event,
      sub,
      usage_rules: a.token_usage_rules ?? null,
      scope: scopes ?? null,
      claims,
      resources,
    }).sessionId;
  }

  /** SessionManager.find_token */
  findToken(sessionId: string, value: string): PyToken | null {
    const grant = this.get(this.decrypt(sessionId)) as PyGrant;
    return grant.issued_token.find((t) => t.value === value) ?? null;
  }

  /**
   * Grant.mint_token (idpy-oidc): an inactive grant returns None; `based_on.used += 1` after every
   * mint from a token (so a code is used up by its first mint); the grant's `used` goes up too.
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
    // `claims` is a list of names, turned into `{name: None}`.
    const claims = truthy(a.claims) ? Object.fromEntries(Object.keys(a.claims!).map((k) => [k, null])) : a.claims;
    // `_aud = set(resources)`: the order of a set means nothing; it is kept sorted here.
    const resources = a.resources && a.resources.length ? [...new Set(a.resources)].sort() : a.resources;
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
      claims,
      resources,
    });
    // payload_arguments: without the token's own claims, ClaimsInterface.get_claims →
    // get_session_info(grant=True) → branch_info, which raises InvalidBranchID on a broken branch.
    if (!truthy(item.claims)) this.#branchInfo(sessionId);
    grant.addAcrValue(CLAIMS_RELEASE_POINTS.includes(a.token_class) ? a.token_class : "");
    grant.addAcrValue(null);
    item.value = a.value;
    if (basedOn) basedOn.used += 1;
    grant.issued_token.push(item);
    grant.used += 1;
    return item;
  }

  /** SessionManager.revoke_token: that token, then with `recursive` Grant.revoke_token(value=…). */
  revokeToken(sessionId: string, value: string, recursive = false): void {
    const token = this.findToken(sessionId, value);
    if (token === null) throw new PyError("UnknownToken", "");
    token.revoked = true;
    if (recursive) {
      const grant = this.lookup(sessionId) as PyGrant;
      this.#grantRevokeToken(grant, token.value, "", 0);
    }
  }

  /**
   * Grant.revoke_token(value=, based_on=): every token with that value (not only the first), and
   * recursively what was minted from each; no visited set, so a self-referencing chain never ends.
   */
  #grantRevokeToken(grant: PyGrant, value: string, basedOn: string, depth: number): void {
    if (depth > RECURSION_LIMIT) throw recursionError();
    for (const t of grant.issued_token) {
      if (!value && !basedOn) t.revoked = true;
      else if (value && basedOn) {
        if (value === t.value && basedOn === t.based_on) t.revoked = true;
      } else if (value && t.value === value) {
        t.revoked = true;
        this.#grantRevokeToken(grant, "", t.value, depth + 1);
      } else if (basedOn && t.based_on === basedOn) {
        t.revoked = true;
        this.#grantRevokeToken(grant, "", t.value, depth + 1);
      }
    }
  }

  /** SessionManager.revoke_grant → GrantManager._revoke_tree(get_grant(sid)) */
  revokeGrant(sessionId: string): void {
    const grant = this.#nodeInfo(sessionId, 2);
    if (!(grant instanceof PyGrant)) throw new PyError("ValueError", "Wrong type of item");
    grant.revoked = true;
  }

  /** SessionManager.revoke_client_session → revoke_sub_tree(sid, 1): the client node and each subordinate key (a stale key raises midway). */
  revokeClientSession(sessionId: string): void {
    this.#revokeTree(this.#nodeInfo(sessionId, 1));
  }

  #revokeTree(node: PyRecord): void {
    node.revoked = true;
    if (node instanceof PyNode) for (const s of node.subordinate) this.#revokeTree(this.item(s));
  }

  /** SessionManager.remove_session → remove_branch → Database.delete */
  removeSession(sessionId: string): void {
    this.delete(this.decrypt(sessionId));
  }

  /** SessionManager.get_session_info: branch_info's keys (branch_id, user, user_id, …); the flags for the session infos are ignored. */
  getSessionInfo(sessionId: string, f: PySessionInfoFlags): Dict {
    const res = this.#branchInfo(sessionId);
    if (f.authentication_event) res.authentication_event = (res.grant as PyGrant).authentication_event;
    if (f.authorization_request) res.authorization_request = (res.grant as PyGrant).authorization_request;
    return res;
  }

  getClientSessionInfo(sessionId: string): PyRecord {
    const node = this.#nodeInfo(sessionId, 1);
    if (!(node instanceof PyNode)) throw new PyError("ValueError", "Wrong type of session info");
    return node;
  }

  getUserSessionInfo(sessionId: string): PyRecord {
    const node = this.#nodeInfo(sessionId, 0);
    if (!(node instanceof PyNode)) throw new PyError("ValueError", "Wrong type of session info");
    return node;
  }

  /** GrantManager.grants(path=[user, client]) → _grants: subordinates that are still in the db. */
  grants(userId: string, clientId: string): PyRecord[] {
    const info = this.get([userId, clientId]) as PyNode;
    const out: PyRecord[] = [];
    for (const key of info.subordinate) {
      const s = this.db.get(key);
      if (s === undefined) continue;
      if (s instanceof PyGrant) out.push(s);
      else throw new PyError("AttributeError", `'${s.className}' object has no attribute 'split'`);
    }
    return out;
  }
}

const TOKEN_MAP = { authorization_code: 1, access_token: 1, refresh_token: 1, id_token: 1 };

/** What oidcmsg makes of a request's `scope`: a list of the space-separated words. */
function scopeList(scope: unknown): unknown {
  if (typeof scope === "string") return scope.split(" ").filter((s) => s.length > 0);
  return scope;
}
