import { describe, expect, it } from "vitest";
import {
  fullLayout,
  GRANT_SEP,
  groupSiblings,
  INDENT,
  layoutNodes,
  NODE_SEP,
  NODE_SIZE,
  packLayoutRequest,
  packPositions,
  placeNewNodes,
  RANK_SEP,
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
  it("places every node without overlaps: tokens right of what they were minted from, sessions indented below their parent", () => {
    const nodes = forest(3, 3, 12);
    const pos = fullLayout(nodes);
    expect(pos.size).toBe(nodes.length);
    expect(overlaps(nodes, pos)).toEqual([]);
    for (const n of nodes) {
      if (!n.layoutParent) continue;
      const parent = nodes.find((p) => p.id === n.layoutParent)!;
      const p = pos.get(parent.id)!;
      const c = pos.get(n.id)!;
      if (n.kind === "token") expect(c.x).toBe(p.x + NODE_SIZE[parent.kind].width + (parent.kind === "token" ? RANK_SEP : GRANT_SEP));
      else {
        expect(c.x).toBe(p.x + INDENT);
        expect(c.y).toBeGreaterThanOrEqual(p.y + NODE_SIZE[parent.kind].height);
      }
      // A child is never above its parent: the tree reads top to bottom, left to right.
      expect(c.y).toBeGreaterThanOrEqual(p.y);
    }
  });

  it("puts a parent's first token level with it and the later ones below, each subtree in its own band", () => {
    const nodes: LayoutNode[] = [
      { id: "g", kind: "grant", layoutParent: null },
      { id: "code", kind: "token", layoutParent: "g" },
      { id: "at", kind: "token", layoutParent: "code" },
      { id: "rt", kind: "token", layoutParent: "code" },
      { id: "at2", kind: "token", layoutParent: "rt" },
      { id: "rt2", kind: "token", layoutParent: "rt" },
      { id: "id", kind: "token", layoutParent: "code" },
    ];
    const pos = fullLayout(nodes);
    expect(pos.get("code")!.y).toBe(pos.get("g")!.y);
    expect(pos.get("at")!.y).toBe(pos.get("code")!.y);
    expect(pos.get("rt")!.y).toBe(pos.get("at")!.y + NODE_SIZE.token.height + NODE_SEP);
    expect(pos.get("at2")!.y).toBe(pos.get("rt")!.y);
    // The ID token goes below the refresh token's whole subtree (its two children).
    expect(pos.get("id")!.y).toBe(pos.get("rt2")!.y + NODE_SIZE.token.height + NODE_SEP);
  });

  it("places a parent cycle and a long refresh chain (deeper than any call stack would allow)", () => {
    const cyclic: LayoutNode[] = [
      { id: "a", kind: "token", layoutParent: "b" },
      { id: "b", kind: "token", layoutParent: "a" },
      { id: "r", kind: "grant", layoutParent: null },
    ];
    const pos = fullLayout(cyclic);
    expect(pos.size).toBe(3);
    expect(overlaps(cyclic, pos)).toEqual([]);
    const chain: LayoutNode[] = [{ id: "g", kind: "grant", layoutParent: null }];
    for (let i = 0; i < 20_000; i++) chain.push({ id: `t${i}`, kind: "token", layoutParent: i ? `t${i - 1}` : "g" });
    const placed = fullLayout(chain);
    expect(placed.get("t19999")!.x).toBe(NODE_SIZE.grant.width + GRANT_SEP + 19_999 * (NODE_SIZE.token.width + RANK_SEP));
  });
});

describe("sibling groups", () => {
  it("groups the siblings of one parent by type, each group where its first member was", () => {
    const nodes = [
      { id: "code", layoutParent: "g", type: "authorization_code" },
      { id: "at1", layoutParent: "code", type: "access_token" },
      { id: "rt1", layoutParent: "code", type: "refresh_token" },
      { id: "other", layoutParent: "g2", type: "access_token" },
      { id: "at2", layoutParent: "code", type: "access_token" },
      { id: "rt2", layoutParent: "code", type: "refresh_token" },
      { id: "grant", layoutParent: null, type: undefined },
    ];
    expect(groupSiblings(nodes, (n) => n.type).map((n) => n.id)).toEqual(["code", "at1", "at2", "rt1", "rt2", "other", "grant"]);
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
    const pos = fullLayout(nodes);
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
    const pos = fullLayout(nodes);
    const placed = placeNewNodes(pos, [...nodes, { id: "u2", kind: "user", layoutParent: null }, { id: "c2", kind: "client", layoutParent: "u2" }]);
    const maxBottom = Math.max(...nodes.map((n) => pos.get(n.id)!.y + NODE_SIZE[n.kind].height));
    expect(placed.get("u2")!.y).toBeGreaterThan(maxBottom);
    expect(placed.get("c2")!.x).toBeGreaterThan(placed.get("u2")!.x);
  });

  it("falls back to a full layout when most nodes are new", () => {
    const nodes = forest(2, 2, 10);
    const seed = fullLayout(nodes.slice(0, 5));
    expect(layoutNodes(seed, nodes).mode).toBe("full");
  });

  it("drops removed nodes and keeps the others in place", () => {
    const nodes = forest(2, 2, 4);
    const pos = fullLayout(nodes);
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
    const request = packLayoutRequest(7, nodes);
    const unpacked = unpackLayoutRequest(structuredClone(request));
    expect(unpacked.map((n) => n.id)).toEqual(nodes.map((n) => n.id));
    expect(unpacked.map((n) => n.kind)).toEqual(nodes.map((n) => n.kind));
    expect(fullLayout(unpacked)).toEqual(fullLayout(nodes));
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
