// How a provider is configured around its session manager: what the libraries' own test modules
// configure (authz `grant_config`, token handlers, clients), which decides what the endpoints write.
import type { Dict } from "../python-objects.ts";

export interface TokenHandlerConfig {
  /** The handler's class as the flows log it (`DefaultToken`, `JWTToken`, `IDToken`). */
  className: string;
  /** Seconds the handler's own token lives (what `get_session_info_by_token` checks: `ToOld`). */
  lifetime: number;
  /** A JWT handler takes its lifetime from the token's usage rules' `expires_in` when they have one. */
  lifetimeFromUsageRules: boolean;
}

export interface ClientConfig {
  redirect_uri: string;
  backchannel_logout_uri?: string;
  frontchannel_logout_uri?: string;
}

export interface ProviderConfig {
  issuer: string;
  /** `AuthzHandling(grant_config=…)`: written onto the grant at consent, in this key order. */
  grantConfig: { usage_rules?: Record<string, Dict>; expires_in?: number };
  /**
   * What `ClaimsInterface.get_claims_all_usage` gives for the configured scopes-to-claims and the
   * client's registration: configuration data here (the claims machinery itself is not modelled).
   */
  consentClaims: (clientId: string) => Dict;
  /**
   * The session look-ups `get_claims_all_usage` makes on the way: they depend on how the test
   * module configures the claims interface (oidc-op's introspection tests look the session up twice).
   */
  consentClaimsLookups: readonly ("get_grant" | "get_session_info")[];
  handlers: Record<"authorization_code" | "access_token" | "refresh_token" | "id_token", TokenHandlerConfig>;
  /** `token_usage_rules` the authorization endpoint passes to `create_session` (`authz.usage_rules(client_id)` there). */
  authorizationUsageRules: Record<string, Dict>;
  /** `authn_info` of the authorization endpoint's authentication event. */
  authnInfo: string;
  clients: Record<string, ClientConfig>;
  /** Token endpoint option `revoke_refresh_on_issue`. */
  revokeRefreshOnIssue: boolean;
}

const TOKEN_GRANT_CONFIG = {
  usage_rules: {
    authorization_code: { expires_in: 300, supports_minting: ["access_token", "refresh_token", "id_token"], max_usage: 1 },
    access_token: { expires_in: 600 },
    refresh_token: { expires_in: 86400, supports_minting: ["access_token", "refresh_token"] },
  },
  expires_in: 43200,
};

const INTROSPECTION_GRANT_CONFIG = {
  usage_rules: {
    authorization_code: { supports_minting: ["access_token", "refresh_token", "id_token"], max_usage: 1 },
    access_token: {},
    refresh_token: { supports_minting: ["access_token", "refresh_token"] },
  },
  expires_in: 43200,
};

const CLIENTS: Record<string, ClientConfig> = {
  client_1: { redirect_uri: "https://example.com/cb" },
  client_2: { redirect_uri: "https://example.com/cb" },
};

const OPENID_CLAIMS = { userinfo: { sub: null }, introspection: {}, id_token: {}, access_token: { sub: null } };

function handlers(library: "idpy-oidc" | "oidc-op"): ProviderConfig["handlers"] {
  return {
    authorization_code: { className: "DefaultToken", lifetime: 600, lifetimeFromUsageRules: false },
    access_token: { className: "JWTToken", lifetime: 3600, lifetimeFromUsageRules: true },
    refresh_token: { className: "JWTToken", lifetime: 3600, lifetimeFromUsageRules: true },
    // idpy-oidc's IDToken handler lives 300 s by default; oidc-op's token endpoint never asks it.
    id_token: { className: "IDToken", lifetime: library === "idpy-oidc" ? 300 : 1800, lifetimeFromUsageRules: false },
  };
}

const BASE = { consentClaimsLookups: ["get_grant"] as const, issuer: "https://example.com/", authnInfo: "urn:oasis:names:tc:SAML:2.0:ac:classes:InternetProtocolPassword", authorizationUsageRules: {}, clients: CLIENTS, revokeRefreshOnIssue: false };

/** The configurations of the libraries' test modules the recorded flows ran under. */
export function testModuleConfig(library: "idpy-oidc" | "oidc-op", module: "token" | "introspection" | "revocation" | "end-session"): ProviderConfig {
  switch (module) {
    case "token":
      return { ...BASE, grantConfig: TOKEN_GRANT_CONFIG, consentClaims: () => OPENID_CLAIMS, handlers: handlers(library) };
    case "introspection":
    case "revocation":
      return {
        ...BASE,
        grantConfig: INTROSPECTION_GRANT_CONFIG,
        consentClaims: () => ({ introspection: {}, access_token: { sub: null } }),
        consentClaimsLookups: library === "oidc-op" ? ["get_session_info", "get_session_info"] : ["get_grant"],
        handlers: handlers(library),
      };
    case "end-session":
      return {
        ...BASE,
        // test_30: the grant lives 30 days; the clients' usage rules come with the session.
        grantConfig: { expires_in: library === "idpy-oidc" ? 2592000 : 43200 },
        consentClaims: () => ({ userinfo: { sub: null }, introspection: {}, id_token: { email: { essential: true }, email_verified: { essential: true } }, access_token: { sub: null } }),
        handlers: handlers(library),
        authorizationUsageRules:
          library === "idpy-oidc"
            ? {
                authorization_code: { supports_minting: ["access_token", "refresh_token", "id_token"], max_usage: 1, expires_in: 120 },
                access_token: { expires_in: 3600 },
                refresh_token: { supports_minting: ["access_token", "refresh_token", "id_token"], expires_in: 86400 },
              }
            : {
                authorization_code: { supports_minting: ["access_token", "refresh_token", "id_token"], max_usage: 1 },
                access_token: {},
                refresh_token: { supports_minting: ["access_token", "refresh_token"], expires_in: -1 },
              },
        clients: {
          client_1: { redirect_uri: "https://client1.example.com/cb" },
          client_2: { redirect_uri: "https://client2.example.com/cb" },
        },
      };
  }
}
