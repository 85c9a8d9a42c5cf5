import { describe, expect, expectTypeOf, test } from "vitest";
import { DIVIDER, sessionIdParts, sessionKey, sessionKeyDepth, unpackSessionKey, type SessionId } from "./index.ts";
import { parseSessionId } from "./keys.ts";
import { caught } from "./test-helpers.ts";

describe("session keys", () => {
  test("names the parts of a session id and counts them", () => {
    expect(sessionIdParts("diana;;client_1;;g1")).toEqual({ userId: "diana", clientId: "client_1", grantId: "g1" });
    expect(sessionIdParts("diana;;client_1")).toEqual({ userId: "diana", clientId: "client_1", grantId: "" });
    expect(["diana", "diana;;client_1", "diana;;client_1;;g1"].map(sessionKeyDepth)).toEqual([1, 2, 3]);
    // A session id is made by sessionKey; a plain string is not one.
    expectTypeOf(sessionKey("diana", "client_1", "g1")).toEqualTypeOf<SessionId>();
    expectTypeOf<string>().not.toExtend<SessionId>();
  });

  test("joins and splits parts with ;;", () => {
    expect(DIVIDER).toBe(";;");
    expect(sessionKey("diana", "client_1", "g1")).toBe("diana;;client_1;;g1");
    expect(unpackSessionKey("diana;;client_1;;g1")).toEqual(["diana", "client_1", "g1"]);
  });

  test("refuses a session id with the wrong number of parts or an empty part", () => {
    for (const bad of ["diana", "diana;;client_1;;g;;x", "diana;;;;g", ";;c;;g", ""]) {
      expect(caught(() => parseSessionId(bad, [3])).code).toBe("invalid_session_id");
    }
    expect(caught(() => parseSessionId(42, [3])).code).toBe("invalid_session_id");
    expect(parseSessionId("diana;;client_1", [2, 3])).toEqual(["diana", "client_1"]);
  });
});
