import { describe, expect, it } from "vitest";
import { loadScenario } from "./index.ts";
import { resultOf } from "./test-helpers.ts";

describe("scenario: refresh", () => {
  const ws = loadScenario("refresh");
  const { sessionId } = resultOf<{ sessionId: string }>(ws, 1);
  const firstAccess = resultOf<{ value: string }>(ws, 4).value;
  const refresh = resultOf<{ value: string }>(ws, 5).value;
  const secondAccess = resultOf<{ value: string }>(ws, 9).value;

  it("mints the new access token from the refresh token", () => {
    expect(ws.manager.findToken(sessionId, secondAccess)!.based_on).toBe(refresh);
    expect(ws.manager.findToken(sessionId, secondAccess)!.type).toBe("access_token");
  });

  it("leaves the old access token valid beside the new one, up to its own expires_at", () => {
    const m = ws.stateAt(10);
    expect(m.tokenStatus(sessionId, firstAccess)).toMatchObject({ active: true, effective: true });
    expect(m.tokenStatus(sessionId, secondAccess)).toMatchObject({ active: true, effective: true });
    const expiresAt = m.findToken(sessionId, firstAccess)!.expires_at;
    expect(m.tokenStatus(sessionId, firstAccess, expiresAt).active).toBe(true);
    expect(m.tokenStatus(sessionId, firstAccess, expiresAt + 1).active).toBe(false);
  });

  it("ends with the old access token expired (not revoked) and the new one and the refresh token usable", () => {
    expect(ws.manager.tokenStatus(sessionId, firstAccess)).toMatchObject({ active: false, effective: false, reasons: ["expired"] });
    expect(ws.manager.findToken(sessionId, firstAccess)!.revoked).toBe(false);
    expect(ws.manager.tokenStatus(sessionId, secondAccess)).toMatchObject({ active: true, effective: true });
    const rt = ws.manager.findToken(sessionId, refresh)!;
    expect(rt.used).toBe(1);
    expect(ws.manager.tokenStatus(sessionId, refresh).effective).toBe(true);
  });
});
