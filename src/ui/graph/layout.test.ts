import { describe, expect, it } from "vitest";
import {
  dagreLayout,
  DAGRE_LIMIT,
  fullLayout,
  layoutNodes,
  NODE_SIZE,
  packLayoutRequest,
  packPositions,
  placeNewNodes,
  RANK_SEP,
  treeLayout,
  unpackLayoutRequest,
  unpackPositions,
  type LayoutNode,
  type Positions,
} from "./layout.ts";
import { projectGraph } from "./project-graph.ts";
import { codeFlow, run } from "../test/workspace-fixture.ts";

function overlaps(nodes: readonly LayoutNode[], pos: Positions): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i], b = nodes[j];
      const pa = pos.get(a.id)!, pb = pos.get(b.id)!;
      const sa = NODE_SIZE[a.kind], sb = NODE_SIZE[b.kind];
      if (pa.x < pb.x + sb.width && pb.x < pa.x + sa.width && pa.y < pb.y + sb.height && pb.y < pa.y + sa.height) out.push([a.id, b.id]);
    }
  }
  return out;
}

/** A user with clients, grants and based_on chains: `tokens` tokens per grant. */
function forest(clients: number, grants: number, tokens: number): LayoutNode[] {
  const nodes: LayoutNode[] = [{ id: "u", kind: "user", layoutParent: null }];
  for (let c = 0; c < clients; c++) {
    nodes.push({ id: `c${c}`, kind: "client", layoutParent: "u" });
    for (let g = 0; g < grants; g++) {
      const gid = `g${c}.${g}`;
      nodes.push({ id: gid, kind: "grant", layoutParent: `c${c}` });
      let prev = gid;
      for (let t = 0; t < tokens; t++) {
        const id = `t${c}.${g}.${t}`;
        nodes.push({ id, kind: "token", layoutParent: t % 4 === 0 ? gid : prev });
        if (t % 2 === 0) prev = id;
      }
    }
  }
  return nodes;
}

describe("full layout", () => {
  it("places every node left to right by depth without overlaps (dagre)", () => {
    const nodes = forest(2, 2, 6);
    const pos = dagreLayout(nodes);
    expect(pos.size).toBe(nodes.length);
    expect(overlaps(nodes, pos)).toEqual([]);
    for (const n of nodes) if (n.layoutParent) expect(pos.get(n.id)!.x).toBeGreaterThan(pos.get(n.layoutParent)!.x);
  });

  it("places every node left to right by depth without overlaps (tree layout)", () => {
    const nodes = forest(3, 3, 12);
    const pos = treeLayout(nodes);
    expect(pos.size).toBe(nodes.length);
    expect(overlaps(nodes, pos)).toEqual([]);
    for (const n of nodes) {
      if (!n.layoutParent) continue;
      const parent = nodes.find((p) => p.id === n.layoutParent)!;
      expect(pos.get(n.id)!.x).toBe(pos.get(parent.id)!.x + Math.max(...nodes.filter((m) => pos.get(m.id)!.x === pos.get(parent.id)!.x).map((m) => NODE_SIZE[m.kind].width)) + RANK_SEP);
    }
  });

  it("uses the tree layout above the dagre limit and still places a parent cycle", () => {
    const nodes = forest(4, 4, 20);
    expect(nodes.length).toBeGreaterThan(DAGRE_LIMIT);
    expect(fullLayout(nodes)).toEqual(treeLayout(nodes));
    const cyclic: LayoutNode[] = [
      { id: "a", kind: "token", layoutParent: "b" },
      { id: "b", kind: "token", layoutParent: "a" },
      { id: "r", kind: "grant", layoutParent: null },
    ];
    const pos = treeLayout(cyclic);
    expect(pos.size).toBe(3);
    expect(overlaps(cyclic, pos)).toEqual([]);
  });
});

describe("adding nodes keeps the picture stable", () => {
  it("keeps every existing node where it was when one token is added", () => {
    const { ws, sessionId } = codeFlow();
    const before = projectGraph(ws.manager).nodes;
    const first = layoutNodes(new Map(), before);
    expect(first.mode).toBe("full");
    const rt = run<{ value: string }>(ws, { op: "mintToken", args: { sessionId, type: "access_token" } }).value;
    const after = projectGraph(ws.manager).nodes;
    const second = layoutNodes(first.positions, after);
    expect(second.mode).toBe("incremental");
    for (const n of before) expect(second.positions.get(n.id)).toEqual(first.positions.get(n.id));
    const added = after.find((n) => n.contractId === rt)!;
    expect(second.positions.has(added.id)).toBe(true);
    expect(overlaps(after, second.positions)).toEqual([]);
  });

  it("places a new node right of its parent, below its siblings, clear of everything", () => {
    const nodes = forest(2, 2, 8);
    const pos = treeLayout(nodes);
    const parent = "t0.0.2";
    const extra: LayoutNode = { id: "new", kind: "token", layoutParent: parent };
    const placed = placeNewNodes(pos, [...nodes, extra]);
    for (const n of nodes) expect(placed.get(n.id)).toEqual(pos.get(n.id));
    const p = placed.get("new")!;
    expect(p.x).toBe(pos.get(parent)!.x + NODE_SIZE.token.width + RANK_SEP);
    const siblings = nodes.filter((n) => n.layoutParent === parent);
    for (const s of siblings) expect(p.y).toBeGreaterThanOrEqual(pos.get(s.id)!.y + NODE_SIZE.token.height);
    expect(overlaps([...nodes, extra], placed)).toEqual([]);
  });

  it("places a new tree with no placed parent below everything", () => {
    const nodes = forest(1, 1, 3);
    const pos = treeLayout(nodes);
    const placed = placeNewNodes(pos, [...nodes, { id: "u2", kind: "user", layoutParent: null }, { id: "c2", kind: "client", layoutParent: "u2" }]);
    const maxBottom = Math.max(...nodes.map((n) => pos.get(n.id)!.y + NODE_SIZE[n.kind].height));
    expect(placed.get("u2")!.y).toBeGreaterThan(maxBottom);
    expect(placed.get("c2")!.x).toBeGreaterThan(placed.get("u2")!.x);
  });

  it("falls back to a full layout when most nodes are new", () => {
    const nodes = forest(2, 2, 10);
    const seed = treeLayout(nodes.slice(0, 5));
    expect(layoutNodes(seed, nodes).mode).toBe("full");
  });

  it("drops removed nodes and keeps the others in place", () => {
    const nodes = forest(2, 2, 4);
    const pos = treeLayout(nodes);
    const fewer = nodes.filter((n) => !n.id.startsWith("t1."));
    const { positions, mode } = layoutNodes(pos, fewer);
    expect(mode).toBe("incremental");
    expect(positions.size).toBe(fewer.length);
    for (const n of fewer) expect(positions.get(n.id)).toEqual(pos.get(n.id));
  });
});

describe("the layout worker's messages", () => {
  it("carry the nodes so that they lay out exactly as sent, odd parents included", () => {
    const nodes = forest(3, 4, 30);
    // A parent outside the graph, one that is the node itself, a cycle, and an id given twice.
    nodes.push({ id: "orphan", kind: "token", layoutParent: "not-in-the-graph" });
    nodes.push({ id: "self", kind: "token", layoutParent: "self" });
    nodes.push({ id: "a", kind: "token", layoutParent: "b" }, { id: "b", kind: "token", layoutParent: "a" });
    nodes.push({ id: "t0.0.1", kind: "token", layoutParent: "g0.0" });
    expect(nodes.length).toBeGreaterThan(DAGRE_LIMIT);
    const request = packLayoutRequest(7, nodes);
    const unpacked = unpackLayoutRequest(structuredClone(request));
    expect(unpacked.map((n) => n.id)).toEqual(nodes.map((n) => n.id));
    expect(unpacked.map((n) => n.kind)).toEqual(nodes.map((n) => n.kind));
    expect(fullLayout(unpacked)).toEqual(fullLayout(nodes));
    const small = forest(1, 2, 5);
    expect(dagreLayout(unpackLayoutRequest(packLayoutRequest(1, small)))).toEqual(dagreLayout(small));
  });

  it("bring the positions back as laid out, and none for a node the layout left out", () => {
    const nodes = forest(2, 2, 6);
    const positions = fullLayout(nodes);
    const ids = nodes.map((n) => n.id);
    expect(unpackPositions(ids, packPositions(ids, positions))).toEqual(positions);
    const missing = new Map(positions);
    missing.delete(ids[3]);
    expect(unpackPositions(ids, packPositions(ids, missing))).toEqual(missing);
  });
});
