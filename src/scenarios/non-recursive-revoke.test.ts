import { describe, expect, it } from "vitest";
import { MintingNotAllowed } from "../core/index.ts";
import { loadScenario } from "./index.ts";
import { refusalOf, resultOf } from "./test-helpers.ts";

describe("scenario: revoking without recursion", () => {
  const ws = loadScenario("non-recursive-revoke");
  const { sessionId } = resultOf<{ sessionId: string }>(ws, 1);
  const firstAccess = resultOf<{ value: string }>(ws, 4).value;
  const refresh = resultOf<{ value: string }>(ws, 5).value;
  const secondAccess = resultOf<{ value: string }>(ws, 9).value;

  it("revokes only the refresh token and warns about the access token minted from it", () => {
    expect(resultOf<{ revoked: string[] }>(ws, 10).revoked).toEqual([refresh]);
    const status = ws.stateAt(10).tokenStatus(sessionId, secondAccess);
    expect(status).toMatchObject({ active: true, effective: true, reasons: [] });
    expect(status.warnings).toEqual(["ancestor_revoked"]);
  });

  it("refuses to mint from the revoked refresh token (token_inactive)", () => {
    const error = refusalOf(ws, 11);
    expect(error).toBeInstanceOf(MintingNotAllowed);
    expect((error as MintingNotAllowed).reason).toBe("token_inactive");
  });

  it("closes the gap with a recursive revocation that spares the code's own access token", () => {
    expect(resultOf<{ revoked: string[] }>(ws, 12).revoked).toEqual([refresh, secondAccess]);
    expect(ws.manager.tokenStatus(sessionId, secondAccess).reasons).toEqual(["revoked"]);
    expect(ws.manager.tokenStatus(sessionId, firstAccess)).toMatchObject({ active: true, effective: true });
  });
});
