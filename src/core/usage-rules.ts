import { defineKey, ownValue } from "./json.ts";

/** Rules a token (or a grant's default for a token type) follows. */
export interface UsageRules {
  expires_in?: number;
  supports_minting?: string[];
  max_usage?: number;
  [k: string]: unknown;
}

/** Construction defaults per token type: type → rules. */
export type TokenMap = Record<string, UsageRules>;

/** The built-in token types and their defaults (oidc-op / idpy-oidc). */
export const BUILTIN_TOKEN_TYPES: Readonly<TokenMap> = Object.freeze({
  authorization_code: { supports_minting: ["access_token", "refresh_token", "id_token"], max_usage: 1 },
  access_token: {},
  refresh_token: { supports_minting: ["access_token", "refresh_token"] },
  id_token: {},
});

/** Fills in defaults without overriding a given rule; the code's `max_usage = 1` is forced. */
export function applyTypeDefaults(type: string, rules: UsageRules, defaults: UsageRules | undefined): UsageRules {
  const out: UsageRules = copyRules(rules);
  if (defaults) {
    for (const key of Object.keys(defaults)) {
      if (ownValue(out, key) === undefined) defineKey(out, key, copyValue(defaults[key]));
    }
  }
  if (type === "authorization_code") out.max_usage = 1;
  return out;
}

export function copyRules(rules: UsageRules | undefined): UsageRules {
  const out: UsageRules = {};
  if (!rules) return out;
  for (const key of Object.keys(rules)) {
    if (rules[key] !== undefined) defineKey(out, key, copyValue(rules[key]));
  }
  return out;
}

function copyValue(v: unknown): unknown {
  return Array.isArray(v) ? [...v] : v;
}
