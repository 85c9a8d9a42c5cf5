import { describe, expect, it } from "vitest";
import { grantNodeStatus, sessionNodeStatus, tokenNodeStatus } from "./node-status.ts";
import { codeFlow, run } from "../test/workspace-fixture.ts";

describe("tokenNodeStatus", () => {
  it("maps each single reason to its status", () => {
    expect(tokenNodeStatus({ reasons: [] })).toBe("active");
    expect(tokenNodeStatus({ reasons: ["revoked"] })).toBe("revoked");
    expect(tokenNodeStatus({ reasons: ["max_usage_reached"] })).toBe("used");
    expect(tokenNodeStatus({ reasons: ["expired"] })).toBe("expired");
    expect(tokenNodeStatus({ reasons: ["not_yet_valid"] })).toBe("not-yet-valid");
    expect(tokenNodeStatus({ reasons: ["grant_revoked"] })).toBe("inactive-ancestor");
    expect(tokenNodeStatus({ reasons: ["grant_expired"] })).toBe("inactive-ancestor");
    expect(tokenNodeStatus({ reasons: ["client_session_revoked"] })).toBe("inactive-ancestor");
    expect(tokenNodeStatus({ reasons: ["user_session_revoked"] })).toBe("inactive-ancestor");
  });

  it("never draws a reason it does not know as active", () => {
    expect(() => tokenNodeStatus({ reasons: ["no_such_reason" as never] })).toThrow(/no_such_reason/);
  });

  it("lets the token's own state win over its grant's, in the order revoked, used, expired, not yet valid", () => {
    expect(tokenNodeStatus({ reasons: ["revoked", "expired", "max_usage_reached", "grant_revoked"] })).toBe("revoked");
    expect(tokenNodeStatus({ reasons: ["expired", "max_usage_reached"] })).toBe("used");
    expect(tokenNodeStatus({ reasons: ["expired", "not_yet_valid", "client_session_revoked"] })).toBe("expired");
    expect(tokenNodeStatus({ reasons: ["not_yet_valid", "grant_revoked"] })).toBe("not-yet-valid");
  });

  it("agrees with the manager's tokenStatus on real tokens", () => {
    const { ws, sessionId, code, at, rt } = codeFlow();
    const m = ws.manager;
    expect(tokenNodeStatus(m.tokenStatus(sessionId, code))).toBe("used");
    expect(tokenNodeStatus(m.tokenStatus(sessionId, at))).toBe("active");
    run(ws, { op: "revokeGrant", args: { sessionId } });
    expect(tokenNodeStatus(m.tokenStatus(sessionId, at))).toBe("inactive-ancestor");
    run(ws, { op: "revokeToken", args: { sessionId, value: rt } });
    expect(tokenNodeStatus(m.tokenStatus(sessionId, rt))).toBe("revoked");
    run(ws, { op: "advanceClock", args: { seconds: 601 } });
    expect(tokenNodeStatus(m.tokenStatus(sessionId, code))).toBe("used");
  });
});

describe("grant and session statuses", () => {
  it("shows a grant's own revocation and expiry before its client session's", () => {
    expect(grantNodeStatus({ revoked: true, expired: true, notYetValid: false }, true)).toBe("revoked");
    expect(grantNodeStatus({ revoked: false, expired: true, notYetValid: false }, true)).toBe("expired");
    expect(grantNodeStatus({ revoked: false, expired: false, notYetValid: true }, false)).toBe("not-yet-valid");
    expect(grantNodeStatus({ revoked: false, expired: false, notYetValid: false }, true)).toBe("inactive-ancestor");
    expect(grantNodeStatus({ revoked: false, expired: false, notYetValid: false }, false)).toBe("active");
  });

  it("shows a revoked session as revoked and a session under a revoked user as inactive", () => {
    expect(sessionNodeStatus(true)).toBe("revoked");
    expect(sessionNodeStatus(false, true)).toBe("inactive-ancestor");
    expect(sessionNodeStatus(false)).toBe("active");
  });
});
