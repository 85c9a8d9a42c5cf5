import { describe, expect, test } from "vitest";
import { createSeededRandom, createVirtualClock, restoreSeededRandom } from "./index.ts";
import { caught } from "./test-helpers.ts";

describe("seeded random", () => {
  test("gives the same lowercase hex sequence for the same seed", () => {
    const a = createSeededRandom("seed");
    const b = createSeededRandom("seed");
    const xs = [a.hex(32), a.hex(5), a.hex(40)];
    expect([b.hex(32), b.hex(5), b.hex(40)]).toEqual(xs);
    expect(xs[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(xs[1]).toHaveLength(5);
    expect(createSeededRandom("other").hex(32)).not.toBe(xs[0]);
  });

  test("continues from a saved state exactly", () => {
    const a = createSeededRandom("seed");
    a.hex(10);
    const b = restoreSeededRandom(JSON.parse(JSON.stringify(a.getState())));
    expect(b.hex(64)).toBe(a.hex(64));
  });
});

describe("virtual clock", () => {
  test("moves only when advanced or set", () => {
    const clock = createVirtualClock(100);
    expect(clock.now()).toBe(100);
    expect(clock.advance(60)).toBe(160);
    expect(clock.set(50)).toBe(50);
    expect(clock.now()).toBe(50);
  });

  test("refuses fractional or negative times", () => {
    const clock = createVirtualClock(100);
    expect(caught(() => clock.advance(1.5)).code).toBe("invalid_argument");
    expect(caught(() => clock.set(-1)).code).toBe("invalid_argument");
    expect(clock.now()).toBe(100);
  });
});
