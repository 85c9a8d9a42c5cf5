import { describe, expect, it } from "vitest";
import type { Edge } from "@xyflow/react";
import { buildFlowEdges, buildFlowNodes, nodesBounds, visibleNodes, type FlowNode } from "./flow-elements.ts";
import { fullLayout } from "./layout.ts";
import { grantNodeId, projectGraph, tokenNodeId } from "./project-graph.ts";
import { codeFlow, run } from "../test/workspace-fixture.ts";

function setup() {
  const flow = codeFlow();
  const graph = projectGraph(flow.ws.manager);
  return { ...flow, graph, positions: fullLayout(graph.nodes) };
}

describe("xyflow nodes", () => {
  it("carry the contract attributes and an accessible name, and keep their object while their drawing is unchanged", () => {
    const { ws, sessionId, code, at, graph, positions } = setup();
    const cache = new Map<string, { sig: string; node: FlowNode }>();
    const input = { nodes: graph.nodes, positions, now: graph.now, selectedId: null, hiddenCounts: new Map() };
    const first = buildFlowNodes(input, cache);
    const codeNode = first.find((n) => n.id === tokenNodeId(sessionId, code))!;
    expect(codeNode.domAttributes).toMatchObject({ "data-node-kind": "token", "data-node-id": code, "data-status": "used" });
    expect(codeNode.ariaLabel).toContain("used up");

    run(ws, { op: "revokeToken", args: { sessionId, value: at } });
    const next = projectGraph(ws.manager);
    const second = buildFlowNodes({ ...input, nodes: next.nodes }, cache);
    expect(second.find((n) => n.id === tokenNodeId(sessionId, code))).toBe(codeNode);
    const atNode = second.find((n) => n.id === tokenNodeId(sessionId, at))!;
    expect(atNode).not.toBe(first.find((n) => n.id === atNode.id));
    expect(atNode.domAttributes).toMatchObject({ "data-status": "revoked" });
  });

  it("draw the status a revocation wave has not reached yet, with a matching accessible name", () => {
    const { sessionId, at, graph, positions } = setup();
    const id = tokenNodeId(sessionId, at);
    const nodes = buildFlowNodes(
      { nodes: graph.nodes, positions, now: graph.now, selectedId: null, hiddenCounts: new Map(), override: (n) => (n === id ? { status: "revoked", warnings: [] } : undefined) },
      new Map(),
    );
    const node = nodes.find((n) => n.id === id)!;
    expect(node.domAttributes).toMatchObject({ "data-status": "revoked" });
    expect(node.ariaLabel).toContain("status: revoked");
  });

  it("hide a collapsed node's subtree and count what it hides", () => {
    const { sessionId, graph } = setup();
    const { nodes, hiddenCounts } = visibleNodes(graph, new Set([grantNodeId(sessionId)]));
    expect(nodes.map((n) => n.kind)).toEqual(["user", "client", "grant"]);
    expect(hiddenCounts.get(grantNodeId(sessionId))).toBe(4);
  });
});

describe("xyflow edges", () => {
  it("draw based_on edges dashed and violet with an arrow and a label, tree edges plain", () => {
    const { graph } = setup();
    const edges = buildFlowEdges(graph, new Set(graph.nodes.map((n) => n.id)), new Set(), new Map());
    const basedOn = edges.filter((e) => e.className?.includes("edge-based-on"));
    expect(basedOn).toHaveLength(3);
    expect(basedOn[0]).toMatchObject({ label: "based_on", style: { strokeDasharray: "6 4", stroke: "#6d28d9" }, markerEnd: { type: "arrowclosed" } });
    expect(edges.filter((e) => e.className?.startsWith("edge-tree"))).toHaveLength(6);
  });

  it("in compact form drop labels and the grant edges of tokens minted from a token, and keep only edges near the view", () => {
    const { sessionId, code, at, graph } = setup();
    const all = new Set(graph.nodes.map((n) => n.id));
    const compact = buildFlowEdges(graph, all, new Set(), new Map(), { compact: true });
    expect(compact.filter((e: Edge) => e.className?.startsWith("edge-tree"))).toHaveLength(3); // user>client, client>grant, grant>code
    expect(compact.every((e) => e.label === undefined)).toBe(true);
    const near = buildFlowEdges(graph, all, new Set(), new Map(), { compact: true, near: new Set([tokenNodeId(sessionId, at)]) });
    expect(near.map((e) => [e.source, e.target])).toEqual([[tokenNodeId(sessionId, code), tokenNodeId(sessionId, at)]]);
  });
});

describe("nodesBounds", () => {
  it("spans every node by its declared size, and is null for no nodes", () => {
    const { graph, positions } = setup();
    const nodes = buildFlowNodes({ nodes: graph.nodes, positions, now: 0, selectedId: null, hiddenCounts: new Map() }, new Map());
    const b = nodesBounds(nodes)!;
    for (const n of nodes) {
      expect(n.position.x).toBeGreaterThanOrEqual(b.minX);
      expect(n.position.y).toBeGreaterThanOrEqual(b.minY);
      expect(n.position.x + n.width!).toBeLessThanOrEqual(b.maxX);
      expect(n.position.y + n.height!).toBeLessThanOrEqual(b.maxY);
    }
    expect(nodes.some((n) => n.position.x === b.minX) && nodes.some((n) => n.position.x + n.width! === b.maxX)).toBe(true);
    expect(nodesBounds([])).toBeNull();
  });
});
