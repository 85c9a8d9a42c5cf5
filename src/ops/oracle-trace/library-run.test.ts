import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareTrace } from "./compare-trace.ts";
import { replayOracleTrace, type OracleTrace } from "./replay-oracle-trace.ts";

const FIXTURES = join(import.meta.dirname, "fixtures");

function traces(library: string): { file: string; trace: OracleTrace }[] {
  return readdirSync(join(FIXTURES, library))
    .filter((f) => !f.startsWith("flow-"))
    .sort()
    .map((file) => ({ file, trace: JSON.parse(readFileSync(join(FIXTURES, library, file), "utf8")) as OracleTrace }));
}

describe("replayOracleTrace against the traces recorded from the real libraries", () => {
  for (const library of ["idpy-oidc", "oidc-op"]) {
    it(`gives every step of every ${library} trace exactly, outcome and state`, () => {
      const all = traces(library);
      let steps = 0;
      const differences: string[] = [];
      for (const { file, trace } of all) {
        const replayed = replayOracleTrace(trace).steps;
        steps += replayed.length;
        for (const d of compareTrace(trace, replayed)) differences.push(`${file} step ${d.seq} ${d.path}: expected ${JSON.stringify(d.expected)}, got ${JSON.stringify(d.actual)}`);
      }
      console.log(`${library}: ${all.length} traces, ${steps} steps, ${differences.length} differences`);
      expect(all.length).toBeGreaterThanOrEqual(158);
      expect(differences.slice(0, 20)).toEqual([]);
    });
  }

  it("tells a difference when the library's behaviour is not the one recorded", () => {
    const trace = JSON.parse(readFileSync(join(FIXTURES, "idpy-oidc", "seed-1.json"), "utf8")) as OracleTrace;
    // The same operations under the other library's profile: its subordinate lists and mints differ.
    const asOidcOp = replayOracleTrace({ ...trace, library: { ...trace.library, name: "oidc-op" } });
    expect(compareTrace(trace, asOidcOp.steps).length).toBeGreaterThan(0);
  });

  it("refuses a trace of a library it has no profile for, saying which it has", () => {
    const trace = JSON.parse(readFileSync(join(FIXTURES, "oidc-op", "seed-1.json"), "utf8")) as OracleTrace;
    expect(() => replayOracleTrace({ ...trace, library: { ...trace.library, name: "oidcendpoint" } })).toThrow(/idpy-oidc or oidc-op/);
  });
});
