import { describe, expect, it } from "vitest";
import { computeWave } from "./revocation-wave.ts";
import { clientNodeId, grantNodeId, projectGraph, tokenNodeId } from "./project-graph.ts";
import { codeFlow, run } from "../test/workspace-fixture.ts";

const all = (wave: { levels: string[][] }) => wave.levels.flat();

describe("computeWave", () => {
  it("draws a recursive revocation level by level in the order the operation returned", () => {
    const { ws, sessionId, code, at, rt, idt } = codeFlow();
    const rt2 = run<{ value: string }>(ws, { op: "mintToken", args: { sessionId, type: "refresh_token", basedOn: rt } }).value;
    const before = projectGraph(ws.manager);
    const entry = ws.apply({ op: "revokeToken", args: { sessionId, value: code, recursive: true } });
    const after = projectGraph(ws.manager);
    const wave = computeWave(before, after, entry)!;
    const id = (v: string) => tokenNodeId(sessionId, v);
    expect(wave.levels).toEqual([[id(code)], [id(at), id(rt), id(idt)], [id(rt2)]]);
    expect(wave.before[id(at)]).toEqual({ status: "active", warnings: [] });
    expect(wave.before[id(code)].status).toBe("used");
  });

  it("shows the warning a non-recursive revocation leaves on the tokens below", () => {
    const { ws, sessionId, rt } = codeFlow();
    const at2 = run<{ value: string }>(ws, { op: "mintToken", args: { sessionId, type: "access_token", basedOn: rt } }).value;
    const before = projectGraph(ws.manager);
    const entry = ws.apply({ op: "revokeToken", args: { sessionId, value: rt } });
    const wave = computeWave(before, projectGraph(ws.manager), entry)!;
    expect(wave.levels).toEqual([[tokenNodeId(sessionId, rt)], [tokenNodeId(sessionId, at2)]]);
  });

  it("cascades a client session revocation through its grants to their tokens, leaving siblings alone", () => {
    const { ws, sessionId, code, at, rt, idt } = codeFlow();
    const other = codeFlow(ws, "diana", "client_2");
    const before = projectGraph(ws.manager);
    const entry = ws.apply({ op: "revokeClientSession", args: { sessionId: "diana;;client_1" } });
    const wave = computeWave(before, projectGraph(ws.manager), entry)!;
    const id = (v: string) => tokenNodeId(sessionId, v);
    // The used code keeps showing "used" (its own state wins), so it is not part of the wave.
    expect(wave.levels).toEqual([[clientNodeId("diana", "client_1")], [grantNodeId(sessionId)], [id(at), id(rt), id(idt)]]);
    expect(all(wave).includes(id(code))).toBe(false);
    expect(all(wave).some((n) => n.includes(other.sessionId))).toBe(false);
  });

  it("animates nothing for a refused or unrelated operation", () => {
    const { ws, sessionId, code } = codeFlow();
    const before = projectGraph(ws.manager);
    const refused = ws.apply({ op: "mintToken", args: { sessionId, type: "access_token", basedOn: code } });
    expect(computeWave(before, projectGraph(ws.manager), refused)).toBeNull();
    const clock = ws.apply({ op: "advanceClock", args: { seconds: 5 } });
    expect(computeWave(before, projectGraph(ws.manager), clock)).toBeNull();
  });
});
