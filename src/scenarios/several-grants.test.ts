import { describe, expect, it } from "vitest";
import { NoSuchClientSession, NoSuchUserSession, UnknownToken } from "../core/index.ts";
import { loadScenario } from "./index.ts";
import { resultOf } from "./test-helpers.ts";

describe("scenario: several grants", () => {
  const ws = loadScenario("several-grants");
  const sid = (seq: number) => resultOf<{ sessionId: string }>(ws, seq).sessionId;
  const [first, second, third, other] = [sid(1), sid(3), sid(5), sid(6)];
  const code = resultOf<{ value: string }>(ws, 4).value;

  it("lists three grants for diana at client_1 in order, and four session ids for diana", () => {
    const m = ws.stateAt(6);
    expect(m.grants({ userId: "diana", clientId: "client_1" }).map((g) => g.id)).toEqual([first, second, third].map((s) => s.split(";;")[2]));
    expect(m.grants({ sessionId: second }).length).toBe(3);
    expect(m.getSidsByUserId("diana")).toEqual([first, second, third, other]);
  });

  it("removes grants one by one, taking their tokens along", () => {
    expect(ws.stateAt(7).grants({ userId: "diana", clientId: "client_1" }).length).toBe(2);
    expect(ws.stateAt(7).getSessionIdByToken(code)).toBe(second);
    expect(() => ws.stateAt(8).getSessionIdByToken(code)).toThrow(UnknownToken);
  });

  it("removes the empty client session and then the empty user session", () => {
    const m = ws.stateAt(9);
    expect(() => m.getClientSessionInfo("diana;;client_1")).toThrow(NoSuchClientSession);
    expect(m.getUserInfo("diana").subordinate).toEqual(["client_2"]);
    expect(() => ws.manager.getUserInfo("diana")).toThrow(NoSuchUserSession);
    expect(Object.keys(ws.manager.toJSON().db)).toEqual([]);
  });
});
