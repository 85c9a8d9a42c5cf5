// The objects of the Python session managers (idpy-oidc 5.0.0, oidc-op 2.4.3), kept as the
// libraries keep them: dicts are shared by reference where Python shares them, lists may hold
// duplicates and stale entries, and every falsy default follows Python's `x or default`.
// A library profile works on these, so its state can be compared with what the real library did.

/** An exception a library raises: `pyClass` is the Python class name the UI and traces show. */
export class PyError extends Error {
  readonly code = "LIBRARY_RAISED";
  constructor(
    readonly pyClass: string,
    message = "",
  ) {
    super(message);
    this.name = "PyError";
  }
}

/** Python's truthiness for the JSON-like values these objects hold. */
export function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value as object).length > 0;
  return true;
}

/** `value or fallback`, as Python evaluates it. */
export function or<T>(value: T | null | undefined, fallback: T): T {
  return truthy(value) ? (value as T) : fallback;
}

export type Dict = Record<string, unknown>;

/** Python's `key in container` for a dict, list or string. */
export function contains(container: unknown, key: unknown): boolean {
  if (container === null || container === undefined) throw new PyError("TypeError", "argument of type 'NoneType' is not iterable");
  if (Array.isArray(container)) return container.some((x) => x === key);
  if (typeof container === "string") return typeof key === "string" && container.includes(key);
  if (typeof container === "object") return typeof key === "string" && Object.hasOwn(container, key);
  throw new PyError("TypeError", `argument of type '${typeof container}' is not iterable`);
}

/** `d.get(key)` on a value that should be a dict: anything else raises as Python would. */
export function dictGet(d: unknown, key: string | null | undefined): unknown {
  if (d === null || d === undefined) throw new PyError("AttributeError", "'NoneType' object has no attribute 'get'");
  if (typeof d !== "object" || Array.isArray(d)) throw new PyError("AttributeError", `'${Array.isArray(d) ? "list" : typeof d}' object has no attribute 'get'`);
  if (key === null || key === undefined || !Object.hasOwn(d, key)) return undefined;
  return (d as Dict)[key];
}

/** Python's default recursion limit is 1000 frames; cycles saturate long before this many. */
export const RECURSION_LIMIT = 200;

export function recursionError(): PyError {
  return new PyError("RecursionError", "maximum recursion depth exceeded in comparison");
}

export interface ItemArgs {
  usage_rules?: Dict | null;
  issued_at?: number;
  expires_in?: number;
  expires_at?: number;
  not_before?: number;
  revoked?: boolean;
  used?: number;
}

/** `Item` of both libraries' `session/token.py`: times, usage counter and rules. */
export class PyItem {
  usage_rules: Dict;
  issued_at: number;
  not_before: number;
  expires_at: number;
  revoked: boolean;
  used: number;

  constructor(now: number, args: ItemArgs = {}) {
    // Item.__init__: `issued_at or utc_time_sans_frac()`, expires_at from expires_in only when 0.
    this.issued_at = or(args.issued_at, now);
    this.not_before = args.not_before ?? 0;
    const expiresIn = args.expires_in ?? 0;
    const expiresAt = args.expires_at ?? 0;
    this.expires_at = expiresAt === 0 && expiresIn !== 0 ? now + expiresIn : expiresAt;
    this.revoked = args.revoked ?? false;
    this.used = args.used ?? 0;
    this.usage_rules = or(args.usage_rules, {} as Dict);
  }

  /** Item.max_usage_reached */
  maxUsageReached(): boolean {
    if (contains(this.usage_rules, "max_usage")) return this.used >= (this.usage_rules.max_usage as number);
    return false;
  }

  /** Item.is_active: max usage, revoked, not_before, expires_at (strictly after), in that order. */
  isActive(now: number): boolean {
    if (this.maxUsageReached()) return false;
    if (this.revoked) return false;
    if (this.not_before && now < this.not_before) return false;
    if (this.expires_at && now > this.expires_at) return false;
    return true;
  }
}

export const TOKEN_CLASSES: Record<string, string> = {
  authorization_code: "AuthorizationCode",
  access_token: "AccessToken",
  refresh_token: "RefreshToken",
  id_token: "IDToken",
};

export interface TokenArgs extends ItemArgs {
  token_class: string;
  based_on?: string | null;
  scope?: unknown;
  claims?: unknown;
  resources?: unknown;
}

/** `SessionToken` and its four subclasses (`TOKEN_MAP` in `session/grant.py` / `session/token.py`). */
export class PyToken extends PyItem {
  readonly className: string;
  token_class: string;
  value = "";
  /** `uuid1().hex`: set by whoever runs the profile (the traces leave it out). */
  id = "";
  based_on: string | null;
  scope: unknown;
  claims: unknown;
  resources: unknown;

  constructor(now: number, args: TokenArgs) {
    super(now, args);
    this.className = TOKEN_CLASSES[args.token_class] ?? "SessionToken";
    this.token_class = args.token_class;
    this.based_on = args.based_on ?? null;
    this.setDefaults();
    this.scope = or(args.scope, [] as unknown);
    this.claims = or(args.claims, {} as unknown);
    this.resources = or(args.resources, [] as unknown);
  }

  /** AuthorizationCode.set_defaults / RefreshToken.set_defaults: they write into the rules dict, which may be the grant's own. */
  private setDefaults(): void {
    if (this.className === "AuthorizationCode") {
      if (!contains(this.usage_rules, "supports_minting")) this.usage_rules.supports_minting = ["access_token", "refresh_token", "id_token"];
      this.usage_rules.max_usage = 1;
    } else if (this.className === "RefreshToken") {
      if (!contains(this.usage_rules, "supports_minting")) this.usage_rules.supports_minting = ["access_token", "refresh_token"];
    }
  }

  /** SessionToken.supports_minting */
  supportsMinting(tokenClass: string): boolean {
    const s = dictGet(this.usage_rules, "supports_minting");
    if (s === null || s === undefined) return false;
    return contains(s, tokenClass);
  }
}

export interface GrantArgs extends ItemArgs {
  scope?: unknown;
  claims?: unknown;
  resources?: unknown;
  authorization_details?: unknown;
  authorization_request?: Dict | null;
  authentication_event?: Dict | null;
  issued_token?: PyToken[];
  sub?: string;
  extra?: Dict;
}

/** `Grant` of `session/grant.py`. Its id is the trace's symbol (g1, g2, …). */
export class PyGrant extends PyItem {
  readonly className = "Grant";
  id: string;
  scope: unknown;
  claims: unknown;
  resources: unknown;
  authorization_details: unknown;
  authorization_request: Dict | null;
  authentication_event: Dict | null;
  issued_token: PyToken[];
  sub: string;
  extra: Dict;

  constructor(now: number, id: string, args: GrantArgs = {}) {
    super(now, args);
    this.scope = or(args.scope, [] as unknown);
    this.authorization_details = or(args.authorization_details, null);
    this.authorization_request = or(args.authorization_request, null);
    this.authentication_event = or(args.authentication_event, null);
    this.claims = or(args.claims, {} as unknown);
    this.resources = or(args.resources, [] as unknown);
    this.issued_token = or(args.issued_token, [] as PyToken[]);
    this.id = id;
    this.sub = args.sub ?? "";
    this.extra = or(args.extra, {} as Dict);
  }

  /** Grant.get_token: the first token with that value. */
  getToken(value: string): PyToken | null {
    return this.issued_token.find((t) => t.value === value) ?? null;
  }

  /** Grant.find_scope: the based_on chain's first non-empty scope, else the grant's. */
  findScope(basedOn: PyToken | string | null, depth = 0): unknown {
    if (depth > RECURSION_LIMIT) throw recursionError();
    const token = typeof basedOn === "string" ? this.getToken(basedOn) : basedOn;
    if (token) {
      if (truthy(token.scope)) return token.scope;
      if (truthy(token.based_on)) return this.findScope(token.based_on, depth + 1);
    }
    return this.scope;
  }

  /** Grant.add_acr_value: reads `authentication_event.get(...)`, which raises when there is none. */
  addAcrValue(releasePoint: string | null): boolean {
    const release = dictGet(this.claims, releasePoint);
    if (truthy(release)) {
      dictGet(release, "acr");
      dictGet(this.authentication_event, "authn_info");
      // claims_match's answer only decides whether `acr` goes into the token's payload.
      return false;
    }
    return false;
  }
}

export type NodeKind = "user" | "client";

/** `UserSessionInfo` / `ClientSessionInfo` (`session/info.py`). */
export class PyNode {
  subordinate: string[] = [];
  revoked = false;
  constructor(
    readonly kind: NodeKind,
    /** The library's own id field: `id` (idpy-oidc) or `user_id` / `client_id` (oidc-op). */
    readonly idField: "id" | "user_id" | "client_id",
    public id: string,
  ) {}

  get className(): string {
    return this.kind === "user" ? "UserSessionInfo" : "ClientSessionInfo";
  }

  /** SessionInfo.add_subordinate / NodeInfo.add_subordinate: appends only what is not there yet. */
  addSubordinate(value: string): void {
    if (!this.subordinate.includes(value)) this.subordinate.push(value);
  }

  revoke(): void {
    this.revoked = true;
  }
}

export type PyRecord = PyNode | PyGrant;

/** The claims release points of both libraries' `ClaimsInterface`. */
export const CLAIMS_RELEASE_POINTS = ["userinfo", "introspection", "id_token", "access_token"];
