// The endpoint flows under the "playground" semantics: the RFCs followed plainly, on the core
// SessionManager through its public API. The choices, written down:
// - code exchange (RFC 6749 §4.1.3): the code must be effective; the access token (and a refresh
//   token with offline_access, an ID token with openid) are minted from it; then ONE use of the code
//   is registered — minting never counts as a use;
// - code replay (RFC 6749 §4.1.2, "SHOULD revoke … all tokens previously issued based on that
//   authorization code"): everything minted from the code, transitively, is revoked (the code too,
//   since it is no longer usable anyway) and the answer is invalid_grant;
// - refresh (RFC 6749 §6): the refresh token must be effective; one use is registered; rotation
//   (revoke the old refresh token when a new one is issued) is the `rotateRefreshTokens` option;
// - revocation (RFC 7009 §2.1): revoking a refresh token also revokes the access tokens minted from
//   it (the RFC says the server "MAY"; the playground does); revoking an access token revokes only it;
//   an unknown token still answers 200 OK;
// - introspection (RFC 7662): active only for an effective access or refresh token;
// - end session (OpenID RP-Initiated Logout): the client session is revoked (with its grants).
import type { SessionManager } from "../../session-manager.ts";
import type { SessionToken } from "../../token.ts";

export interface PlaygroundFlowOptions {
  rotateRefreshTokens?: boolean;
}

export type FlowResponse = Record<string, unknown>;

function effective(sm: SessionManager, sessionId: string, value: string): boolean {
  return sm.tokenStatus(sessionId, value).effective;
}

function sessionOf(sm: SessionManager, value: string): string | null {
  try {
    return sm.getSessionIdByToken(value);
  } catch {
    return null;
  }
}

export function playgroundCodeExchange(sm: SessionManager, code: string): FlowResponse {
  const sid = sessionOf(sm, code);
  if (!sid) return { error: "invalid_grant", error_description: "Unknown code" };
  const token = sm.findToken(sid, code)!;
  if (token.type !== "authorization_code") return { error: "invalid_request", error_description: "Wrong token type" };
  if (token.used > 0) {
    // RFC 6749 §4.1.2: a code used twice revokes what was issued from it.
    sm.revokeToken(sid, code, true);
    return { error: "invalid_grant", error_description: "Code already used" };
  }
  if (!effective(sm, sid, code)) return { error: "invalid_grant", error_description: "Code inactive" };
  const grant = sm.getGrant(sid);
  const access = sm.mintToken(sid, "access_token", { basedOn: code });
  const response: FlowResponse = { token_type: "Bearer", scope: grant.scope, access_token: access.value };
  if (grant.scope.includes("offline_access")) response.refresh_token = sm.mintToken(sid, "refresh_token", { basedOn: code }).value;
  if (grant.scope.includes("openid")) response.id_token = sm.mintToken(sid, "id_token", { basedOn: code }).value;
  sm.registerUsage(sid, code);
  return { response_args: response };
}

export function playgroundRefresh(sm: SessionManager, refreshToken: string, options: PlaygroundFlowOptions & { scope?: string[] } = {}): FlowResponse {
  const sid = sessionOf(sm, refreshToken);
  if (!sid) return { error: "invalid_grant", error_description: "Invalid refresh token" };
  const token = sm.findToken(sid, refreshToken)!;
  if (token.type !== "refresh_token") return { error: "invalid_request", error_description: "Wrong token type" };
  if (!effective(sm, sid, refreshToken)) return { error: "invalid_grant", error_description: "Refresh token inactive" };
  const scope = options.scope ?? (token.scope.length ? token.scope : sm.getGrant(sid).scope);
  const access = sm.mintToken(sid, "access_token", { basedOn: refreshToken, scope });
  const response: FlowResponse = { access_token: access.value, token_type: "Bearer", scope };
  let fresh: SessionToken | null = null;
  if (scope.includes("offline_access")) fresh = sm.mintToken(sid, "refresh_token", { basedOn: refreshToken, scope });
  if (fresh) response.refresh_token = fresh.value;
  sm.registerUsage(sid, refreshToken);
  if (fresh && options.rotateRefreshTokens) sm.revokeToken(sid, refreshToken);
  return { response_args: response };
}

export function playgroundRevocation(sm: SessionManager, value: string): FlowResponse {
  const sid = sessionOf(sm, value);
  // RFC 7009 §2.2: an invalid token is not an error.
  if (!sid) return { response_msg: "OK" };
  const token = sm.findToken(sid, value)!;
  if (token.type === "refresh_token") {
    sm.revokeToken(sid, value);
    // RFC 7009 §2.1: the access tokens issued from this refresh token go with it (a choice the RFC allows).
    for (const t of sm.getGrant(sid).issued_token) if (t.type === "access_token" && t.based_on === value && !t.revoked) sm.revokeToken(sid, t.value);
  } else {
    sm.revokeToken(sid, value);
  }
  return { response_msg: "OK" };
}

export function playgroundIntrospection(sm: SessionManager, value: string): FlowResponse {
  const sid = sessionOf(sm, value);
  if (!sid) return { response_args: { active: false } };
  const token = sm.findToken(sid, value)!;
  if (!["access_token", "refresh_token"].includes(token.type) || !effective(sm, sid, value)) return { response_args: { active: false } };
  const grant = sm.getGrant(sid);
  const info = sm.getSessionInfo(sid);
  return {
    response_args: { active: true, scope: (token.scope.length ? token.scope : grant.scope).join(" "), client_id: info.client_id, exp: token.expires_at, iat: token.issued_at, sub: grant.sub },
  };
}

export function playgroundEndSession(sm: SessionManager, sessionId: string): FlowResponse {
  sm.revokeClientSession(sessionId);
  return { redirect_location: "post_logout_redirect_uri" };
}
