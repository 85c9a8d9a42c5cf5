// The README's API tour, run as written, so the documentation cannot drift from the code.
import { expect, test } from "vitest";
import { createAuthnEvent, createSeededRandom, createVirtualClock, SessionManager, sessionKey } from "./index.ts";

test("the README's API tour runs and gives the results it shows", () => {
  const clock = createVirtualClock(1700000000);
  const sessionManager = new SessionManager({ clock, random: createSeededRandom("demo"), salt: "natriumklorid" });
  const AUTH_REQ = { client_id: "client_1", redirect_uri: "https://example.com/cb", scope: "openid email", response_type: "code" };
  const authnEvent = createAuthnEvent("diana", { clock });
  const sessionId = sessionManager.createSession({
    authnEvent, authReq: AUTH_REQ, userId: "diana", clientId: "client_1",
    subType: "pairwise", sectorIdentifier: "https://all.example.com",
  });
  expect(sessionManager.getGrant(sessionId).sub).toBe("a525fab6508cf1bc485900a722e4fd7968cf8981cec35dfe41f58a1d27c610e5");
  const grant = sessionManager.addGrant("diana", "client_1", { scope: ["openid", "phoe"], claims: { userinfo: { given_name: null } } });
  expect(grant.scope).toEqual(["openid", "phoe"]);
  expect(sessionManager.get(["diana", "client_1", grant.id])).toBe(grant);
  const code = grant.mintToken("authorization_code", { value: "ABCD" });
  const accessToken = grant.mintToken("access_token", { value: "007", basedOn: code });
  const sessionKeyOfGrant = sessionKey("diana", "client_1", grant.id);
  expect(sessionManager.findToken(sessionKeyOfGrant, accessToken.value)?.type).toBe("access_token");
  expect(sessionManager.getAuthenticationEvent(sessionId)).toEqual(authnEvent);
  expect(sessionManager.getClientSessionInfo(sessionId).client_id).toBe("client_1");
  expect(sessionManager.getSessionInfo(sessionId, { grant: true, authenticationEvent: true }).authentication_event).toEqual(authnEvent);
  expect(sessionManager.getSessionInfoByToken("007").session_id).toBe(sessionKeyOfGrant);
  const rt = sessionManager.mintToken(sessionKeyOfGrant, "refresh_token", { basedOn: "ABCD" });
  sessionManager.registerUsage(sessionKeyOfGrant, "ABCD");
  expect(sessionManager.revokeToken(sessionKeyOfGrant, "ABCD", true)).toEqual(["ABCD", "007", rt.value]);
  sessionManager.revokeGrant(sessionId);
  sessionManager.revokeClientSession(sessionId);
  expect(sessionManager.tokenStatus(sessionKeyOfGrant, "007")).toEqual({
    active: false, effective: false, reasons: ["revoked", "grant_revoked", "client_session_revoked"], warnings: [],
  });
});
