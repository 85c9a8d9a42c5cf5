import { describe, expect, test } from "vitest";
import { createSeededRandom, createVirtualClock, SessionManager } from "../core/index.ts";
import { applyOperation, validateOperation } from "./index.ts";

const T0 = 1700000000;
function manager() {
  return new SessionManager({ clock: createVirtualClock(T0), random: createSeededRandom("ops") });
}
function caught(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    return e as Error & { code: string; problems: { path: string; message: string }[]; reason?: string };
  }
  throw new Error("expected a throw");
}

describe("applyOperation", () => {
  test("runs every operation and returns its JSON result", () => {
    const m = manager();
    const { sessionId } = applyOperation(m, { op: "createSession", args: { userId: "diana", clientId: "client_1", authReq: { scope: "openid email" } } });
    expect(sessionId).toMatch(/^diana;;client_1;;[0-9a-f]{32}$/);
    const g = applyOperation(m, { op: "addGrant", args: { userId: "diana", clientId: "client_1", grant: { scope: ["openid"] } } });
    expect(g.sessionId).toBe(`diana;;client_1;;${g.grantId}`);
    const code = applyOperation(m, { op: "mintToken", args: { sessionId, type: "authorization_code" } });
    expect(code.value).toMatch(/^code_/);
    const at = applyOperation(m, { op: "mintToken", args: { sessionId, type: "access_token", basedOn: code.value, expiresIn: 60 } });
    expect(m.findToken(sessionId, at.value)!.expires_at).toBe(T0 + 60);
    expect(applyOperation(m, { op: "registerUsage", args: { sessionId, value: code.value } })).toEqual({ used: 1 });
    expect(applyOperation(m, { op: "revokeToken", args: { sessionId, value: code.value, recursive: true } })).toEqual({ revoked: [code.value, at.value] });
    expect(applyOperation(m, { op: "advanceClock", args: { seconds: 60 } })).toEqual({ now: T0 + 60 });
    expect(applyOperation(m, { op: "setClock", args: { now: T0 + 5 } })).toEqual({ now: T0 + 5 });
    expect(applyOperation(m, { op: "revokeGrant", args: { sessionId } })).toEqual({});
    expect(applyOperation(m, { op: "revokeClientSession", args: { sessionId: "diana;;client_1" } })).toEqual({});
    expect(applyOperation(m, { op: "removeSession", args: { sessionId } })).toEqual({});
    expect(m.getSidsByUserId("diana")).toEqual([g.sessionId]);
  });

  test("revokeToken's recursive defaults to false", () => {
    const m = manager();
    const { sessionId } = applyOperation(m, { op: "createSession", args: { userId: "diana", clientId: "c" } });
    const code = applyOperation(m, { op: "mintToken", args: { sessionId, type: "authorization_code" } });
    applyOperation(m, { op: "mintToken", args: { sessionId, type: "access_token", basedOn: code.value } });
    expect(applyOperation(m, { op: "revokeToken", args: { sessionId, value: code.value } })).toEqual({ revoked: [code.value] });
  });

  test("refuses an invalid operation with invalid_argument listing every problem with its path", () => {
    const e = caught(() => validateOperation({ op: "mintToken", args: { sessionId: 5, type: "", expiresIn: -1, extra: 1 } }));
    expect(e.code).toBe("invalid_argument");
    expect(e.problems.map((p) => p.path).sort()).toEqual(["args", "args.expiresIn", "args.sessionId", "args.type"]);
    expect(caught(() => validateOperation({ op: "fly", args: {} })).message).toMatch(/Unknown operation "fly".*createSession/);
    expect(caught(() => validateOperation(null)).code).toBe("invalid_argument");
    expect(caught(() => validateOperation({ op: "advanceClock", args: { seconds: 0 } })).problems[0].path).toBe("args.seconds");
  });

  test("passes the core's errors through unchanged", () => {
    const m = manager();
    const e = caught(() => applyOperation(m, { op: "registerUsage", args: { sessionId: "a;;b;;c", value: "x" } }));
    expect(e.code).toBe("no_such_user_session");
  });

  test("refuses to move a real clock", () => {
    const m = new SessionManager({ random: createSeededRandom("x") });
    expect(caught(() => applyOperation(m, { op: "advanceClock", args: { seconds: 5 } })).code).toBe("invalid_argument");
  });
});
