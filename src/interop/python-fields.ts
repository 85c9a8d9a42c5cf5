import { DIVIDER } from "../core/index.ts";
import type { DumpLayout } from "./python-dump-types.ts";

/**
 * Fields the libraries write that the playground's model has no place for. They are understood
 * (and kept as is); any other field left over is "not understood" (and kept as is too).
 */
export const KNOWN_PYTHON_FIELDS = {
  user: ["type", "id", "user_id"],
  client: ["type", "id", "client_id"],
  grant: ["extra", "token_map", "exchange_request", "original_session_id"],
  token: ["name", "token_type", "session_id", "token_class", "type"],
} as const satisfies Record<string, readonly string[]>;

/** What each library-only field is, for the inspector. */
export const PYTHON_FIELD_NOTES: Readonly<Record<string, string>> = {
  type: "the node's type name, as the library writes it",
  id: "the node's own id, as the library writes it",
  user_id: "the user id, as the library writes it",
  client_id: "the client id, as the library writes it",
  extra: "the grant's extra data (e.g. a DPoP key thumbprint)",
  token_map: "token type → Python class the grant mints it with",
  exchange_request: "the token exchange request behind this grant",
  original_session_id: "the session the token exchange started from",
  name: "the token's class name",
  token_type: "the access token's type (e.g. bearer)",
  session_id: "the encrypted session id handed to the client: opaque text, never decrypted here",
  token_class: "the token type, as the library writes it",
};

/** Field order of each object as the libraries write them (their `parameter` order). */
export const FIELD_ORDER = {
  session: ["subordinate", "revoked", "type", "extra_args", "id", "user_id", "client_id"],
  grant: [
    "expires_at", "issued_at", "not_before", "revoked", "usage_rules", "used", "authentication_event", "authorization_details",
    "authorization_request", "claims", "extra", "resources", "scope", "sub", "issued_token", "token_map",
  ],
  token: [
    "expires_at", "issued_at", "not_before", "revoked", "usage_rules", "used", "based_on", "claims", "id", "name", "resources",
    "scope", "token_class", "type", "value", "token_type", "session_id",
  ],
} as const;

/** A node's `subordinate` list as a library writes it: full child keys or bare ids. */
export function regenerateSubordinate(key: string, ids: readonly string[], layout: DumpLayout): string[] {
  return layout.subordinate === "full_keys" ? ids.map((id) => key + DIVIDER + id) : [...ids];
}
