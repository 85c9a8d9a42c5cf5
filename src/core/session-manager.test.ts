import { describe, expect, test } from "vitest";
import { createSeededRandom, createVirtualClock, Grant, SessionError, SessionManager, sessionKey, tokenStatusOf } from "./index.ts";
import { AUTH_REQ, authnEvent, caught, newManager, T0, withSession } from "./test-helpers.ts";

describe("createSession", () => {
  test("creates user session, client session and grant from the authorization request", () => {
    const { manager, sid } = withSession();
    const [user, client, grantId] = sid.split(";;");
    expect([user, client]).toEqual(["diana", "client_1"]);
    expect(grantId).toMatch(/^[0-9a-f]{32}$/);
    const grant = manager.getGrant(sid);
    expect(grant.scope).toEqual(["openid", "email"]);
    expect(grant.authorization_request).toEqual(AUTH_REQ);
    expect(grant.authentication_event).toEqual(authnEvent());
    expect(grant.claims).toEqual({});
    expect(grant.resources).toEqual([]);
    expect(grant.issued_at).toBe(T0);
    expect(manager.getUserInfo("diana").subordinate).toEqual(["client_1"]);
    expect(manager.getClientSessionInfo(sid).subordinate).toEqual([grantId]);
  });

  test("takes scopes, claims, resources and token usage rules when given", () => {
    const { manager } = newManager();
    const sid = manager.createSession({
      authReq: { ...AUTH_REQ, claims: { id_token: { email: null } }, resource: "https://api.example.com" },
      userId: "diana",
      scopes: ["openid", "profile"],
      tokenUsageRules: { access_token: { expires_in: 60 } },
    });
    const g = manager.getGrant(sid);
    expect(g.scope).toEqual(["openid", "profile"]);
    expect(g.claims).toEqual({ id_token: { email: null } });
    expect(g.resources).toEqual(["https://api.example.com"]);
    expect(manager.mintToken(sid, "access_token").expires_at).toBe(T0 + 60);
  });

  test("defaults clientId to authReq.client_id, and refuses neither", () => {
    const { manager } = newManager();
    expect(manager.createSession({ authReq: { client_id: "c9" }, userId: "diana" })).toMatch(/^diana;;c9;;/);
    const e = caught(() => manager.createSession({ authReq: {}, userId: "diana" }));
    expect(e.code).toBe("invalid_argument");
    expect(e.problems!.map((p) => p.path)).toContain("clientId");
  });

  test("a second session for the same user and client adds a grant and keeps the first (deviation: the reference overwrote the client session)", () => {
    const { manager, sid } = withSession();
    const code = manager.mintToken(sid, "authorization_code");
    const sid2 = manager.createSession({ authnEvent: authnEvent(), authReq: AUTH_REQ, userId: "diana" });
    expect(manager.grants({ userId: "diana", clientId: "client_1" }).map((g) => g.id)).toEqual([sid.split(";;")[2], sid2.split(";;")[2]]);
    expect(manager.findToken(sid, code.value)).toBe(code);
  });

  test("refuses pairwise without a sector identifier and creates nothing (deviation: the reference hashed 'None')", () => {
    const { manager } = newManager();
    const before = JSON.stringify(manager.toJSON());
    const e = caught(() => manager.createSession({ authReq: AUTH_REQ, userId: "diana", subType: "pairwise" }));
    expect(e.code).toBe("invalid_argument");
    expect(e.message).toMatch(/sector/i);
    expect(JSON.stringify(manager.toJSON())).toBe(before);
  });

  test("refuses ids containing ;; and lists every problem at once", () => {
    const { manager } = newManager();
    const e = caught(() => manager.createSession({ authReq: { client_id: "a;;b" }, userId: "", subType: "nope" }));
    expect(e.code).toBe("invalid_argument");
    expect(e.problems!.map((p) => p.path).sort()).toEqual(["clientId", "subType", "userId"]);
  });
});

describe("addGrant", () => {
  test("adds a grant with the given fields, as the reference's add_grant example", () => {
    const { manager } = withSession();
    const grant = manager.addGrant("diana", "client_1", { scope: ["openid", "phoe"], claims: { userinfo: { given_name: null } } });
    expect(grant.scope).toEqual(["openid", "phoe"]);
    expect((manager.get(["diana", "client_1", grant.id]) as Grant).scope).toEqual(["openid", "phoe"]);
  });

  test("creates missing user and client sessions", () => {
    const { manager } = newManager();
    const grant = manager.addGrant("bob", "client_2", {});
    expect(manager.getSidsByUserId("bob")).toEqual([sessionKey("bob", "client_2", grant.id)]);
  });

  test("refuses unknown fields by name (deviation: the reference dropped them)", () => {
    const { manager } = newManager();
    const e = caught(() => manager.addGrant("diana", "client_1", { scope: ["openid"], scopes: ["x"] } as never));
    expect(e.code).toBe("invalid_argument");
    expect(e.message).toContain("scopes");
    expect(manager.size).toBe(0);
  });
});

describe("lookups", () => {
  test("findToken finds a token of the session, as the reference's find_token example", () => {
    const { manager, sid } = withSession();
    const grant = manager.getGrant(sid);
    const code = grant.mintToken("authorization_code", { value: "ABCD" });
    const at = grant.mintToken("access_token", { value: "007", basedOn: code });
    const found = manager.findToken(sid, at.value)!;
    expect(found.type).toBe("access_token");
    expect(found.id).toBe(at.id);
    expect(manager.findToken(sid, "nope")).toBeUndefined();
  });

  test("getSessionInfo returns the ids plus exactly the parts asked for", () => {
    const { manager, sid, grant } = withSession();
    const [u, c, g] = sid.split(";;");
    expect(manager.getSessionInfo(sid)).toEqual({ session_id: sid, user_id: u, client_id: c, grant_id: g });
    const full = manager.getSessionInfo(sid, { userSessionInfo: true, clientSessionInfo: true, grant: true, authenticationEvent: true, authorizationRequest: true });
    expect(full.user_session_info).toBe(manager.getUserInfo("diana"));
    expect(full.client_session_info).toBe(manager.getClientSessionInfo(sid));
    expect(full.grant).toBe(grant);
    expect(full.authentication_event).toEqual(authnEvent());
    expect(full.authorization_request).toEqual(AUTH_REQ);
    expect(Object.keys(manager.getSessionInfo(sid, { grant: true })).sort()).toEqual(["client_id", "grant", "grant_id", "session_id", "user_id"]);
  });

  test("getSessionInfoByToken finds any token value, including ones given by the caller (deviation)", () => {
    const { manager, sid } = withSession();
    manager.mintToken(sid, "authorization_code", { value: "my-own-value" });
    expect(manager.getSessionInfoByToken("my-own-value").session_id).toBe(sid);
    expect(manager.getSessionIdByToken("my-own-value")).toBe(sid);
    expect(caught(() => manager.getSessionIdByToken("unknown")).code).toBe("unknown_token");
  });

  test("getSessionIdByToken sees tokens minted on a grant directly", () => {
    const { manager, sid, grant } = withSession();
    const t = grant.mintToken("access_token");
    expect(manager.getSessionIdByToken(t.value)).toBe(sid);
  });

  test("getSessionIdByToken refuses a value held in two sessions", () => {
    const { manager, sid } = withSession();
    const sid2 = manager.createSession({ authReq: AUTH_REQ, userId: "bob" });
    manager.mintToken(sid, "access_token", { value: "same" });
    manager.mintToken(sid2, "access_token", { value: "same" });
    const e = caught(() => manager.getSessionIdByToken("same"));
    expect(e.code).toBe("ambiguous_token");
    manager.removeSession(sid2);
    expect(manager.getSessionIdByToken("same")).toBe(sid);
  });

  test("the token index forgets removed sessions", () => {
    const { manager, sid } = withSession();
    const t = manager.mintToken(sid, "access_token");
    manager.removeSession(sid);
    expect(caught(() => manager.getSessionIdByToken(t.value)).code).toBe("unknown_token");
  });

  test("grants, getAuthenticationEvents and getSidsByUserId follow the tree in order", () => {
    const { manager, sid } = withSession();
    const sid2 = manager.createSession({ authnEvent: authnEvent("diana", T0 + 1), authReq: AUTH_REQ, userId: "diana" });
    const sid3 = manager.createSession({ authReq: { ...AUTH_REQ, client_id: "client_2" }, userId: "diana" });
    expect(manager.grants({ sessionId: sid }).map((g) => g.id)).toEqual([sid, sid2].map((s) => s.split(";;")[2]));
    expect(manager.grants({ sessionId: "diana;;client_1" })).toHaveLength(2);
    expect(manager.getAuthenticationEvents({ userId: "diana", clientId: "client_1" }).map((e) => e!.authn_time)).toEqual([T0, T0 + 1]);
    expect(manager.getSidsByUserId("diana")).toEqual([sid, sid2, sid3]);
    expect(manager.getAuthenticationEvent(sid)).toEqual(authnEvent());
    expect(manager.getAuthorizationRequest(sid3)!.client_id).toBe("client_2");
    expect(manager.getUserSessionInfo(sid).user_id).toBe("diana");
  });

  test("APIs taking a session id refuse malformed ones with invalid_session_id", () => {
    const { manager } = withSession();
    for (const call of [
      () => manager.getGrant("diana;;client_1"),
      () => manager.findToken("diana", "x"),
      () => manager.mintToken("x;;y;;z;;w", "access_token"),
      () => manager.revokeToken("", "x"),
      () => manager.removeSession("diana;;client_1"),
      () => manager.getClientSessionInfo("diana"),
      () => manager.revokeClientSession("diana"),
      () => manager.tokenStatus("a;;;;c", "x"),
    ]) {
      const e = caught(call);
      expect(e).toBeInstanceOf(SessionError);
      expect(e.code).toBe("invalid_session_id");
    }
  });

  test("APIs name the missing part of a well-formed session id", () => {
    const { manager, sid } = withSession();
    const g = sid.split(";;")[2];
    expect(caught(() => manager.getGrant(`bob;;client_1;;${g}`)).code).toBe("no_such_user_session");
    expect(caught(() => manager.getGrant(`diana;;client_9;;${g}`)).code).toBe("no_such_client_session");
    expect(caught(() => manager.getGrant("diana;;client_1;;nope")).code).toBe("no_such_grant");
  });
});

describe("usage and revocation", () => {
  test("the code flow: mint code, exchange it once, a second exchange is refused", () => {
    const { manager, sid } = withSession();
    const code = manager.mintToken(sid, "authorization_code");
    const at = manager.mintToken(sid, "access_token", { basedOn: code.value });
    const rt = manager.mintToken(sid, "refresh_token", { basedOn: code.value });
    const idt = manager.mintToken(sid, "id_token", { basedOn: code.value });
    expect(manager.registerUsage(sid, code.value).used).toBe(1);
    expect([at, rt, idt].map((t) => t.based_on)).toEqual([code.value, code.value, code.value]);
    const e = caught(() => manager.mintToken(sid, "access_token", { basedOn: code.value }));
    expect(e.code).toBe("minting_not_allowed");
    expect(e.reason).toBe("token_inactive");
  });

  test("registerUsage and mintToken refuse an unknown token", () => {
    const { manager, sid } = withSession();
    expect(caught(() => manager.registerUsage(sid, "nope")).code).toBe("unknown_token");
    expect(caught(() => manager.mintToken(sid, "access_token", { basedOn: "nope" })).code).toBe("unknown_token");
  });

  test("revokeToken is not recursive by default", () => {
    const { manager, sid } = withSession();
    const code = manager.mintToken(sid, "authorization_code");
    const at = manager.mintToken(sid, "access_token", { basedOn: code.value });
    expect(manager.revokeToken(sid, code.value)).toEqual([code.value]);
    expect(at.revoked).toBe(false);
    expect(caught(() => manager.revokeToken(sid, "nope")).code).toBe("unknown_token");
  });

  test("recursive revokeToken reaches every descendant in breadth-first order and leaves siblings alone", () => {
    const { manager, sid } = withSession();
    const code = manager.mintToken(sid, "authorization_code", { value: "c" });
    manager.mintToken(sid, "access_token", { value: "at1", basedOn: "c" });
    manager.mintToken(sid, "refresh_token", { value: "rt1", basedOn: "c" });
    manager.registerUsage(sid, "c");
    manager.mintToken(sid, "refresh_token", { value: "rt2", basedOn: "rt1" });
    manager.mintToken(sid, "access_token", { value: "at2", basedOn: "rt2" });
    manager.mintToken(sid, "access_token", { value: "at3", basedOn: "rt1" });
    const sibling = manager.mintToken(sid, "access_token", { value: "sibling" });
    expect(manager.revokeToken(sid, "rt1", true)).toEqual(["rt1", "rt2", "at3", "at2"]);
    expect(code.revoked).toBe(false);
    expect(manager.findToken(sid, "at1")!.revoked).toBe(false);
    expect(sibling.revoked).toBe(false);
  });

  test("revokeGrant revokes the grant only; tokens keep their own flags", () => {
    const { manager, sid } = withSession();
    const at = manager.mintToken(sid, "access_token");
    manager.revokeGrant(sid);
    expect(manager.getGrant(sid).revoked).toBe(true);
    expect(at.revoked).toBe(false);
    expect(at.isActive()).toBe(true);
  });

  test("revokeClientSession revokes the client session and each of its grants, with a 2- or 3-part id", () => {
    const { manager, sid } = withSession();
    const sid2 = manager.createSession({ authReq: AUTH_REQ, userId: "diana" });
    const other = manager.createSession({ authReq: { client_id: "client_2" }, userId: "diana" });
    const at = manager.mintToken(sid, "access_token");
    manager.revokeClientSession(sid);
    expect(manager.getClientSessionInfo(sid).revoked).toBe(true);
    expect(manager.getGrant(sid).revoked && manager.getGrant(sid2).revoked).toBe(true);
    expect(manager.getGrant(other).revoked).toBe(false);
    expect(at.revoked).toBe(false);
    manager.revokeClientSession("diana;;client_2");
    expect(manager.getGrant(other).revoked).toBe(true);
  });

  test("removeSession removes the grant and cleans up empty parents, and refuses a missing session", () => {
    const { manager, sid } = withSession();
    const sid2 = manager.createSession({ authReq: AUTH_REQ, userId: "diana" });
    manager.removeSession(sid);
    expect(manager.getSidsByUserId("diana")).toEqual([sid2]);
    manager.removeSession(sid2);
    expect(caught(() => manager.getUserInfo("diana")).code).toBe("no_such_user_session");
    expect(caught(() => manager.removeSession(sid2)).code).toBe("no_such_user_session");
    const sid3 = manager.createSession({ authReq: AUTH_REQ, userId: "diana" });
    expect(caught(() => manager.removeSession(`diana;;client_1;;${"0".repeat(32)}`)).code).toBe("no_such_grant");
    expect(manager.getSidsByUserId("diana")).toEqual([sid3]);
  });
});

describe("tokenStatus", () => {
  test("an active token in an active session is effective", () => {
    const { manager, sid } = withSession();
    const at = manager.mintToken(sid, "access_token");
    expect(manager.tokenStatus(sid, at.value)).toEqual({ active: true, effective: true, reasons: [], warnings: [] });
  });

  test("lists every reason in the documented order", () => {
    const { manager, sid, clock } = withSession();
    const at = manager.mintToken(sid, "access_token", { expiresIn: 10, notBefore: T0 + 100, usageRules: { max_usage: 1 } });
    manager.registerUsage(sid, at.value);
    manager.revokeToken(sid, at.value);
    manager.getGrant(sid).expires_at = T0 + 5;
    manager.revokeClientSession(sid);
    clock.advance(11);
    expect(manager.tokenStatus(sid, at.value)).toEqual({
      active: false,
      effective: false,
      reasons: ["revoked", "expired", "not_yet_valid", "max_usage_reached", "grant_revoked", "grant_expired", "client_session_revoked"],
      warnings: [],
    });
  });

  test("a token is own-active but not effective when its grant is revoked", () => {
    const { manager, sid } = withSession();
    const at = manager.mintToken(sid, "access_token");
    manager.revokeGrant(sid);
    expect(manager.tokenStatus(sid, at.value)).toEqual({ active: true, effective: false, reasons: ["grant_revoked"], warnings: [] });
  });

  test("warns when a token up the based_on chain is revoked but this one is not", () => {
    const { manager, sid } = withSession();
    const code = manager.mintToken(sid, "authorization_code");
    const rt = manager.mintToken(sid, "refresh_token", { basedOn: code.value });
    const at = manager.mintToken(sid, "access_token", { basedOn: rt.value });
    manager.revokeToken(sid, code.value);
    expect(manager.tokenStatus(sid, at.value)).toEqual({ active: true, effective: true, reasons: [], warnings: ["ancestor_revoked"] });
    expect(manager.tokenStatus(sid, code.value).warnings).toEqual([]);
  });

  test("tokenStatusOf judges the token in hand when values repeat", () => {
    const { manager, sid, grant } = withSession();
    manager.mintToken(sid, "access_token", { value: "dup" });
    const second = manager.mintToken(sid, "access_token", { value: "dup" });
    second.revoke();
    expect(manager.tokenStatus(sid, "dup").effective).toBe(true);
    expect(tokenStatusOf(second, grant, { client: manager.getClientSessionInfo(sid), user: manager.getUserSessionInfo(sid) }, T0)).toEqual({ active: false, effective: false, reasons: ["revoked"], warnings: [] });
  });

  test("does not warn about an expired ancestor", () => {
    const { manager, sid, clock } = withSession();
    const code = manager.mintToken(sid, "authorization_code", { expiresIn: 60 });
    const at = manager.mintToken(sid, "access_token", { basedOn: code.value });
    clock.advance(600);
    expect(manager.tokenStatus(sid, at.value)).toEqual({ active: true, effective: true, reasons: [], warnings: [] });
    expect(manager.tokenStatus(sid, at.value, T0).effective).toBe(true);
  });
});

describe("errors", () => {
  test("are SessionErrors with a stable code and the class name as name", () => {
    const { manager } = newManager();
    const e = caught(() => manager.getUserInfo("nobody"));
    expect(e).toBeInstanceOf(SessionError);
    expect(e.name).toBe("NoSuchUserSession");
    expect(e.code).toBe("no_such_user_session");
    expect(e.message).toContain("nobody");
  });

  test("a failed call changes nothing, not even the random generator", () => {
    const a = withSession();
    const b = withSession();
    const code = a.manager.mintToken(a.sid, "authorization_code");
    b.manager.mintToken(b.sid, "authorization_code");
    a.manager.registerUsage(a.sid, code.value);
    b.manager.registerUsage(b.sid, code.value);
    const before = JSON.stringify(a.manager.toJSON());
    caught(() => a.manager.mintToken(a.sid, "access_token", { basedOn: code.value }));
    caught(() => a.manager.mintToken(a.sid, "device_code"));
    caught(() => a.manager.createSession({ authReq: AUTH_REQ, userId: "diana", subType: "pairwise" }));
    caught(() => a.manager.addGrant("diana", "client_1", { bogus: 1 } as never));
    caught(() => a.manager.mintToken(a.sid, "access_token", { scope: "x" as never }));
    expect(JSON.stringify(a.manager.toJSON())).toBe(before);
    expect(a.manager.mintToken(a.sid, "access_token").value).toBe(b.manager.mintToken(b.sid, "access_token").value);
  });
});

describe("determinism and persistence", () => {
  function run(seed: string) {
    const clock = createVirtualClock(T0);
    const manager = new SessionManager({ clock, random: createSeededRandom(seed) });
    const sid = manager.createSession({ authnEvent: authnEvent(), authReq: AUTH_REQ, userId: "diana", subType: "ephemeral" });
    const code = manager.mintToken(sid, "authorization_code");
    clock.advance(10);
    manager.mintToken(sid, "refresh_token", { basedOn: code.value });
    return manager;
  }

  test("the same seed, start time and calls give identical toJSON()", () => {
    expect(JSON.stringify(run("s1"))).toBe(JSON.stringify(run("s1")));
    expect(JSON.stringify(run("s1"))).not.toBe(JSON.stringify(run("s2")));
  });

  test("the salt defaults to 32 hex characters from the generator", () => {
    expect(run("s1").salt).toMatch(/^[0-9a-f]{32}$/);
  });

  test("toJSON and fromJSON round-trip exactly, and the restored manager continues the same way", () => {
    const a = run("s1");
    const b = SessionManager.fromJSON(JSON.parse(JSON.stringify(a)));
    expect(JSON.stringify(b.toJSON())).toBe(JSON.stringify(a.toJSON()));
    const sa = a.getSidsByUserId("diana")[0];
    expect(b.mintToken(sa, "access_token").value).toBe(a.mintToken(sa, "access_token").value);
    expect(b.getSessionIdByToken(a.getGrant(sa).issued_token[0].value)).toBe(sa);
  });

  test("fromJSON lists problems with their JSON paths", () => {
    const json = JSON.parse(JSON.stringify(run("s1")));
    const key = Object.keys(json.db)[2];
    json.db[key].issued_token[1].based_on = "missing";
    json.db[key].issued_token[0].used = -1;
    json.db.diana.subordinate.push("client_x");
    const e = caught(() => SessionManager.fromJSON(json));
    expect(e.code).toBe("invalid_state_file");
    const paths = e.problems!.map((p) => p.path);
    expect(paths).toContain(`db["${key}"].issued_token[0].used`);
    const shapeOk = JSON.parse(JSON.stringify(run("s1")));
    shapeOk.db[key].issued_token[1].based_on = "missing";
    shapeOk.db.diana.subordinate.push("client_x");
    const paths2 = caught(() => SessionManager.fromJSON(shapeOk)).problems!.map((p) => p.path);
    expect(paths2).toEqual(["db.diana.subordinate[1]", `db["${key}"].issued_token[1].based_on`]);
  });

  test("fromJSON keeps a session node's declared fields only, never moving stray keys into extra", () => {
    const json = JSON.parse(JSON.stringify(run("s1")));
    json.db.diana.stray = "x";
    const restored = SessionManager.fromJSON(json);
    expect(restored.getUserInfo("diana").extra).toEqual({});
  });

  test("importState replaces the tree and keeps the clock and generator", () => {
    const a = run("s1");
    const { manager } = newManager();
    manager.importState(a.toJSON());
    expect(manager.toJSON().db).toEqual(a.toJSON().db);
    expect(manager.salt).toBe(a.salt);
    const before = JSON.stringify(manager.toJSON());
    expect(caught(() => manager.importState({ nonsense: true })).code).toBe("invalid_state_file");
    expect(JSON.stringify(manager.toJSON())).toBe(before);
  });
});
