import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonBlobInSlices } from "./json-in-slices.ts";
import { largeSnapshot } from "./test-fixtures.ts";

const noPause = () => Promise.resolve();

describe("JSON written in slices", () => {
  it("gives JSON.stringify's bytes for any object, however small the slices", async () => {
    const member = fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.constant(() => 1), fc.constant({ toJSON: () => "custom" }));
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string(), member), fc.dictionary(fc.string(), member), fc.integer({ min: 1, max: 200 }), async (outer, db, slice) => {
        const value = { ...outer, db };
        expect(await (await jsonBlobInSlices(value, "db", noPause, slice)).text()).toBe(JSON.stringify(value));
      }),
      { numRuns: 500 },
    );
  });

  it("keeps own __proto__ keys and key order, as a restored snapshot has them", async () => {
    const value = JSON.parse('{"salt":"s","db":{"__proto__":{"type":"UserSessionInfo"},"b":1,"a":2},"clock":null}') as Record<string, unknown>;
    expect(await (await jsonBlobInSlices(value, "db", noPause, 1)).text()).toBe(JSON.stringify(value));
  });

  it("pauses between slices of a large snapshot, and only there", async () => {
    const snapshot = largeSnapshot(3000) as unknown as Record<string, unknown>;
    const expected = JSON.stringify(snapshot);
    let pauses = 0;
    const blob = await jsonBlobInSlices(snapshot, "db", async () => void pauses++, 64 * 1024);
    expect(await blob.text()).toBe(expected);
    // About one pause per 64 KB of the database.
    expect(pauses).toBeGreaterThanOrEqual(Math.floor(expected.length / (64 * 1024)) - 1);
    expect(pauses).toBeLessThanOrEqual(Math.ceil(expected.length / (64 * 1024)));
  });
});
