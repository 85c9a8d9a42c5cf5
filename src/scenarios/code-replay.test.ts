import { describe, expect, it } from "vitest";
import { MintingNotAllowed } from "../core/index.ts";
import { canonicalJson } from "../ops/index.ts";
import { loadScenario } from "./index.ts";
import { allTokens, refusalOf, resultOf } from "./test-helpers.ts";

describe("scenario: code replay", () => {
  const ws = loadScenario("code-replay");
  const { sessionId } = resultOf<{ sessionId: string }>(ws, 1);
  const code = resultOf<{ value: string }>(ws, 2).value;
  const replaySeq = ws.journal.findIndex((e) => "error" in e) + 1;

  it("refuses the second exchange with minting_not_allowed, reason token_inactive (max usage reached)", () => {
    const entry = ws.journal[replaySeq - 1];
    expect(entry.operation).toMatchObject({ op: "mintToken", args: { basedOn: code } });
    expect("error" in entry && entry.error.code).toBe("minting_not_allowed");
    const error = refusalOf(ws, replaySeq);
    expect(error).toBeInstanceOf(MintingNotAllowed);
    expect((error as MintingNotAllowed).reason).toBe("token_inactive");
    expect(ws.stateAt(replaySeq - 1).tokenStatus(sessionId, code).reasons).toEqual(["max_usage_reached"]);
  });

  it("changes nothing with the refused call", () => {
    expect(canonicalJson(ws.stateAt(replaySeq).toJSON())).toBe(canonicalJson(ws.stateAt(replaySeq - 1).toJSON()));
  });

  it("revokes the code and everything minted from it, recursively, in breadth-first order", () => {
    const tokens = allTokens(ws.manager).map((t) => t.token);
    expect(tokens.length).toBe(5);
    const fromCode = (v: string | null): boolean => v === code || (v !== null && fromCode(tokens.find((t) => t.value === v)!.based_on));
    for (const t of tokens) {
      expect(fromCode(t.value)).toBe(true);
      expect(t.revoked).toBe(true);
      expect(ws.manager.tokenStatus(sessionId, t.value).reasons).toContain("revoked");
    }
    const grandchild = tokens.find((t) => t.based_on !== null && t.based_on !== code)!;
    const revoked = resultOf<{ revoked: string[] }>(ws, ws.journal.length).revoked;
    expect(revoked[0]).toBe(code);
    expect(revoked[revoked.length - 1]).toBe(grandchild.value);
    expect(new Set(revoked)).toEqual(new Set(tokens.map((t) => t.value)));
  });
});
