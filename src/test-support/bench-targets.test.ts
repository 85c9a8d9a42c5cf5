import { describe, expect, test } from "vitest";
import { formatVerdict, judge, parseTarget } from "./bench-targets.ts";

describe("benchmark targets written in a bench's name", () => {
  test("are read as a measure, a comparison and a limit", () => {
    expect(parseTarget("ours [target: mean < 100 ms]")).toEqual({ measure: "mean", comparison: "<", limit: 100 });
    expect(parseTarget("ours [target: hz > 1,000]")).toEqual({ measure: "hz", comparison: ">", limit: 1000 });
    expect(parseTarget("reference port")).toBeNull();
  });

  test("are met or missed by the measured figure", () => {
    expect(judge("a [target: mean < 100 ms]", { mean: 64, hz: 15 })?.met).toBe(true);
    expect(judge("a [target: mean < 100 ms]", { mean: 100, hz: 10 })?.met).toBe(false);
    expect(judge("b [target: hz > 1000]", { mean: 0.5, hz: 1900 })?.met).toBe(true);
    expect(judge("b [target: hz > 1000]", { mean: 2, hz: 500 })?.met).toBe(false);
    expect(formatVerdict(judge("b [target: hz > 1000]", { mean: 2, hz: 500 })!)).toBe("MISSED  b: hz 500 hz (target > 1,000 hz)");
  });
});
