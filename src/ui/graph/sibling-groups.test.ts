import { describe, expect, it } from "vitest";
import { foldSiblingGroups, GROUP_SHOWN } from "./sibling-groups.ts";
import { projectGraph } from "./project-graph.ts";
import { codeFlow, run } from "../test/workspace-fixture.ts";

describe("sibling groups", () => {
  it("folds 20 access tokens minted from one refresh token into three and a count, and unfolds them on request", () => {
    const { ws: workspace, sessionId, rt } = codeFlow();
    for (let i = 0; i < 20; i++) run(workspace, { op: "mintToken", args: { sessionId, type: "access_token", basedOn: rt } });
    run(workspace, { op: "mintToken", args: { sessionId, type: "refresh_token", basedOn: rt } });
    const graph = projectGraph(workspace.manager);
    const folded = foldSiblingGroups(graph, graph.nodes, new Set());
    expect(folded.nodes.length).toBe(graph.nodes.length - (20 - GROUP_SHOWN));
    const [[, control]] = [...folded.controls];
    expect(control).toMatchObject({ hidden: 17, words: "access tokens", open: false });
    // The refresh token minted from it is a group of one: it stays.
    expect(folded.nodes.filter((n) => n.token?.type === "refresh_token")).toHaveLength(2);

    const unfolded = foldSiblingGroups(graph, graph.nodes, new Set([control.key]));
    expect(unfolded.nodes).toHaveLength(graph.nodes.length);
    expect([...unfolded.controls.values()][0]).toMatchObject({ open: true, hidden: 17 });
  });

  it("leaves small groups alone", () => {
    const { ws: workspace } = codeFlow();
    const graph = projectGraph(workspace.manager);
    const folded = foldSiblingGroups(graph, graph.nodes, new Set());
    expect(folded.nodes).toHaveLength(graph.nodes.length);
    expect(folded.controls.size).toBe(0);
  });
});
