import { describe, expect, it } from "vitest";
import { createVirtualClock, SessionManager } from "../core/index.ts";
import { applyOperation } from "./apply-operation.ts";
import { isOperationName, OPERATION_NAMES, OPERATIONS } from "./registry.ts";
import { operationArgs } from "./schemas.ts";

describe("the operation registry", () => {
  it("lists every operation once, with a title and its schema", () => {
    expect(new Set(OPERATION_NAMES).size).toBe(OPERATION_NAMES.length);
    for (const name of OPERATION_NAMES) {
      expect(OPERATIONS[name].title).toMatch(/^[A-Z][a-z]/);
      expect(operationArgs[name]).toBe(OPERATIONS[name].args);
    }
  });

  it("knows only its own names", () => {
    expect(isOperationName("mintToken")).toBe(true);
    expect(["toString", "__proto__", "constructor", "", 3].some(isOperationName)).toBe(false);
  });

  it("applies an operation with a context object as it does with a bare manager", () => {
    const run = (context: SessionManager | { manager: SessionManager }) =>
      applyOperation(context, { op: "createSession", args: { userId: "diana", clientId: "client_1" } });
    const a = new SessionManager({ clock: createVirtualClock(1_700_000_000) });
    const b = new SessionManager({ clock: createVirtualClock(1_700_000_000) });
    const first = run(a);
    const second = run({ manager: b });
    expect(Object.keys(first)).toEqual(["sessionId"]);
    expect(second.sessionId.split(";;").slice(0, 2)).toEqual(["diana", "client_1"]);
  });
});
