import { describe, expect, test } from "vitest";
import { createSeededRandom, createVirtualClock, Grant, SessionToken, type UsageRules } from "./index.ts";
import { caught, T0 } from "./test-helpers.ts";

function newGrant(fields: ConstructorParameters<typeof Grant>[0] = {}, tokenMap?: Record<string, UsageRules>) {
  const clock = createVirtualClock(T0);
  const grant = new Grant({ scope: ["openid", "email"], ...fields }, { clock, random: createSeededRandom("g"), tokenMap });
  return { grant, clock };
}

describe("grant.mintToken", () => {
  test("tells the onMint listener of each token minted, until it is taken away", () => {
    const { grant } = newGrant();
    const told: string[] = [];
    grant.onMint((token) => told.push(token.value));
    grant.mintToken("authorization_code", { value: "c1" });
    grant.onMint(undefined);
    grant.mintToken("authorization_code", { value: "c2" });
    expect(told).toEqual(["c1"]);
    // The listener is not data: a grant with one equals a grant without.
    expect(Object.keys(grant)).not.toContain("onMint");
  });

  test("mints a code, then access, refresh and ID tokens from it, as the reference's find_token example", () => {
    const { grant } = newGrant();
    const code = grant.mintToken("authorization_code", { value: "ABCD" });
    const at = grant.mintToken("access_token", { value: "007", basedOn: code });
    expect(at.type).toBe("access_token");
    expect(at.based_on).toBe("ABCD");
    expect(grant.getToken("007")).toBe(at);
    expect(grant.issued_token).toEqual([code, at]);
    expect(grant.used).toBe(2);
  });

  test("does not count minting as a use of the token it is based on", () => {
    const { grant } = newGrant();
    const code = grant.mintToken("authorization_code");
    grant.mintToken("access_token", { basedOn: code });
    grant.mintToken("refresh_token", { basedOn: code });
    expect(code.used).toBe(0);
    code.registerUsage();
    expect(code.isActive()).toBe(false);
  });

  test("refuses to mint from a used code", () => {
    const { grant } = newGrant();
    const code = grant.mintToken("authorization_code");
    code.registerUsage();
    const e = caught(() => grant.mintToken("access_token", { basedOn: code }));
    expect(e.code).toBe("minting_not_allowed");
    expect(e.reason).toBe("token_inactive");
    expect(grant.issued_token).toHaveLength(1);
  });

  test("refuses a type the parent's supports_minting does not list", () => {
    const { grant } = newGrant();
    const at = grant.mintToken("access_token");
    const e = caught(() => grant.mintToken("refresh_token", { basedOn: at }));
    expect(e.code).toBe("minting_not_allowed");
    expect(e.reason).toBe("not_supported");
  });

  test("refuses to mint on a revoked or expired grant (deviation: the reference returned None)", () => {
    const { grant, clock } = newGrant({ expires_in: 100 });
    clock.advance(101);
    expect(caught(() => grant.mintToken("access_token")).reason).toBe("grant_inactive");
    const { grant: g2 } = newGrant();
    g2.revoke();
    const e = caught(() => g2.mintToken("access_token"));
    expect(e.code).toBe("minting_not_allowed");
    expect(e.reason).toBe("grant_inactive");
  });

  test("refuses an unknown token type, and mints a registered custom type", () => {
    const { grant } = newGrant();
    expect(caught(() => grant.mintToken("device_code")).code).toBe("unknown_token_type");
    const { grant: g2 } = newGrant({}, { device_code: { max_usage: 3, supports_minting: ["access_token"] } });
    const dc = g2.mintToken("device_code");
    expect(dc.usage_rules).toEqual({ max_usage: 3, supports_minting: ["access_token"] });
    expect(dc.value).toMatch(/^device_code_[0-9a-f]{32}$/);
    expect(g2.mintToken("access_token", { basedOn: dc }).based_on).toBe(dc.value);
  });

  test("refuses a basedOn token from another grant", () => {
    const { grant } = newGrant();
    const { grant: other } = newGrant();
    const foreign = other.mintToken("authorization_code");
    expect(caught(() => grant.mintToken("access_token", { basedOn: foreign })).code).toBe("invalid_argument");
    expect(caught(() => grant.mintToken("access_token", { basedOn: new SessionToken("authorization_code") })).code).toBe("invalid_argument");
  });

  test("usage rules come from the options, else the grant's rules for the type, then type defaults", () => {
    const { grant } = newGrant({ usage_rules: { access_token: { expires_in: 3600 }, authorization_code: { expires_in: 300 } } });
    const code = grant.mintToken("authorization_code");
    expect(code.usage_rules).toEqual({ expires_in: 300, supports_minting: ["access_token", "refresh_token", "id_token"], max_usage: 1 });
    expect(code.expires_at).toBe(T0 + 300);
    expect(grant.mintToken("access_token").expires_at).toBe(T0 + 3600);
    expect(grant.mintToken("access_token", { usageRules: { max_usage: 2 } }).usage_rules).toEqual({ max_usage: 2 });
  });

  test("does not share usage rule objects between the grant and its tokens", () => {
    const { grant } = newGrant({ usage_rules: { refresh_token: { supports_minting: ["access_token"] } } });
    const rt = grant.mintToken("refresh_token");
    rt.usage_rules.supports_minting!.push("refresh_token");
    expect(grant.usage_rules.refresh_token.supports_minting).toEqual(["access_token"]);
  });

  test("scope comes from the options, else the nearest non-empty scope up the based_on chain, else the grant", () => {
    const { grant } = newGrant();
    const code = grant.mintToken("authorization_code", { scope: [] });
    const rt = grant.mintToken("refresh_token", { basedOn: code, scope: ["openid"] });
    expect(grant.mintToken("access_token", { basedOn: rt }).scope).toEqual(["openid"]);
    expect(grant.mintToken("access_token", { basedOn: code }).scope).toEqual(["openid", "email"]);
    expect(grant.mintToken("access_token", { scope: ["x"] }).scope).toEqual(["x"]);
  });

  test("generates typed, readable values and 32-hex ids", () => {
    const { grant } = newGrant();
    expect(grant.mintToken("authorization_code").value).toMatch(/^code_[0-9a-f]{32}$/);
    expect(grant.mintToken("access_token").value).toMatch(/^at_[0-9a-f]{32}$/);
    expect(grant.mintToken("refresh_token").value).toMatch(/^rt_[0-9a-f]{32}$/);
    const idt = grant.mintToken("id_token");
    expect(idt.value).toMatch(/^idt_[0-9a-f]{32}$/);
    expect(idt.id).toMatch(/^[0-9a-f]{32}$/);
    expect(grant.id).toMatch(/^[0-9a-f]{32}$/);
  });

  test("a refused mint does not move the random generator", () => {
    const a = newGrant().grant;
    const b = newGrant().grant;
    a.revoke();
    caught(() => a.mintToken("access_token"));
    a.revoked = false;
    expect(a.mintToken("access_token").value).toBe(b.mintToken("access_token").value);
  });

  test("expiresIn, expiresAt, notBefore and issuedAt set the token's lifetime", () => {
    const { grant } = newGrant();
    const t = grant.mintToken("access_token", { issuedAt: T0 + 5, expiresIn: 10, notBefore: T0 + 6 });
    expect([t.issued_at, t.expires_at, t.not_before]).toEqual([T0 + 5, T0 + 15, T0 + 6]);
    expect(grant.mintToken("access_token", { expiresAt: T0 + 99 }).expires_at).toBe(T0 + 99);
  });
});

describe("grant.revokeToken (reference semantics)", () => {
  function chain() {
    const { grant } = newGrant();
    const code = grant.mintToken("authorization_code", { value: "code" });
    const at1 = grant.mintToken("access_token", { value: "at1", basedOn: code });
    const rt = grant.mintToken("refresh_token", { value: "rt", basedOn: code });
    const at2 = grant.mintToken("access_token", { value: "at2", basedOn: rt });
    const rt2 = grant.mintToken("refresh_token", { value: "rt2", basedOn: rt });
    const at3 = grant.mintToken("access_token", { value: "at3", basedOn: rt2 });
    const other = grant.mintToken("access_token", { value: "other" });
    return { grant, code, at1, rt, at2, rt2, at3, other };
  }
  const revokedValues = (g: Grant) => g.issued_token.filter((t) => t.revoked).map((t) => t.value);

  test("with neither value nor basedOn revokes every token", () => {
    const { grant } = chain();
    grant.revokeToken();
    expect(grant.issued_token.every((t) => t.revoked)).toBe(true);
  });

  test("with a value revokes it and, by default, everything minted from it, breadth first", () => {
    const { grant } = chain();
    expect(grant.revokeToken({ value: "rt" })).toEqual(["rt", "at2", "rt2", "at3"]);
    expect(revokedValues(grant)).toEqual(["rt", "at2", "rt2", "at3"]);
  });

  test("with a value and recursive false revokes only that token", () => {
    const { grant } = chain();
    grant.revokeToken({ value: "rt", recursive: false });
    expect(revokedValues(grant)).toEqual(["rt"]);
  });

  test("with basedOn revokes the children (and their descendants) but not the parent", () => {
    const { grant } = chain();
    grant.revokeToken({ basedOn: "rt" });
    expect(revokedValues(grant)).toEqual(["at2", "rt2", "at3"]);
    const c2 = chain();
    c2.grant.revokeToken({ basedOn: "rt", recursive: false });
    expect(revokedValues(c2.grant)).toEqual(["at2", "rt2"]);
  });

  test("with both value and basedOn revokes only tokens matching both", () => {
    const { grant } = chain();
    grant.revokeToken({ value: "at2", basedOn: "rt" });
    grant.revokeToken({ value: "at1", basedOn: "rt" });
    expect(revokedValues(grant)).toEqual(["at2"]);
  });

  test("terminates on repeated values that point back at themselves", () => {
    const { grant } = newGrant();
    const rt = grant.mintToken("refresh_token", { value: "X" });
    grant.mintToken("refresh_token", { value: "X", basedOn: rt });
    expect(grant.revokeToken({ value: "X" })).toEqual(["X", "X", "X"]);
    expect(grant.issued_token.every((t) => t.revoked)).toBe(true);
  });
});

describe("grant.getSpec", () => {
  test("takes scope, claims and resources from the token when set, else from the grant, leaving out empty ones", () => {
    const { grant } = newGrant({ claims: { userinfo: { email: null } } });
    const at = grant.mintToken("access_token", { scope: ["openid"] });
    expect(grant.getSpec(at)).toEqual({ scope: ["openid"], claims: { userinfo: { email: null } } });
  });

  test("is null for an inactive token (deviation: the reference never checked the token)", () => {
    const { grant } = newGrant();
    const at = grant.mintToken("access_token");
    at.revoke();
    expect(grant.getSpec(at)).toBeNull();
  });

  test("is null for an inactive grant", () => {
    const { grant } = newGrant();
    const at = grant.mintToken("access_token");
    grant.revoke();
    expect(grant.getSpec(at)).toBeNull();
  });
});

describe("grant lookups", () => {
  test("lastIssuedTokenOfType picks the newest by issued_at, the first on ties", () => {
    const { grant, clock } = newGrant();
    const a = grant.mintToken("access_token");
    grant.mintToken("access_token");
    expect(grant.lastIssuedTokenOfType("access_token")).toBe(a);
    clock.advance(1);
    const c = grant.mintToken("access_token");
    expect(grant.lastIssuedTokenOfType("access_token")).toBe(c);
    expect(grant.lastIssuedTokenOfType("id_token")).toBeUndefined();
  });

  test("getToken returns the first token with a repeated value", () => {
    const { grant } = newGrant();
    const first = grant.mintToken("access_token", { value: "dup" });
    grant.mintToken("access_token", { value: "dup" });
    expect(grant.getToken("dup")).toBe(first);
    expect(grant.getTokens("dup")).toHaveLength(2);
    expect(grant.getToken("none")).toBeUndefined();
  });

  test("keeps its index current when tokens are pushed onto issued_token directly", () => {
    const { grant } = newGrant();
    const code = grant.mintToken("authorization_code", { value: "c" });
    grant.issued_token.push(new SessionToken("access_token", { value: "pushed", based_on: "c" }));
    expect(grant.getToken("pushed")?.based_on).toBe(code.value);
    expect(grant.childrenOf("c").map((t) => t.value)).toEqual(["pushed"]);
    grant.issued_token = [];
    expect(grant.getToken("c")).toBeUndefined();
  });

  test("toJSON lists the reference's grant fields and its tokens", () => {
    const { grant } = newGrant();
    grant.mintToken("authorization_code", { value: "c" });
    const json = grant.toJSON();
    expect(Object.keys(json)).toEqual([
      "type", "id", "scope", "claims", "resources", "authorization_details", "authorization_request", "authentication_event",
      "sub", "usage_rules", "issued_token", "issued_at", "not_before", "expires_at", "revoked", "used",
    ]);
    expect(json.issued_token[0].value).toBe("c");
  });
});
