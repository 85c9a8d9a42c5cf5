import { describe, expect, test } from "vitest";
import { replay, Workspace } from "./index.ts";

const T0 = 1700000000;

/** A workspace of `n` steps: a session, then mints, uses, refusals, clock moves and revocations. */
function busyWorkspace(n: number): Workspace {
  const ws = new Workspace({ name: "busy", seed: "time-travel", start_time: T0 });
  const first = ws.apply({ op: "createSession", args: { userId: "diana", clientId: "client_1" } });
  const sessionId = (first as { result: { sessionId: string } }).result.sessionId;
  let last: string | undefined;
  for (let i = 1; i < n; i++) {
    const kind = i % 7;
    if (kind === 3) ws.apply({ op: "advanceClock", args: { seconds: 30 } });
    else if (kind === 5 && last) ws.apply({ op: "revokeToken", args: { sessionId, value: last } });
    else if (kind === 6) ws.apply({ op: "mintToken", args: { sessionId, type: "access_token", basedOn: "no-such-token" } }); // refused
    else {
      const e = ws.apply({ op: "mintToken", args: { sessionId, type: "refresh_token", ...(last && kind !== 0 ? { basedOn: last } : {}) } });
      if ("result" in e) last = (e.result as { value: string }).value;
    }
  }
  return ws;
}

const text = (m: { toJSON(): unknown }) => JSON.stringify(m.toJSON());

describe("time travel", () => {
  test("gives the state a full replay gives, stepping forward, back and jumping in any order", () => {
    const ws = busyWorkspace(400);
    for (const k of [0, 1, 200, 201, 202, 201, 150, 399, 400, 130, 129, 128, 260, 7, 400, 3]) {
      expect(text(ws.stateAt(k)), `step ${k}`).toBe(text(replay(ws.base, ws.journal, k)));
    }
  });

  test("hands out a new manager each time: changing one leaves the next step's state as recorded", () => {
    const ws = busyWorkspace(200);
    const kept = ws.stateAt(140);
    // The views only read it, but nothing stops a caller from changing it:
    kept.revokeGrant(kept.getSidsByUserId("diana")[0]);
    expect(text(ws.stateAt(140))).toBe(text(replay(ws.base, ws.journal, 140)));
    expect(text(ws.stateAt(141))).toBe(text(replay(ws.base, ws.journal, 141)));
    // Replaying step 141 from the kept state at 140 did not change what is kept.
    expect(text(ws.stateAt(140))).toBe(text(replay(ws.base, ws.journal, 140)));
  });

  test("forgets the steps an undo removed, so a new step there is replayed as recorded", () => {
    const ws = busyWorkspace(300);
    ws.stateAt(300);
    ws.undo();
    ws.apply({ op: "advanceClock", args: { seconds: 5 } });
    expect(text(ws.stateAt(300))).toBe(text(ws.manager));
    expect(text(ws.manager)).toBe(text(replay(ws.base, ws.journal)));
  });
});
