import { describe, expect, test } from "vitest";
import { AccessToken, AuthorizationCode, createVirtualClock, IdToken, RefreshToken, SessionToken } from "./index.ts";
import { caught, T0 } from "./test-helpers.ts";

const clock = createVirtualClock(T0);

describe("token lifetime", () => {
  test("issued_at defaults to the clock, not_before to 0, expires_at to 0 (never)", () => {
    const t = new AccessToken({ value: "a" }, { clock });
    expect(t.issued_at).toBe(T0);
    expect(t.not_before).toBe(0);
    expect(t.expires_at).toBe(0);
    expect(t.isActive(T0 + 10 ** 9)).toBe(true);
  });

  test("expires_at: given value, else issued_at + expires_in, else usage_rules.expires_in", () => {
    expect(new AccessToken({ expires_at: 5, expires_in: 100 }, { clock }).expires_at).toBe(5);
    expect(new AccessToken({ issued_at: 1000, expires_in: 100 }, { clock }).expires_at).toBe(1100);
    expect(new AccessToken({ issued_at: 1000, usage_rules: { expires_in: 30 } }, { clock }).expires_at).toBe(1030);
    expect(new AccessToken({ issued_at: 1000, expires_in: 7, usage_rules: { expires_in: 30 } }, { clock }).expires_at).toBe(1007);
  });

  test("is still active at exactly expires_at and inactive one second later", () => {
    const t = new AccessToken({ issued_at: T0, expires_in: 60 }, { clock });
    expect(t.isActive(T0 + 60)).toBe(true);
    expect(t.isActive(T0 + 61)).toBe(false);
    expect(t.isExpired(T0 + 61)).toBe(true);
  });

  test("is inactive before not_before", () => {
    const t = new AccessToken({ not_before: T0 + 10 }, { clock });
    expect(t.isActive(T0 + 9)).toBe(false);
    expect(t.isActive(T0 + 10)).toBe(true);
  });

  test("is inactive when revoked or used up", () => {
    const t = new AccessToken({ usage_rules: { max_usage: 2 } }, { clock });
    t.registerUsage();
    expect(t.hasBeenUsed()).toBe(true);
    expect(t.isActive()).toBe(true);
    t.registerUsage();
    expect(t.maxUsageReached()).toBe(true);
    expect(t.isActive()).toBe(false);
    const r = new AccessToken({}, { clock });
    r.revoke();
    expect(r.isActive()).toBe(false);
    expect(new AccessToken({}, { clock }).maxUsageReached()).toBe(false);
  });
});

describe("token type defaults", () => {
  test("an authorization code mints access, refresh and ID tokens and is used at most once", () => {
    const code = new AuthorizationCode({}, { clock });
    expect(code.type).toBe("authorization_code");
    expect(code.usage_rules).toEqual({ supports_minting: ["access_token", "refresh_token", "id_token"], max_usage: 1 });
    expect(code.supportsMinting("id_token")).toBe(true);
  });

  test("a code's max_usage is forced to 1, other given rules are kept", () => {
    const code = new AuthorizationCode({ usage_rules: { max_usage: 5, supports_minting: ["access_token"] } }, { clock });
    expect(code.usage_rules).toEqual({ max_usage: 1, supports_minting: ["access_token"] });
  });

  test("a refresh token mints access and refresh tokens; access and ID tokens mint nothing", () => {
    expect(new RefreshToken({}, { clock }).usage_rules.supports_minting).toEqual(["access_token", "refresh_token"]);
    expect(new AccessToken({}, { clock }).supportsMinting("access_token")).toBe(false);
    expect(new IdToken({}, { clock }).usage_rules).toEqual({});
  });

  test("defaults never override a given rule", () => {
    const rt = new RefreshToken({ usage_rules: { supports_minting: [] } }, { clock });
    expect(rt.supportsMinting("access_token")).toBe(false);
  });

  test("SessionToken with a built-in type name gets that type's defaults; a custom type gets none", () => {
    expect(new SessionToken("refresh_token", {}, { clock }).supportsMinting("refresh_token")).toBe(true);
    expect(new SessionToken("device_code", {}, { clock }).usage_rules).toEqual({});
  });

  test("toJSON gives the reference's fields", () => {
    const t = new AccessToken({ value: "007", based_on: "ABCD", id: "x", scope: ["openid"] }, { clock });
    expect(t.toJSON()).toEqual({
      type: "access_token", value: "007", based_on: "ABCD", id: "x", scope: ["openid"], claims: {}, resources: [],
      issued_at: T0, not_before: 0, expires_at: 0, revoked: false, used: 0, usage_rules: {},
    });
  });

  test("refuses bad field types with the field's name", () => {
    const e = caught(() => new AccessToken({ scope: "openid" as unknown as string[], issued_at: -1 }, { clock }));
    expect(e.code).toBe("invalid_argument");
    expect(e.problems!.map((p) => p.path).sort()).toEqual(["issued_at", "scope"]);
    const e2 = caught(() => new AccessToken({ scope: "openid" as unknown as string[] }, { clock }));
    expect(e2.problems!.map((p) => p.path)).toEqual(["scope"]);
  });
  test("a token built without an id gets 32 random hex characters, as the reference's uuid1().hex", () => {
    const a = new AuthorizationCode({ value: "A" }, { clock });
    const b = new AuthorizationCode({ value: "A" }, { clock });
    expect(a.id).toMatch(/^[0-9a-f]{32}$/);
    expect(b.id).not.toBe(a.id);
    expect(new AccessToken({ value: "B", id: "given" }, { clock }).id).toBe("given");
  });
});
