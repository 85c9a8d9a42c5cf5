import { describe, expect, it } from "vitest";
import { pairwiseId, publicId } from "../core/index.ts";
import { BANK_SECTOR, loadScenario, RETAIL_SECTOR } from "./index.ts";
import { resultOf } from "./test-helpers.ts";

describe("scenario: subject types", () => {
  const ws = loadScenario("subject-types");
  const sub = (seq: number) => ws.manager.getGrant(resultOf<{ sessionId: string }>(ws, seq).sessionId).sub;
  const clientOf = (seq: number) => resultOf<{ sessionId: string }>(ws, seq).sessionId.split(";;")[1];
  const salt = ws.manager.salt;

  it("covers one user at three clients", () => {
    expect(new Set(ws.journal.map((_, i) => clientOf(i + 1)))).toEqual(new Set(["shop", "forum", "bank"]));
    expect(ws.manager.getUserInfo("diana").subordinate).toEqual(["shop", "forum", "bank"]);
  });

  it("gives the same public sub at every client", () => {
    expect(clientOf(1)).not.toBe(clientOf(2));
    expect(sub(1)).toBe(publicId("diana", salt));
    expect(sub(2)).toBe(sub(1));
    expect(sub(3)).toBe(sub(1));
  });

  it("gives pairwise subs that are equal within a sector and differ between sectors", () => {
    expect(sub(4)).toBe(pairwiseId("diana", RETAIL_SECTOR, salt));
    expect(sub(5)).toBe(sub(4));
    expect(sub(6)).toBe(pairwiseId("diana", BANK_SECTOR, salt));
    expect(sub(6)).not.toBe(sub(4));
    expect(sub(4)).not.toBe(sub(1));
  });

  it("gives a new random ephemeral sub for every grant", () => {
    expect(sub(7)).toMatch(/^[0-9a-f]{32}$/);
    expect(sub(8)).toMatch(/^[0-9a-f]{32}$/);
    expect(sub(7)).not.toBe(sub(8));
    expect([sub(1), sub(4), sub(6)]).not.toContain(sub(7));
  });
});
