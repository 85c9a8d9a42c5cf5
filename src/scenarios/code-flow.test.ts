import { describe, expect, it } from "vitest";
import { getScenario, loadScenario } from "./index.ts";
import { resultOf } from "./test-helpers.ts";

describe("scenario: authorization code flow", () => {
  const ws = loadScenario("code-flow");
  const { sessionId } = resultOf<{ sessionId: string }>(ws, 1);
  const code = resultOf<{ value: string }>(ws, 2).value;
  const minted = [4, 5, 6].map((seq) => resultOf<{ value: string }>(ws, seq).value);

  it("mints an access, a refresh and an ID token from the code", () => {
    const tokens = minted.map((v) => ws.manager.findToken(sessionId, v)!);
    expect(tokens.map((t) => t.type)).toEqual(["access_token", "refresh_token", "id_token"]);
    for (const t of tokens) {
      expect(t.based_on).toBe(code);
      expect(ws.manager.tokenStatus(sessionId, t.value)).toMatchObject({ active: true, effective: true, reasons: [] });
    }
  });

  it("registers the code's single use only after the exchange, which makes it inactive", () => {
    const before = ws.stateAt(6);
    expect(before.findToken(sessionId, code)!.used).toBe(0);
    expect(before.findToken(sessionId, code)!.isActive()).toBe(true);
    const token = ws.manager.findToken(sessionId, code)!;
    expect(token.used).toBe(1);
    expect(token.usage_rules.max_usage).toBe(1);
    expect(token.isActive()).toBe(false);
    expect(ws.manager.tokenStatus(sessionId, code).reasons).toEqual(["max_usage_reached"]);
    expect(getScenario("code-flow").steps[6].focus).toEqual([code]);
  });

  it("gives the code a five-minute lifetime and the grant one use per mint", () => {
    const token = ws.manager.findToken(sessionId, code)!;
    expect(token.expires_at - token.issued_at).toBe(300);
    expect(ws.manager.getGrant(sessionId).used).toBe(4);
  });
});
