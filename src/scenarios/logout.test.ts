import { describe, expect, it } from "vitest";
import { MintingNotAllowed } from "../core/index.ts";
import { loadScenario } from "./index.ts";
import { refusalOf, resultOf } from "./test-helpers.ts";

describe("scenario: logout", () => {
  const ws = loadScenario("logout");
  const { sessionId } = resultOf<{ sessionId: string }>(ws, 1);
  const tokens = [4, 5, 6].map((seq) => resultOf<{ value: string }>(ws, seq).value);

  it("revokes the client session and its grant, but no token", () => {
    expect(ws.manager.getClientSessionInfo(sessionId).revoked).toBe(true);
    expect(ws.manager.getGrant(sessionId).revoked).toBe(true);
    for (const t of ws.manager.getGrant(sessionId).issued_token) expect(t.revoked).toBe(false);
  });

  it("leaves each token's own is_active() true while its effective status is not usable", () => {
    for (const value of tokens) {
      const status = ws.manager.tokenStatus(sessionId, value);
      expect(status.active).toBe(true);
      expect(ws.manager.findToken(sessionId, value)!.isActive()).toBe(true);
      expect(status.effective).toBe(false);
      expect(status.reasons).toContain("client_session_revoked");
      expect(status.reasons).toEqual(["grant_revoked", "client_session_revoked"]);
    }
  });

  it("was usable just before the logout", () => {
    const before = ws.stateAt(ws.journal.findIndex((e) => e.operation.op === "revokeClientSession"));
    for (const value of tokens) expect(before.tokenStatus(sessionId, value)).toMatchObject({ active: true, effective: true });
  });

  it("refuses to mint from the still 'active' refresh token because its grant is revoked", () => {
    const seq = ws.journal.length;
    const error = refusalOf(ws, seq);
    expect(error).toBeInstanceOf(MintingNotAllowed);
    expect((error as MintingNotAllowed).reason).toBe("grant_inactive");
  });
});
