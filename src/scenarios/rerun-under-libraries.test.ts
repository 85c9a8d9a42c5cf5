import { describe, expect, it } from "vitest";
import { compareRerun, rerunUnder, Workspace } from "../ops/index.ts";
import { loadScenario, SCENARIO_IDS } from "./catalog.ts";

describe("every guided scenario under both libraries", () => {
  for (const id of SCENARIO_IDS) {
    it(`${id}: reruns step for step, and opens again from its state file`, () => {
      const origin = loadScenario(id);
      for (const semantics of ["idpy-oidc-5.0", "oidc-op-2.4"] as const) {
        const rerun = rerunUnder(origin, semantics);
        expect(rerun.workspace.journal).toHaveLength(origin.journal.length);
        compareRerun(origin, rerun);
        const text = rerun.workspace.toStateFile({ exportedAt: "x" });
        expect(JSON.parse(text).settings.semantics).toBe(semantics);
        expect(Workspace.fromStateFile(text).toStateFile({ exportedAt: "x" })).toBe(text);
      }
    });
  }
});
