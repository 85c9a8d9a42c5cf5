import { describe, expect, test } from "vitest";
import { DIVIDER, sessionKey, unpackSessionKey } from "./index.ts";
import { parseSessionId } from "./keys.ts";
import { caught } from "./test-helpers.ts";

describe("session keys", () => {
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
