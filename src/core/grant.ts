import { systemClock, type Clock } from "./clock.ts";
import { InvalidArgument, MintingNotAllowed, UnknownTokenType, type Problem } from "./errors.ts";
import { SessionItem, timeProblems, type ItemFields } from "./item.ts";
import { cloneJson, defineKey, isObjectArg, isPlainObject, isStringArray, ownValue } from "./json.ts";
import { assertId } from "./keys.ts";
import { createSeededRandom, randomSeed, type Random } from "./random.ts";
import { checkTokenFields, checkUsageRules, createToken, SessionToken, type SessionTokenJSON, type TokenFields } from "./token.ts";
import { BUILTIN_TOKEN_TYPES, copyRules, type TokenMap, type UsageRules } from "./usage-rules.ts";

/** An authentication event, as stored on a grant. */
export interface AuthnEvent {
  uid: string;
  authn_info?: string;
  authn_time: number;
  valid_until: number;
  [k: string]: unknown;
}

/** Fields of a grant, all optional when making one. */
export interface GrantFields extends ItemFields {
  id?: string;
  scope?: string[];
  claims?: Record<string, unknown>;
  resources?: string[];
  authorization_details?: unknown;
  authorization_request?: Record<string, unknown> | null;
  authentication_event?: AuthnEvent | null;
  sub?: string;
  usage_rules?: Record<string, UsageRules>;
  issued_token?: (SessionToken | SessionTokenJSON)[];
}

/** The fields `SessionManager.addGrant` accepts (anything else is refused by name). */
export const GRANT_FIELD_NAMES = [
  "scope", "claims", "resources", "authorization_details", "authorization_request", "authentication_event",
  "usage_rules", "issued_at", "expires_in", "expires_at", "not_before", "revoked", "sub",
] as const;

export interface GrantJSON {
  type: "grant";
  id: string;
  scope: string[];
  claims: Record<string, unknown>;
  resources: string[];
  authorization_details: unknown;
  authorization_request: Record<string, unknown> | null;
  authentication_event: AuthnEvent | null;
  sub: string;
  usage_rules: Record<string, UsageRules>;
  issued_token: SessionTokenJSON[];
  issued_at: number;
  not_before: number;
  expires_at: number;
  revoked: boolean;
  used: number;
}

export interface GrantOptions {
  clock?: Clock;
  random?: Random;
  /** Token types this grant can mint and their construction defaults, added to the built-in four. */
  tokenMap?: TokenMap;
  /** The manager's default usage rules per type, below the grant's own `usage_rules`. */
  usagePolicy?: Record<string, UsageRules>;
  /** Makes a token value; the default is a type prefix and 32 random hex characters. */
  generateValue?: (type: string) => string;
  /** Restore saved state exactly (tokens as stored, times as given). */
  restore?: boolean;
}

/** Options of `grant.mintToken`. `basedOn` is the token (of this grant) the new one is minted from. */
export interface MintOptions {
  value?: string;
  basedOn?: SessionToken;
  usageRules?: UsageRules;
  scope?: string[];
  claims?: Record<string, unknown>;
  resources?: string[];
  expiresIn?: number;
  expiresAt?: number;
  notBefore?: number;
  issuedAt?: number;
}

const VALUE_PREFIX: Record<string, string> = {
  authorization_code: "code_",
  access_token: "at_",
  refresh_token: "rt_",
  id_token: "idt_",
};

/** The default token value: a prefix per type (`code_`, `at_`, `rt_`, `idt_`, else `<type>_`) and 32 hex characters. */
export function defaultTokenValue(random: Random, type: string): string {
  return (ownValue(VALUE_PREFIX, type) ?? `${type}_`) + random.hex(32);
}

/** Which walk last expanded a child list (see `#descendants`). */
const expanded = new WeakMap<SessionToken[], number>();

/**
 * A grant: what a user allowed a client, and the tokens issued under it.
 * Keeps an index from a token value to the tokens minted from it, so recursive revocation
 * and status checks cost the size of the chain, not a scan of every token.
 */
export class Grant extends SessionItem {
  readonly type = "grant";
  id: string;
  scope: string[];
  claims: Record<string, unknown>;
  resources: string[];
  authorization_details: unknown;
  authorization_request: Record<string, unknown> | null;
  authentication_event: AuthnEvent | null;
  sub: string;
  usage_rules: Record<string, UsageRules>;
  issued_token: SessionToken[];
  /** Told of each token minted here; a private field, so it is neither data nor compared. */
  #onMint: ((token: SessionToken) => void) | undefined;

  #random: Random | undefined;
  #tokenMap: TokenMap;
  #usagePolicy: Record<string, UsageRules>;
  #generateValue: ((type: string) => string) | undefined;
  // Index over issued_token, rebuilt lazily if the array is replaced or shrinks.
  #indexed: SessionToken[] | null = null;
  #indexedLength = 0;
  #byValue = new Map<string, SessionToken[]>();
  #children = new Map<string, SessionToken[]>();
  #members = new Set<SessionToken>();
  #walk = 0;

  /** `new Grant(fields?, options?)`; the id is generated from `options.random` when not given. */
  /**
   * Calls `listener` after each token this grant mints, also when it is minted on the grant
   * directly rather than through the manager (which keeps its value index current this way).
   * `undefined` stops it.
   */
  onMint(listener: ((token: SessionToken) => void) | undefined): void {
    this.#onMint = listener;
  }

  constructor(fields: GrantFields = {}, options: GrantOptions = {}) {
    // Restored grants come from a validated snapshot; checking 100,000 tokens twice is what made loading slow.
    if (!options.restore) checkGrantFields(fields);
    const clock = options.clock ?? systemClock;
    super(fields, clock, undefined, options.restore === true);
    this.#random = options.random;
    this.#tokenMap = { ...BUILTIN_TOKEN_TYPES, ...(options.tokenMap ?? {}) };
    this.#usagePolicy = options.usagePolicy ?? {};
    this.#generateValue = options.generateValue;
    this.id = fields.id ?? this.random().hex(32);
    this.scope = fields.scope ? [...fields.scope] : [];
    this.claims = fields.claims ? cloneJson(fields.claims) : {};
    this.resources = fields.resources ? [...fields.resources] : [];
    this.authorization_details = fields.authorization_details === undefined ? null : cloneJson(fields.authorization_details);
    this.authorization_request = fields.authorization_request == null ? null : cloneJson(fields.authorization_request);
    this.authentication_event = fields.authentication_event == null ? null : cloneJson(fields.authentication_event);
    this.sub = fields.sub ?? "";
    this.usage_rules = {};
    for (const [type, rules] of Object.entries(fields.usage_rules ?? {})) defineKey(this.usage_rules, type, copyRules(rules));
    this.issued_token = (fields.issued_token ?? []).map((t) =>
      t instanceof SessionToken ? t : createToken(t.type, t, { clock, restore: true }),
    );
  }

  protected maxUsage(): number | undefined {
    return undefined;
  }

  private random(): Random {
    // A grant made on its own still works, with an unseeded generator.
    this.#random ??= createSeededRandom(randomSeed());
    return this.#random;
  }

  /** The token types this grant can mint. */
  tokenTypes(): string[] {
    return Object.keys(this.#tokenMap);
  }

  #ensureIndex(): void {
    if (this.#indexed !== this.issued_token || this.issued_token.length < this.#indexedLength) {
      this.#byValue.clear();
      this.#children.clear();
      this.#members.clear();
      this.#indexed = this.issued_token;
      this.#indexedLength = 0;
    }
    for (let i = this.#indexedLength; i < this.issued_token.length; i++) this.#index(this.issued_token[i]);
    this.#indexedLength = this.issued_token.length;
  }

  #index(token: SessionToken): void {
    this.#members.add(token);
    push(this.#byValue, token.value, token);
    if (token.based_on != null) push(this.#children, token.based_on, token);
  }

  /**
   * Mints a token of `type` under this grant, optionally from `basedOn`.
   * Throws `UnknownTokenType`, `InvalidArgument`, or `MintingNotAllowed` with reason
   * `grant_inactive`, `not_supported` or `token_inactive`; a refused mint changes nothing.
   */
  mintToken(type: string, opts: MintOptions = {}): SessionToken {
    if (!Object.hasOwn(this.#tokenMap, type)) throw new UnknownTokenType(String(type), Object.keys(this.#tokenMap));
    if (!isObjectArg(opts)) throw new InvalidArgument("Mint options must be an object.", [{ path: "opts", message: "must be an object" }]);
    if (opts.value !== undefined && (typeof opts.value !== "string" || opts.value.length === 0)) {
      throw new InvalidArgument("A token value must be a non-empty string; leave it out to have one generated.", [{ path: "value", message: "must be a non-empty string" }]);
    }
    this.#ensureIndex();
    const basedOn = opts.basedOn;
    if (basedOn !== undefined && !(basedOn instanceof SessionToken && this.#members.has(basedOn))) {
      throw new InvalidArgument("basedOn must be a token issued under this grant.", [{ path: "basedOn", message: "must be a token of this grant" }]);
    }
    if (!this.isActive()) {
      throw new MintingNotAllowed("grant_inactive", `Grant ${this.id} is not active (${this.inactiveReason()}); no token can be minted from it.`);
    }
    if (basedOn) {
      if (!basedOn.supportsMinting(type)) {
        const allowed = basedOn.usage_rules.supports_minting;
        throw new MintingNotAllowed(
          "not_supported",
          `A ${basedOn.type} cannot mint a ${type}: its usage rules allow ${Array.isArray(allowed) && allowed.length ? allowed.join(", ") : "no minting"}.`,
        );
      }
      if (!basedOn.isActive()) {
        throw new MintingNotAllowed(
          "token_inactive",
          `The ${basedOn.type} "${basedOn.value}" is not active (${tokenInactiveReason(basedOn)}), so nothing can be minted from it.`,
        );
      }
    }
    const usageRules = opts.usageRules ?? ownValue(this.usage_rules, type) ?? ownValue(this.#usagePolicy, type) ?? {};
    const fields: TokenFields = {
      // Drawn below, after the value, so the generator's sequence (and every stored journal) stays as it was.
      id: "",
      value: opts.value ?? "",
      based_on: basedOn ? basedOn.value : null,
      scope: opts.scope ?? this.#findScope(basedOn),
      claims: opts.claims,
      resources: opts.resources,
      usage_rules: usageRules,
      expires_in: opts.expiresIn,
      expires_at: opts.expiresAt,
      not_before: opts.notBefore,
      issued_at: opts.issuedAt,
    };
    // Construct first (it validates), then draw random id/value: a refused mint must not move the generator.
    const token = createToken(type, fields, { clock: this.clock, defaults: this.#tokenMap[type] });
    if (opts.value === undefined) {
      token.value = this.#generateValue ? this.#generateValue(type) : defaultTokenValue(this.random(), type);
    }
    token.id = this.random().hex(32);
    this.issued_token.push(token);
    this.#ensureIndex();
    this.used += 1;
    this.#onMint?.(token);
    return token;
  }

  /** The nearest non-empty scope up the `based_on` chain, else the grant's. */
  #findScope(start: SessionToken | undefined): string[] {
    const seen = new Set<SessionToken>();
    let t = start;
    while (t && !seen.has(t)) {
      if (t.scope.length) return [...t.scope];
      seen.add(t);
      t = t.based_on == null ? undefined : this.getToken(t.based_on);
    }
    return [...this.scope];
  }

  /** The first issued token with this value, or `undefined`. */
  getToken(value: string): SessionToken | undefined {
    this.#ensureIndex();
    return this.#byValue.get(value)?.[0];
  }

  /** Every issued token with this value, in issue order (values may repeat). */
  getTokens(value: string): SessionToken[] {
    this.#ensureIndex();
    return [...(this.#byValue.get(value) ?? [])];
  }

  /** Tokens whose `based_on` is `value`, in issue order. */
  childrenOf(value: string): SessionToken[] {
    this.#ensureIndex();
    return [...(this.#children.get(value) ?? [])];
  }

  /** The token `token` was minted from (the first with its `based_on` value), if any. */
  parentOf(token: SessionToken): SessionToken | undefined {
    return token.based_on == null ? undefined : this.getToken(token.based_on);
  }

  /**
   * Revokes tokens the way the reference does: neither argument, every token; both, the tokens
   * matching both; `value`, those tokens and (if `recursive`) everything minted from them;
   * `basedOn`, the tokens minted from it and (if `recursive`) their descendants.
   * Returns the revoked values, breadth first.
   */
  revokeToken({ value, basedOn, recursive = true }: { value?: string; basedOn?: string; recursive?: boolean } = {}): string[] {
    this.#ensureIndex();
    const out: string[] = [];
    if (!value && !basedOn) {
      for (const t of this.issued_token) {
        t.revoke();
        out.push(t.value);
      }
    } else if (value && basedOn) {
      for (const t of this.#children.get(basedOn) ?? []) {
        if (t.value === value) {
          t.revoke();
          out.push(t.value);
        }
      }
    } else if (value) {
      for (const t of this.#byValue.get(value) ?? []) {
        t.revoke();
        out.push(t.value);
      }
      if (recursive && out.length) this.revokeDescendants(value, out);
    } else if (basedOn) {
      if (recursive) this.revokeDescendants(basedOn, out);
      else {
        for (const t of this.#children.get(basedOn) ?? []) {
          t.revoke();
          out.push(t.value);
        }
      }
    }
    return out;
  }

  /** Revokes every token minted from `value`, transitively, appending their values to `out` breadth first. */
  revokeDescendants(value: string, out: string[] = []): string[] {
    this.#ensureIndex();
    for (const t of this.#descendants(value)) {
      t.revoke();
      out.push(t.value);
    }
    return out;
  }

  /** Every token minted from `value`, transitively, breadth first, each once. */
  descendantsOf(value: string): SessionToken[] {
    this.#ensureIndex();
    return this.#descendants(value);
  }

  #descendants(value: string): SessionToken[] {
    const out: SessionToken[] = [];
    // Each value's child list is expanded once per walk (values may repeat, even in a loop):
    // a per-walk mark on the list is cheaper than a Set of 100,000 visited values.
    const walk = ++this.#walk;
    const start = this.#children.get(value);
    if (!start) return out;
    expanded.set(start, walk);
    const queue: SessionToken[][] = [start];
    for (let i = 0; i < queue.length; i++) {
      for (const child of queue[i]) {
        out.push(child);
        const grandchildren = this.#children.get(child.value);
        if (grandchildren && expanded.get(grandchildren) !== walk) {
          expanded.set(grandchildren, walk);
          queue.push(grandchildren);
        }
      }
    }
    return out;
  }

  /**
   * What `token` may be used for: `null` if the grant or the token is inactive; else scope,
   * claims and resources, each from the token when non-empty, else from the grant (empty ones left out).
   * Deviation: the reference never checked the token.
   */
  getSpec(token: SessionToken): { scope?: string[]; claims?: Record<string, unknown>; resources?: string[] } | null {
    if (!this.isActive() || !token.isActive()) return null;
    const spec: { scope?: string[]; claims?: Record<string, unknown>; resources?: string[] } = {};
    const scope = token.scope.length ? token.scope : this.scope;
    const claims = Object.keys(token.claims).length ? token.claims : this.claims;
    const resources = token.resources.length ? token.resources : this.resources;
    if (scope.length) spec.scope = [...scope];
    if (Object.keys(claims).length) spec.claims = cloneJson(claims);
    if (resources.length) spec.resources = [...resources];
    return spec;
  }

  /** The newest token of `type` by `issued_at` (the first issued wins a tie), or `undefined`. */
  lastIssuedTokenOfType(type: string): SessionToken | undefined {
    let best: SessionToken | undefined;
    for (const t of this.issued_token) {
      if (t.type === type && (!best || t.issued_at > best.issued_at)) best = t;
    }
    return best;
  }

  /** Why the grant is inactive, in words. */
  inactiveReason(now: number = this.clock.now()): string {
    if (this.revoked) return "revoked";
    if (this.isExpired(now)) return `expired at ${this.expires_at}`;
    if (this.notYetValid(now)) return `not valid before ${this.not_before}`;
    return "active";
  }

  toJSON(): GrantJSON {
    const usage_rules: Record<string, UsageRules> = {};
    for (const [type, rules] of Object.entries(this.usage_rules)) defineKey(usage_rules, type, copyRules(rules));
    return {
      type: "grant",
      id: this.id,
      scope: [...this.scope],
      claims: cloneJson(this.claims),
      resources: [...this.resources],
      authorization_details: cloneJson(this.authorization_details),
      authorization_request: cloneJson(this.authorization_request),
      authentication_event: cloneJson(this.authentication_event),
      sub: this.sub,
      usage_rules,
      issued_token: this.issued_token.map((t) => t.toJSON()),
      ...this.lifetimeJSON(),
    };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Why a token is inactive, in words. */
export function tokenInactiveReason(token: SessionToken, now?: number): string {
  if (token.revoked) return "revoked";
  if (token.maxUsageReached()) return `used ${token.used} of ${token.usage_rules.max_usage} times`;
  if (token.isExpired(now)) return `expired at ${token.expires_at}`;
  if (token.notYetValid(now)) return `not valid before ${token.not_before}`;
  return "active";
}

/** Validates grant fields so a bad grant is refused before anything is made. */
export function checkGrantFields(fields: GrantFields, prefix = ""): void {
  if (!isPlainObject(fields)) {
    throw new InvalidArgument("Grant fields must be an object.", [{ path: prefix || "(root)", message: "must be an object" }]);
  }
  const problems: Problem[] = timeProblems(fields, prefix);
  if (fields.id !== undefined) {
    try {
      assertId(fields.id, "id");
    } catch (e) {
      problems.push({ path: prefix + "id", message: (e as Error).message });
    }
  }
  if (fields.scope !== undefined && !isStringArray(fields.scope)) problems.push({ path: prefix + "scope", message: "must be a list of strings" });
  if (fields.resources !== undefined && !isStringArray(fields.resources)) problems.push({ path: prefix + "resources", message: "must be a list of strings" });
  if (fields.claims !== undefined && !isPlainObject(fields.claims)) problems.push({ path: prefix + "claims", message: "must be an object" });
  for (const key of ["authorization_request", "authentication_event"] as const) {
    if (fields[key] != null && !isPlainObject(fields[key])) problems.push({ path: prefix + key, message: "must be an object or null" });
  }
  if (fields.sub !== undefined && typeof fields.sub !== "string") problems.push({ path: prefix + "sub", message: "must be a string" });
  if (fields.usage_rules !== undefined) {
    if (!isPlainObject(fields.usage_rules)) problems.push({ path: prefix + "usage_rules", message: "must map token types to usage rules" });
    else for (const [type, rules] of Object.entries(fields.usage_rules)) problems.push(...checkUsageRules(rules, `${prefix}usage_rules.${type}`));
  }
  if (fields.issued_token !== undefined) {
    if (!Array.isArray(fields.issued_token)) problems.push({ path: prefix + "issued_token", message: "must be a list of tokens" });
    else {
      fields.issued_token.forEach((t, i) => {
        if (t instanceof SessionToken) return;
        try {
          checkTokenFields(t as TokenFields, `${prefix}issued_token[${i}].`);
          if (typeof (t as SessionTokenJSON).type !== "string") throw new InvalidArgument("", [{ path: `${prefix}issued_token[${i}].type`, message: "must be a token type" }]);
        } catch (e) {
          problems.push(...((e as InvalidArgument).problems ?? []));
        }
      });
    }
  }
  if (problems.length) {
    throw new InvalidArgument(`Invalid grant: ${problems.map((p) => `${p.path} ${p.message}`).join("; ")}.`, problems);
  }
}
