import { describe, expect, it } from "vitest";
import { getScenario, loadScenario } from "../../scenarios/index.ts";
import { projectGraph } from "../graph/project-graph.ts";
import { focusNodeIds, guideStep, highlightCss } from "./guide-step.ts";

describe("scenario guide steps", () => {
  const scenario = getScenario("code-replay");
  const n = scenario.steps.length;

  it("follows the time-travel step, and treats now as the last step", () => {
    expect(guideStep(scenario, 3, n).entry?.seq).toBe(3);
    expect(guideStep(scenario, null, n)).toMatchObject({ step: n, total: n, entry: { seq: n } });
    expect(guideStep(scenario, 0, n).entry).toBeNull();
    // Steps applied after loading the scenario are not part of it.
    expect(guideStep(scenario, null, n + 1).entry).toBeNull();
  });

  it("maps a step's focus to the graph nodes of the state shown, leaving out nodes that are gone", () => {
    const ws = loadScenario("code-replay");
    const last = scenario.steps[n - 1];
    expect(last.operation.op).toBe("revokeToken");
    const graph = projectGraph(ws.manager);
    const ids = focusNodeIds(graph, last.focus);
    expect(ids).toHaveLength(last.focus.length);
    expect(ids.map((id) => graph.byId.get(id)!.contractId)).toEqual(last.focus);
    expect(ids.every((id) => graph.byId.get(id)!.status === "revoked")).toBe(true);
    // Before step 1 nothing exists, so nothing is focused.
    expect(focusNodeIds(projectGraph(ws.stateAt(0)), last.focus)).toEqual([]);
  });

  it("outlines nodes by data-node-id with the ids escaped", () => {
    expect(highlightCss([])).toBe("");
    const css = highlightCss(['a"b', "c"], (s) => s.replace(/"/g, '\\"'));
    expect(css).toContain('[data-node-id="a\\"b"],\n[data-node-id="c"]');
    expect(css).toContain("outline:");
  });
});
