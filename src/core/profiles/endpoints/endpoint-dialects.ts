// Where idpy-oidc 5.0.0's and oidc-op 2.4.3's endpoints differ, as one strategy object per library.
import { sessionKey, unpackSessionKey } from "../../keys.ts";
import { LIBRARY_PROFILES, type LibraryProfile } from "../library-profiles.ts";
import type { Dict, PyToken } from "../python-objects.ts";
import { PyMessage } from "./flow-log.ts";
import type { LibraryProvider } from "./library-provider.ts";
import type { ProviderConfig } from "./provider-config.ts";

export interface EndpointDialect {
  readonly profile: LibraryProfile;
  /** The keyword the server context is passed under to `Grant.mint_token`. */
  readonly contextKwarg: "context" | "endpoint_context";
  /** The key of the session id in what `get_session_info` returns. */
  readonly sessionIdKey: "branch_id" | "session_id";
  /** Whether the code exchange may mint a refresh token (both: with offline_access and the grant type allowed). */
  readonly refreshAllowedAtExchange: boolean;
  /** `get_session_info_by_token`'s keywords, in the order the endpoint passes them. */
  handlerKeyKwargs(tokenClass: string, order: "grant-first" | "handler-first"): Dict;
  /** The calls `create_session` makes inside itself that the flows log. */
  logCreateSessionInside(p: LibraryProvider, sessionId: string, authReq: PyMessage, authnEvent: PyMessage, clientId: string, tokenUsageRules: Dict | null): void;
  /** Between two mints from the same code: idpy-oidc's `_based_on.used -= 1`; nothing in oidc-op. */
  takeUseBack(p: LibraryProvider, basedOn: PyToken): void;
  /** `_mint_token`'s `expires_in` when the grant has no rules for the type. */
  fallbackLifetime(config: ProviderConfig, tokenClass: string): number;
  /** The look-ups behind the claims an active introspection answer releases. */
  introspectionClaimsLookup(p: LibraryProvider, sessionId: string): void;
  /** logout_all_clients' look-up of the session. */
  logoutAllSessionInfo(p: LibraryProvider, sessionId: string): Dict;
  /** A user node's subordinate entry → the client id; a client node's → the grant's key. */
  clientIdOfSubordinate(entry: string): string;
  grantKeyOfSubordinate(userId: string, clientId: string, entry: string): string;
}

export const IDPY_OIDC_DIALECT: EndpointDialect = {
  profile: LIBRARY_PROFILES["idpy-oidc-5.0"],
  contextKwarg: "context",
  sessionIdKey: "branch_id",
  refreshAllowedAtExchange: true,
  handlerKeyKwargs: (tokenClass, order) => (order === "grant-first" ? { grant: true, handler_key: tokenClass } : { handler_key: tokenClass, grant: true }),
  // SessionManager.create_session → create_grant → add_grant(path=…, **kwargs), all keywords.
  logCreateSessionInside(p, sessionId, authReq, authnEvent, clientId, tokenUsageRules) {
    const grant = p.sm.lookup(sessionId) as { sub: string; scope: unknown; resources: unknown };
    p.log.call(
      "SessionManager.add_grant",
      null,
      [],
      {
        path: [p.userId, clientId],
        token_usage_rules: tokenUsageRules,
        authorization_request: authReq,
        authentication_event: authnEvent,
        sub: grant.sub,
        usage_rules: tokenUsageRules,
        scope: grant.scope,
        claims: (authReq.value.claims as Dict | undefined) ?? {},
        remember_token: null,
        remove_inactive_token: false,
        resources: grant.resources,
      },
      () => sessionId,
    );
  },
  takeUseBack(p, basedOn) {
    // AccessTokenHelper.process_request: Grant.mint_token counted the mint as a use of the code; the endpoint takes it back.
    p.log.direct(`${basedOn.value}.used -= 1`, () => (basedOn.used -= 1));
  },
  // Introspection.process_request → ClaimsInterface.get_claims(branch_id, …) → get_session_info(grant=True).
  introspectionClaimsLookup: (p, sessionId) => void p.sessionInfo(sessionId, [sessionId], { grant: true }, { grant: true }),
  fallbackLifetime: (config, tokenClass) => config.handlers[tokenClass as keyof ProviderConfig["handlers"]]?.lifetime ?? 0,
  logoutAllSessionInfo: (p, sessionId) => p.sessionInfo(sessionId, [sessionId], {}, {}),
  clientIdOfSubordinate: (entry) => unpackSessionKey(entry).at(-1)!,
  grantKeyOfSubordinate: (_u, _c, entry) => entry,
};

export const OIDC_OP_DIALECT: EndpointDialect = {
  profile: LIBRARY_PROFILES["oidc-op-2.4"],
  contextKwarg: "endpoint_context",
  sessionIdKey: "session_id",
  refreshAllowedAtExchange: true,
  handlerKeyKwargs: () => ({ grant: true }),
  // oidc-op's create_session builds the grant itself: no logged call inside.
  logCreateSessionInside() {},
  takeUseBack() {},
  // Introspection.process_request reads `grant.claims.get("introspection")` directly: no look-up.
  introspectionClaimsLookup() {},
  // oidcop.oauth2.token._mint_token: DEFAULT_TOKEN_LIFETIME.
  fallbackLifetime: () => 1800,
  logoutAllSessionInfo: (p, sessionId) => {
    const info = p.sessionInfo(sessionId, [sessionId], { user_session_info: true, client_session_info: true, grant: true }, { user_session_info: true, client_session_info: true, grant: true });
    return { ...info, user: info.user_session_info };
  },
  clientIdOfSubordinate: (entry) => entry,
  grantKeyOfSubordinate: (u, c, entry) => sessionKey(u, c, entry),
};

export const ENDPOINT_DIALECTS: Record<"idpy-oidc" | "oidc-op", EndpointDialect> = { "idpy-oidc": IDPY_OIDC_DIALECT, "oidc-op": OIDC_OP_DIALECT };
