import { describe, expect, it } from "vitest";
import { MintingNotAllowed } from "../core/index.ts";
import { loadScenario } from "./index.ts";
import { refusalOf, resultOf } from "./test-helpers.ts";

describe("scenario: expiry", () => {
  const ws = loadScenario("expiry");
  const { sessionId } = resultOf<{ sessionId: string }>(ws, 1);
  const lateCode = resultOf<{ value: string }>(ws, 2).value;
  const accessToken = resultOf<{ value: string }>(ws, 7).value;

  it("keeps the code active up to its expires_at and expires it one second later", () => {
    expect(ws.stateAt(2).tokenStatus(sessionId, lateCode)).toMatchObject({ active: true, effective: true });
    const atExpiry = ws.stateAt(3);
    expect(atExpiry.clock.now()).toBe(atExpiry.findToken(sessionId, lateCode)!.expires_at);
    expect(atExpiry.tokenStatus(sessionId, lateCode)).toMatchObject({ active: true, effective: true });
    expect(ws.stateAt(4).tokenStatus(sessionId, lateCode)).toMatchObject({ active: false, effective: false, reasons: ["expired"] });
  });

  it("refuses to exchange the expired code (token_inactive)", () => {
    const error = refusalOf(ws, 5);
    expect(error).toBeInstanceOf(MintingNotAllowed);
    expect((error as MintingNotAllowed).reason).toBe("token_inactive");
  });

  it("expires the access token only when the clock passes its own expires_at", () => {
    expect(ws.stateAt(8).tokenStatus(sessionId, accessToken)).toMatchObject({ active: true, effective: true });
    const end = ws.stateAt(9);
    expect(end.tokenStatus(sessionId, accessToken)).toMatchObject({ active: false, effective: false, reasons: ["expired"] });
    expect(end.clock.now()).toBe(end.findToken(sessionId, accessToken)!.expires_at + 1);
  });
});
