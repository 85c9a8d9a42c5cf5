// The recorded endpoint flows (fixtures/<library>/flow-*.json) as scripts for a LibraryProvider:
// each step of a flow file is one action here, with the same inputs the recorder gave the library
// (the test modules' AUTH_REQ and token requests).
import { ENDPOINT_DIALECTS } from "../../core/profiles/endpoints/endpoint-dialects.ts";
import { LibraryProvider, type AuthorizationRequest } from "../../core/profiles/endpoints/library-provider.ts";
import { testModuleConfig } from "../../core/profiles/endpoints/provider-config.ts";
import type { PyGrant, PyToken } from "../../core/profiles/python-objects.ts";

export interface FlowContext {
  p: LibraryProvider;
  sid: string[];
  grant: PyGrant[];
  code: PyToken[];
  tokens: Record<string, string>[];
  last: Record<string, string>;
  /** The refresh-token option the flow switched on (it stays on for later requests). */
  revokeRefreshOnIssue?: boolean;
}

/** One flow step's action; a clock step has none (the test advances the clock). */
export type FlowAction = (c: FlowContext) => unknown;

const TOKEN_AUTH_REQ: AuthorizationRequest = { client_id: "client_1", redirect_uri: "https://example.com/cb", scope: "openid offline_access", state: "STATE", response_type: "code" };
const INTROSPECTION_AUTH_REQ: AuthorizationRequest = { ...TOKEN_AUTH_REQ, response_type: "code id_token" };
const CLIENT_1_LOGIN: AuthorizationRequest = { state: "1234567", response_type: "code", redirect_uri: "https://client1.example.com/cb", scope: "openid", client_id: "client_1" };
const CLIENT_2_LOGIN: AuthorizationRequest = { state: "abcdefg", response_type: "code", redirect_uri: "https://client2.example.com/cb", scope: "openid", client_id: "client_2" };

/** Setup of the token-endpoint tests: `_create_session`, `authz`, `_mint_code`. */
const tokenSetup: FlowAction = (c) => {
  const sid = c.p.helperCreateSession(TOKEN_AUTH_REQ);
  const grant = c.p.consent(sid, TOKEN_AUTH_REQ);
  c.sid.push(sid);
  c.grant.push(grant);
  c.code.push(c.p.helperMintCode(grant, "client_1"));
  return null;
};

/** Setup of the introspection and revocation tests: `_create_session`, `authz`, `session_manager[sid] = grant`, `_mint_token('authorization_code', …)`. */
const introspectionSetup: FlowAction = (c) => {
  const sid = c.p.helperCreateSession(INTROSPECTION_AUTH_REQ);
  const grant = c.p.consent(sid, INTROSPECTION_AUTH_REQ);
  c.p.setItem(sid, grant);
  c.sid.push(sid);
  c.grant.push(grant);
  c.code.push(c.p.helperMintToken("authorization_code", c.p.sm.lookup(sid) as PyGrant, sid, null, 300));
  return null;
};

function keep(c: FlowContext, response: unknown): unknown {
  const args = (response as { response_args?: Record<string, string> }).response_args;
  if (args) {
    c.tokens.push(args);
    c.last = args;
  }
  return response;
}

const exchange: FlowAction = (c) => keep(c, c.p.token({ grant_type: "authorization_code", code: c.code.at(-1)!.value, redirect_uri: TOKEN_AUTH_REQ.redirect_uri, client_id: "client_1" }));
const exchangeFirst: FlowAction = (c) => c.p.token({ grant_type: "authorization_code", code: c.code[0]!.value, redirect_uri: TOKEN_AUTH_REQ.redirect_uri, client_id: "client_1" });
const refreshWith =
  (which: "first" | "last", extra: Record<string, unknown> = {}): FlowAction =>
  (c) =>
    keep(c, c.p.token({ grant_type: "refresh_token", refresh_token: (which === "first" ? c.tokens[0]! : c.last).refresh_token, client_id: "client_1", ...extra }, { revokeRefreshOnIssue: c.revokeRefreshOnIssue }));

const introspect = (pick: (c: FlowContext) => string): FlowAction => (c) => c.p.introspection({ token: pick(c), client_id: "client_1" });

const endSessionLogin =
  (req: AuthorizationRequest): FlowAction =>
  (c) => {
    const { sessionId, code } = c.p.authorize(req);
    c.sid.push(sessionId);
    c.grant.push(c.p.sm.lookup(sessionId) as PyGrant);
    c.code.push(code);
    return null;
  };

const endSessionExchange: FlowAction = (c) =>
  keep(c, c.p.token({ grant_type: "authorization_code", code: c.code.at(-1)!.value, redirect_uri: CLIENT_1_LOGIN.redirect_uri, client_id: "client_1" }));

export interface FlowScript {
  module: "token" | "introspection" | "revocation" | "end-session";
  /** Actions by step number; clock steps are not listed. */
  steps: Record<number, FlowAction>;
}

export const FLOW_SCRIPTS: Record<string, FlowScript> = {
  "code-exchange": { module: "token", steps: { 1: tokenSetup, 3: exchange } },
  "code-replay": { module: "token", steps: { 1: tokenSetup, 3: exchange, 5: exchangeFirst } },
  refresh: { module: "token", steps: { 1: tokenSetup, 3: exchange, 5: refreshWith("first"), 7: refreshWith("first") } },
  "refresh-revoke-on-issue": {
    module: "token",
    steps: {
      1: tokenSetup,
      3: exchange,
      5: (c) => {
        c.revokeRefreshOnIssue = true;
        return refreshWith("first")(c);
      },
      7: refreshWith("first"),
    },
  },
  "refresh-without-offline-access": { module: "token", steps: { 1: tokenSetup, 3: exchange, 5: refreshWith("first", { scope: ["openid"] }), 7: refreshWith("first", { scope: ["openid"] }) } },
  "revocation-access-token": {
    module: "revocation",
    steps: {
      1: introspectionSetup,
      3: exchange,
      5: (c) => c.p.revocation({ token: c.tokens[0]!.access_token, client_id: "client_1" }),
      7: (c) => c.p.revocation({ token: c.tokens[0]!.access_token, client_id: "client_1" }),
    },
  },
  "revocation-refresh-token": {
    module: "revocation",
    steps: {
      1: introspectionSetup,
      3: exchange,
      5: (c) => c.p.revocation({ token: c.tokens[0]!.refresh_token, client_id: "client_1" }),
      7: refreshWith("first"),
    },
  },
  introspection: {
    module: "introspection",
    steps: {
      1: introspectionSetup,
      3: exchange,
      5: introspect((c) => c.tokens[0]!.access_token!),
      6: introspect((c) => c.code[0]!.value),
      7: (c) => {
        const t = c.p.helperMintToken("access_token", c.grant[0]!, c.sid[0]!, null, 300, { max_usage: 1 });
        c.p.registerUsage(t);
        c.last = { max: t.value };
        return null;
      },
      8: introspect((c) => c.last.max!),
      9: (c) => {
        const t = c.p.helperMintToken("access_token", c.grant[0]!, c.sid[0]!, null, 300);
        c.p.revokeToken(c.sid[0]!, t.value);
        c.last = { revoked: t.value };
        return null;
      },
      10: introspect((c) => c.last.revoked!),
      12: introspect((c) => c.tokens[0]!.access_token!),
    },
  },
  "end-session": {
    module: "end-session",
    steps: {
      1: endSessionLogin(CLIENT_1_LOGIN),
      3: endSessionExchange,
      5: (c) => c.p.endSession(c.sid[0]!),
      6: (c) => c.p.verifiedLogout(c.sid[0]!),
      8: endSessionLogin(CLIENT_1_LOGIN),
      9: endSessionExchange,
    },
  },
  "end-session-all-clients": {
    module: "end-session",
    steps: {
      1: endSessionLogin(CLIENT_1_LOGIN),
      2: endSessionLogin(CLIENT_2_LOGIN),
      3: (c) => {
        [0, 1].forEach((i) => {
          const code = c.p.findToken(c.sid[i]!, c.code[i]!.value);
          c.p.helperMintToken("id_token", c.grant[i]!, c.sid[i]!, code, 900);
        });
        c.p.config.clients.client_1!.backchannel_logout_uri = "https://example.com/bc_logout";
        c.p.config.clients.client_2!.frontchannel_logout_uri = "https://example.com/fc_logout";
        return null;
      },
      5: (c) => c.p.verifiedLogout(c.sid[0]!, true),
    },
  },
};

/** A provider for `library` configured as the flow's test module was. */
export function flowProvider(library: "idpy-oidc" | "oidc-op", flow: string, startTime: number): FlowContext {
  const script = FLOW_SCRIPTS[flow];
  if (!script) throw new Error(`no script for flow ${flow}`);
  const p = new LibraryProvider(ENDPOINT_DIALECTS[library], testModuleConfig(library, script.module), { startTime, salt: "flow-salt" });
  return { p, sid: [], grant: [], code: [], tokens: [], last: {} };
}
