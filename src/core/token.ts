import { systemClock, type Clock } from "./clock.ts";
import { InvalidArgument } from "./errors.ts";
import { createSeededRandom, randomSeed, type Random } from "./random.ts";
import { cloneJson, isPlainObject, isStringArray, ownValue } from "./json.ts";
import { SessionItem, timeProblems, type ItemFields } from "./item.ts";
import { applyTypeDefaults, BUILTIN_TOKEN_TYPES, copyRules, type UsageRules } from "./usage-rules.ts";

/** Fields of a token, all optional when making one. */
export interface TokenFields extends ItemFields {
  value?: string;
  based_on?: string | null;
  id?: string;
  scope?: string[];
  claims?: Record<string, unknown>;
  resources?: string[];
  usage_rules?: UsageRules;
}

/** A token's JSON, as the reference documents it. */
export interface SessionTokenJSON {
  type: string;
  value: string;
  based_on: string | null;
  id: string;
  scope: string[];
  claims: Record<string, unknown>;
  resources: string[];
  issued_at: number;
  not_before: number;
  expires_at: number;
  revoked: boolean;
  used: number;
  usage_rules: UsageRules;
}

export interface TokenOptions {
  clock?: Clock;
  /** Construction defaults for this type; the built-in ones when omitted. */
  defaults?: UsageRules;
  /** Restore exactly as given: no defaults filled in (used by `fromJSON`). */
  restore?: boolean;
  /** Where a token built without an id draws one (an unseeded generator when omitted). */
  random?: Random;
}

/** An issued token: authorization code, access, refresh or ID token, or a custom type. */
export class SessionToken extends SessionItem {
  type: string;
  value: string;
  based_on: string | null;
  id: string;
  scope: string[];
  claims: Record<string, unknown>;
  resources: string[];
  usage_rules: UsageRules;

  /** `new SessionToken(type, fields)`; the type's default usage rules fill in what `fields.usage_rules` leaves out. */
  constructor(type: string, fields: TokenFields = {}, options: TokenOptions = {}) {
    if (typeof type !== "string" || type.length === 0) {
      throw new InvalidArgument("A token type must be a non-empty string.", [{ path: "type", message: "must be a non-empty string" }]);
    }
    // Restored tokens were validated by the caller (the snapshot schema or the grant); skip the second pass.
    if (!options.restore) checkTokenFields(fields);
    const rules = options.restore
      ? copyRules(fields.usage_rules)
      : applyTypeDefaults(type, fields.usage_rules ?? {}, options.defaults ?? ownValue(BUILTIN_TOKEN_TYPES, type));
    super(fields, options.clock ?? systemClock, typeof rules.expires_in === "number" ? rules.expires_in : undefined, options.restore === true);
    this.type = type;
    this.value = fields.value ?? "";
    this.based_on = fields.based_on ?? null;
    // The reference gives every token `uuid1().hex`: a token built on its own gets 32 random hex characters.
    // A restored token keeps what its snapshot said.
    this.id = fields.id ?? (options.restore ? "" : (options.random ?? createSeededRandom(randomSeed())).hex(32));
    this.scope = fields.scope ? [...fields.scope] : [];
    this.claims = fields.claims ? cloneJson(fields.claims) : {};
    this.resources = fields.resources ? [...fields.resources] : [];
    this.usage_rules = rules;
  }

  protected maxUsage(): number | undefined {
    return typeof this.usage_rules.max_usage === "number" ? this.usage_rules.max_usage : undefined;
  }

  /** True only if `usage_rules.supports_minting` lists `type`. */
  supportsMinting(type: string): boolean {
    const list = this.usage_rules.supports_minting;
    return Array.isArray(list) && list.includes(type);
  }

  toJSON(): SessionTokenJSON {
    return {
      type: this.type,
      value: this.value,
      based_on: this.based_on,
      id: this.id,
      scope: [...this.scope],
      claims: cloneJson(this.claims),
      resources: [...this.resources],
      ...this.lifetimeJSON(),
      usage_rules: copyRules(this.usage_rules),
    };
  }
}

/** An authorization code: mints access, refresh and ID tokens; used at most once. */
export class AuthorizationCode extends SessionToken {
  constructor(fields: TokenFields = {}, options: TokenOptions = {}) {
    super("authorization_code", fields, options);
  }
}

export class AccessToken extends SessionToken {
  constructor(fields: TokenFields = {}, options: TokenOptions = {}) {
    super("access_token", fields, options);
  }
}

/** A refresh token: mints access and refresh tokens. */
export class RefreshToken extends SessionToken {
  constructor(fields: TokenFields = {}, options: TokenOptions = {}) {
    super("refresh_token", fields, options);
  }
}

export class IdToken extends SessionToken {
  constructor(fields: TokenFields = {}, options: TokenOptions = {}) {
    super("id_token", fields, options);
  }
}

const TOKEN_CLASSES: Record<string, new (fields?: TokenFields, options?: TokenOptions) => SessionToken> = {
  authorization_code: AuthorizationCode,
  access_token: AccessToken,
  refresh_token: RefreshToken,
  id_token: IdToken,
};

/** Makes a token of `type`, as the class for that type when it is built in. */
export function createToken(type: string, fields: TokenFields, options: TokenOptions): SessionToken {
  const Cls = ownValue(TOKEN_CLASSES, type);
  return Cls ? new Cls(fields, options) : new SessionToken(type, fields, options);
}

/** Validates a token's own fields so a bad one is refused before anything is made. */
export function checkTokenFields(fields: TokenFields, prefix = ""): void {
  if (!isPlainObject(fields)) {
    throw new InvalidArgument("Token fields must be an object.", [{ path: prefix || "(root)", message: "must be an object" }]);
  }
  const problems = timeProblems(fields, prefix);
  if (fields.value !== undefined && typeof fields.value !== "string") problems.push({ path: prefix + "value", message: "must be a string" });
  if (fields.based_on != null && typeof fields.based_on !== "string") problems.push({ path: prefix + "based_on", message: "must be a token value (string) or null" });
  if (fields.id !== undefined && typeof fields.id !== "string") problems.push({ path: prefix + "id", message: "must be a string" });
  if (fields.scope !== undefined && !isStringArray(fields.scope)) problems.push({ path: prefix + "scope", message: "must be a list of strings" });
  if (fields.resources !== undefined && !isStringArray(fields.resources)) problems.push({ path: prefix + "resources", message: "must be a list of strings" });
  if (fields.claims !== undefined && !isPlainObject(fields.claims)) problems.push({ path: prefix + "claims", message: "must be an object" });
  if (fields.usage_rules !== undefined) problems.push(...checkUsageRules(fields.usage_rules, prefix + "usage_rules"));
  if (problems.length) {
    throw new InvalidArgument(`Invalid token fields: ${problems.map((p) => `${p.path} ${p.message}`).join("; ")}.`, problems);
  }
}

/** Problems with one set of usage rules. */
export function checkUsageRules(rules: unknown, path: string): { path: string; message: string }[] {
  if (!isPlainObject(rules)) return [{ path, message: "must be an object" }];
  const problems = [];
  const r = rules as UsageRules;
  if (r.expires_in !== undefined && (!Number.isSafeInteger(r.expires_in) || r.expires_in < 0)) {
    problems.push({ path: `${path}.expires_in`, message: "must be a whole, non-negative number of seconds" });
  }
  if (r.max_usage !== undefined && (!Number.isSafeInteger(r.max_usage) || r.max_usage < 0)) {
    problems.push({ path: `${path}.max_usage`, message: "must be a whole, non-negative number" });
  }
  if (r.supports_minting !== undefined && !isStringArray(r.supports_minting)) {
    problems.push({ path: `${path}.supports_minting`, message: "must be a list of token types" });
  }
  return problems;
}
