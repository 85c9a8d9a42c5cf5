import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, sameJson } from "./canonical-json.ts";

/** The same value with every plain object's keys in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value === null || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return value;
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

  it("answers as the canonical texts would for values JSON writes differently from what they are", () => {
    // Dates (toJSON), boxed values, NaN and Infinity (written as null), undefined and functions
    // (left out of objects, null in arrays), sparse arrays, Maps and Sets (written as {}).
    const odd = fc.anything({
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withSparseArray: true,
      withTypedArray: true,
      withObjectString: true,
    });
    const withUndefinedAndFunctions = fc.oneof(odd, fc.constant(undefined), fc.constant(() => 1), fc.constant([undefined, null]), fc.constant({ a: undefined }));
    fc.assert(
      fc.property(withUndefinedAndFunctions, withUndefinedAndFunctions, fc.boolean(), (a, b, flip) => {
        const other = flip ? reversed(a) : b;
        expect(sameJson(a, other)).toBe(canonicalJson(a) === canonicalJson(other));
      }),
      { numRuns: 3000 },
    );
  });

  it("treats equal values written differently as the same: -0 and 0, a missing key and one set to undefined, a hole and null", () => {
    expect(sameJson({ n: -0 }, { n: 0 })).toBe(true);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    const holed: unknown[] = [];
    holed[1] = 1;
    expect(sameJson(holed, [null, 1])).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(sameJson([NaN], [null])).toBe(true);
  });

  it("treats a snapshot with its keys reordered as the same state, and one changed value as different", () => {
    const state = { salt: "s", db: { u: { type: "UserSessionInfo", user_id: "u", subordinate: [], revoked: false, extra: {} } } };
    expect(sameJson(state, reversed(state))).toBe(true);
    expect(sameJson(state, { ...state, salt: "t" })).toBe(false);
  });
});
