import { describe, expect, it } from "vitest";
import { createAuthnEvent, createSeededRandom, createVirtualClock, SessionManager } from "../../index.ts";
import { playgroundCodeExchange, playgroundEndSession, playgroundIntrospection, playgroundRefresh, playgroundRevocation } from "./playground-flows.ts";

function setup(scope = "openid offline_access") {
  const clock = createVirtualClock(1700000000);
  const sm = new SessionManager({ clock, random: createSeededRandom("flows"), salt: "natriumklorid" });
  const sid = sm.createSession({ authnEvent: createAuthnEvent("diana", { clock }), authReq: { client_id: "client_1", scope, response_type: "code" }, userId: "diana", clientId: "client_1" });
  const code = sm.mintToken(sid, "authorization_code").value;
  return { sm, sid, code };
}

const args = (r: Record<string, unknown>) => r.response_args as Record<string, string>;

describe("playground endpoint flows (the RFCs followed plainly)", () => {
  it("a code exchange mints access, refresh and ID tokens from the code and registers exactly one use of it", () => {
    const { sm, sid, code } = setup();
    const r = args(playgroundCodeExchange(sm, code));
    expect(Object.keys(r)).toEqual(["token_type", "scope", "access_token", "refresh_token", "id_token"]);
    expect(sm.findToken(sid, code)!.used).toBe(1);
    expect(sm.findToken(sid, r.access_token!)!.based_on).toBe(code);
  });

  it("a replayed code is refused and revokes what was minted from it (RFC 6749 §4.1.2)", () => {
    const { sm, sid, code } = setup();
    const r = args(playgroundCodeExchange(sm, code));
    expect(playgroundCodeExchange(sm, code)).toMatchObject({ error: "invalid_grant" });
    expect(sm.findToken(sid, r.access_token!)!.revoked).toBe(true);
    expect(sm.findToken(sid, r.refresh_token!)!.revoked).toBe(true);
  });

  it("refresh keeps the old refresh token unless rotation is on, and issues no new one without offline_access", () => {
    const { sm, sid, code } = setup();
    const rt = args(playgroundCodeExchange(sm, code)).refresh_token!;
    expect(args(playgroundRefresh(sm, rt)).refresh_token).toBeDefined();
    expect(sm.findToken(sid, rt)!.revoked).toBe(false);
    playgroundRefresh(sm, rt, { rotateRefreshTokens: true });
    expect(sm.findToken(sid, rt)!.revoked).toBe(true);
    expect(playgroundRefresh(sm, rt)).toMatchObject({ error: "invalid_grant" });
    const other = setup();
    const rt2 = args(playgroundCodeExchange(other.sm, other.code)).refresh_token!;
    expect(args(playgroundRefresh(other.sm, rt2, { scope: ["openid"] })).refresh_token).toBeUndefined();
  });

  it("revoking a refresh token (RFC 7009) also revokes the access tokens minted from it; an access token goes alone", () => {
    const { sm, sid, code } = setup();
    const first = args(playgroundCodeExchange(sm, code));
    const at = args(playgroundRefresh(sm, first.refresh_token!)).access_token!;
    expect(playgroundRevocation(sm, first.refresh_token!)).toEqual({ response_msg: "OK" });
    expect(sm.findToken(sid, at)!.revoked).toBe(true);
    expect(sm.findToken(sid, first.access_token!)!.revoked).toBe(false);
    expect(playgroundRevocation(sm, "no-such-token")).toEqual({ response_msg: "OK" });
  });

  it("introspection is active only for an effective access or refresh token, and logout revokes the client session", () => {
    const { sm, sid, code } = setup();
    const r = args(playgroundCodeExchange(sm, code));
    expect(args(playgroundIntrospection(sm, r.access_token!)).active).toBe(true);
    expect(args(playgroundIntrospection(sm, code)).active).toBe(false);
    playgroundEndSession(sm, sid);
    expect(sm.getClientSessionInfo(sid).revoked).toBe(true);
    expect(args(playgroundIntrospection(sm, r.access_token!)).active).toBe(false);
  });
});
