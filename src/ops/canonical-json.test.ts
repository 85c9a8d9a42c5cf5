import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, sameJson } from "./canonical-json.ts";

/** The same value with every object's keys in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).reverse()) {
    Object.defineProperty(out, key, { value: reversed((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

describe("sameJson", () => {
  it("answers as comparing canonical JSON texts would, whatever the key order", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), fc.boolean(), (a, b, flip) => {
        const other = flip ? reversed(a) : b;
        expect(sameJson(a, other)).toBe(canonicalJson(a) === canonicalJson(other));
      }),
      { numRuns: 2000 },
    );
  });

  it("treats a snapshot with its keys reordered as the same state, and one changed value as different", () => {
    const state = { salt: "s", db: { u: { type: "UserSessionInfo", user_id: "u", subordinate: [], revoked: false, extra: {} } } };
    expect(sameJson(state, reversed(state))).toBe(true);
    expect(sameJson(state, { ...state, salt: "t" })).toBe(false);
  });
});
