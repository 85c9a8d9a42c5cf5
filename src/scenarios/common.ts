import type { WorkspaceSettings } from "../ops/index.ts";
import type { ScenarioBuilder } from "./builder.ts";

/** 2023-11-14T22:13:20Z, the start time of the Python fixtures, so times read alike. */
export const SCENARIO_START = 1_700_000_000;

/**
 * Lifetimes as an OpenID Provider typically configures them (and as the Python fixtures use):
 * a code lives 5 minutes, access and ID tokens an hour, a refresh token a day.
 */
export const SCENARIO_SETTINGS: WorkspaceSettings = {
  usagePolicy: {
    authorization_code: { expires_in: 300 },
    access_token: { expires_in: 3600 },
    refresh_token: { expires_in: 86400 },
    id_token: { expires_in: 3600 },
  },
};

/** An authorization request as a relying party sends it (`scope` is space-separated, as on the wire). */
export function authRequest(clientId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    client_id: clientId,
    redirect_uri: `https://${clientId.replace(/_/g, "-")}.example.org/cb`,
    scope: "openid email",
    state: "STATE",
    response_type: "code",
    ...extra,
  };
}

/** The user's login at the provider: password, now, valid for a day. */
export function authnEvent(b: ScenarioBuilder, uid: string): Record<string, unknown> {
  return { uid, authn_info: "urn:oasis:names:tc:SAML:2.0:ac:classes:Password", authn_time: b.now, valid_until: b.now + 86400 };
}

export interface CodeFlowTokens {
  sessionId: string;
  code: string;
  accessToken: string;
  refreshToken: string;
  idToken: string;
}

/**
 * The authorization code flow as steps: login and consent, code, exchange (three tokens minted from
 * the code) and the code's one use registered. Shared by the scenarios that start from a logged-in user.
 */
export function codeFlow(b: ScenarioBuilder, userId = "diana", clientId = "client_1"): CodeFlowTokens {
  const sessionId = b.createSession(
    { authnEvent: authnEvent(b, userId), authReq: authRequest(clientId), userId, clientId },
    `${userId} logs in and consents to ${clientId}'s request. The provider creates a user session, a client session and a grant holding the authorized scope; the session id is user;;client;;grant.`,
  );
  const code = b.mintToken(
    { sessionId, type: "authorization_code" },
    "The authorization endpoint mints an authorization code in the grant and redirects the browser back to the client with it. A code may be used once (max_usage 1) and lives 5 minutes here.",
  );
  b.advanceClock(10, "Ten seconds later the client sends the code to the token endpoint.");
  const accessToken = b.mintToken(
    { sessionId, type: "access_token", basedOn: code },
    "The token endpoint mints an access token from the code; its based_on is the code's value. Minting does not count as a use of the code.",
  );
  const refreshToken = b.mintToken(
    { sessionId, type: "refresh_token", basedOn: code },
    "In the same exchange it mints a refresh token from the code, which the client can later trade for new access tokens.",
  );
  const idToken = b.mintToken(
    { sessionId, type: "id_token", basedOn: code },
    "And an ID token, which tells the client who logged in. All three hang off the code in the graph.",
  );
  b.registerUsage(
    sessionId,
    code,
    "Only now does the token endpoint register one use of the code. With used = max_usage = 1 the code is no longer active, so it cannot be exchanged again.",
  );
  return { sessionId, code, accessToken, refreshToken, idToken };
}
