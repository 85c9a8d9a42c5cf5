import dagre from "@dagrejs/dagre";
import type { NodeKind } from "./project-graph.ts";

/** What the layout needs of a node: its kind (for its size) and its parent in the layout tree. */
export interface LayoutNode {
  id: string;
  kind: NodeKind;
  layoutParent: string | null;
}

export interface Point {
  x: number;
  y: number;
}

/** Top-left corner of each node, by graph id. */
export type Positions = Map<string, Point>;

// Fixed sizes per kind: the layout can run in a worker without measuring the DOM.
export const NODE_SIZE: Record<NodeKind, { width: number; height: number }> = {
  user: { width: 150, height: 56 },
  client: { width: 170, height: 56 },
  grant: { width: 190, height: 64 },
  token: { width: 200, height: 84 },
};

export const RANK_SEP = 56;
export const NODE_SEP = 16;

/** Above this many nodes a full layout runs in a Web Worker. */
export const WORKER_THRESHOLD = 300;

/** Up to this many nodes the full layout is dagre's; above it, the linear-time tree layout. */
export const DAGRE_LIMIT = 300;

/**
 * A full left-to-right layered layout. The layout input is a forest (each node has at most one
 * layout parent), so a tidy tree layout gives the same layered picture as dagre; dagre is used
 * for small graphs and the tree layout above `DAGRE_LIMIT` nodes, where dagre needs about two
 * seconds for 2,000 nodes and the tree layout a few milliseconds.
 */
export function fullLayout(nodes: readonly LayoutNode[]): Positions {
  return nodes.length <= DAGRE_LIMIT ? dagreLayout(nodes) : treeLayout(nodes);
}

/** dagre, left to right. */
export function dagreLayout(nodes: readonly LayoutNode[]): Positions {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", ranksep: RANK_SEP, nodesep: NODE_SEP, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const present = new Set(nodes.map((n) => n.id));
  for (const n of nodes) g.setNode(n.id, { ...NODE_SIZE[n.kind] });
  for (const n of nodes) if (n.layoutParent && present.has(n.layoutParent)) g.setEdge(n.layoutParent, n.id);
  dagre.layout(g);
  const out: Positions = new Map();
  for (const n of nodes) {
    const p = g.node(n.id) as { x: number; y: number };
    const size = NODE_SIZE[n.kind];
    out.set(n.id, { x: Math.round(p.x - size.width / 2), y: Math.round(p.y - size.height / 2) });
  }
  return out;
}

/**
 * A tidy layered tree layout in linear time: one column per depth, leaves stacked top to bottom
 * in input order, each parent centred on its children. Subtrees occupy disjoint vertical bands,
 * so nothing overlaps and no edge crosses another.
 */
export function treeLayout(nodes: readonly LayoutNode[]): Positions {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<string, LayoutNode[]>();
  const roots: LayoutNode[] = [];
  for (const n of nodes) {
    if (n.layoutParent && byId.has(n.layoutParent) && n.layoutParent !== n.id) {
      const list = children.get(n.layoutParent);
      if (list) list.push(n);
      else children.set(n.layoutParent, [n]);
    } else roots.push(n);
  }
  // Pre-order walk: depth per node, the children each node actually reached (a node on a parent
  // cycle reaches no root and starts a tree of its own), and the widest node per depth.
  const depth = new Map<string, number>();
  const reached = new Map<string, string[]>();
  const columnWidth: number[] = [];
  const order: LayoutNode[] = [];
  for (const start of [...roots, ...nodes]) {
    if (depth.has(start.id)) continue;
    const stack: [LayoutNode, number, string | null][] = [[start, 0, null]];
    while (stack.length) {
      const [n, d, parent] = stack.pop()!;
      if (depth.has(n.id)) continue;
      depth.set(n.id, d);
      order.push(n);
      if (parent !== null) {
        const list = reached.get(parent);
        if (list) list.push(n.id);
        else reached.set(parent, [n.id]);
      }
      columnWidth[d] = Math.max(columnWidth[d] ?? 0, NODE_SIZE[n.kind].width);
      const kids = children.get(n.id);
      if (kids) for (let i = kids.length - 1; i >= 0; i--) if (!depth.has(kids[i].id)) stack.push([kids[i], d + 1, n.id]);
    }
  }
  const columnX: number[] = [];
  let x = 0;
  for (let d = 0; d < columnWidth.length; d++) {
    columnX[d] = x;
    x += (columnWidth[d] ?? 0) + RANK_SEP;
  }
  // Leaves take the next free slot in pre-order; walking the pre-order backwards visits every
  // child before its parent, which is then centred on its first and last child.
  const leafTop = new Map<string, number>();
  let nextY = 0;
  for (const n of order) {
    if (!reached.has(n.id)) {
      leafTop.set(n.id, nextY);
      nextY += NODE_SIZE[n.kind].height + NODE_SEP;
    }
  }
  const out: Positions = new Map();
  const centre = new Map<string, number>();
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i];
    const size = NODE_SIZE[n.kind];
    const kids = reached.get(n.id);
    const top = kids ? Math.round((centre.get(kids[0])! + centre.get(kids[kids.length - 1])!) / 2 - size.height / 2) : leafTop.get(n.id)!;
    centre.set(n.id, top + size.height / 2);
    out.set(n.id, { x: columnX[depth.get(n.id)!], y: top });
  }
  return out;
}

/** How many new nodes are placed one by one before a full layout is worth its reshuffle. */
export function incrementalLimit(total: number): number {
  return Math.max(25, Math.floor(total / 4));
}

/**
 * Whether `nodes` can be laid out by keeping `previous` positions and placing only the new
 * nodes; false on a first layout or when so many nodes are new that a full layout reads better.
 */
export function canPlaceIncrementally(previous: Positions, nodes: readonly LayoutNode[]): boolean {
  if (previous.size === 0) return false;
  let added = 0;
  for (const n of nodes) if (!previous.has(n.id)) added++;
  return added <= incrementalLimit(nodes.length);
}

/**
 * Keeps every known node where it is and places each new one: right of its layout parent,
 * below the parent's other children, moved down past anything it would overlap. Existing
 * nodes never move, so adding a token does not make the picture jump.
 */
export function placeNewNodes(previous: Positions, nodes: readonly LayoutNode[]): Positions {
  const out: Positions = new Map();
  const kindOf = new Map<string, NodeKind>();
  for (const n of nodes) {
    kindOf.set(n.id, n.kind);
    const p = previous.get(n.id);
    if (p) out.set(n.id, p);
  }
  const pending = nodes.filter((n) => !out.has(n.id));
  if (!pending.length) return out;

  // Children already placed, per parent, to stack a new child below its siblings.
  const placedChildren = new Map<string, string[]>();
  for (const n of nodes) {
    if (n.layoutParent && out.has(n.id)) {
      const list = placedChildren.get(n.layoutParent);
      if (list) list.push(n.id);
      else placedChildren.set(n.layoutParent, [n.id]);
    }
  }

  const occupied = (x: number, width: number): { top: number; bottom: number }[] => {
    const spans: { top: number; bottom: number }[] = [];
    for (const [id, p] of out) {
      const size = NODE_SIZE[kindOf.get(id)!];
      if (p.x < x + width && x < p.x + size.width) spans.push({ top: p.y, bottom: p.y + size.height });
    }
    return spans.sort((a, b) => a.top - b.top);
  };

  const firstFreeY = (x: number, y: number, size: { width: number; height: number }): number => {
    let top = y;
    for (const span of occupied(x, size.width)) {
      if (span.bottom + NODE_SEP <= top) continue;
      if (span.top >= top + size.height + NODE_SEP) break;
      top = span.bottom + NODE_SEP;
    }
    return top;
  };

  let bottom = 0;
  let left = Number.POSITIVE_INFINITY;
  for (const [id, p] of out) {
    bottom = Math.max(bottom, p.y + NODE_SIZE[kindOf.get(id)!].height);
    left = Math.min(left, p.x);
  }
  if (!Number.isFinite(left)) left = 0;

  // Parents come before their children in the projection; a few passes settle any that do not.
  let queue = pending;
  for (let pass = 0; queue.length && pass < 3; pass++) {
    const later: LayoutNode[] = [];
    for (const n of queue) {
      const size = NODE_SIZE[n.kind];
      const parentPos = n.layoutParent ? out.get(n.layoutParent) : undefined;
      if (n.layoutParent && !parentPos && pass < 2 && kindOf.has(n.layoutParent)) {
        later.push(n);
        continue;
      }
      let x: number;
      let y: number;
      if (parentPos) {
        const parentKind = kindOf.get(n.layoutParent!)!;
        x = parentPos.x + NODE_SIZE[parentKind].width + RANK_SEP;
        const siblings = placedChildren.get(n.layoutParent!) ?? [];
        y = parentPos.y;
        for (const s of siblings) {
          const sp = out.get(s)!;
          y = Math.max(y, sp.y + NODE_SIZE[kindOf.get(s)!].height + NODE_SEP);
        }
      } else {
        x = left;
        y = bottom + NODE_SEP * 3;
      }
      y = firstFreeY(x, y, size);
      out.set(n.id, { x, y });
      bottom = Math.max(bottom, y + size.height);
      if (n.layoutParent) {
        const list = placedChildren.get(n.layoutParent);
        if (list) list.push(n.id);
        else placedChildren.set(n.layoutParent, [n.id]);
      }
    }
    queue = later;
  }
  return out;
}

/** Lays out `nodes`, keeping `previous` positions when only a few nodes are new. */
export function layoutNodes(previous: Positions, nodes: readonly LayoutNode[]): { positions: Positions; mode: "full" | "incremental" } {
  if (canPlaceIncrementally(previous, nodes)) return { positions: placeNewNodes(previous, nodes), mode: "incremental" };
  return { positions: fullLayout(nodes), mode: "full" };
}

// ---- the layout worker's messages --------------------------------------------------------------
// Structured cloning 100,000 node objects to the worker held the page for about half a second;
// ids as one array of strings, kinds and parents as typed arrays (moved, not copied), and the
// positions back as one Float64Array cost a fraction of that.

const KINDS: readonly NodeKind[] = ["user", "client", "grant", "token"];

/** What the page sends the layout worker: the nodes as parallel arrays. */
export interface LayoutRequest {
  id: number;
  ids: string[];
  /** Index into `KINDS` per node. */
  kinds: Uint8Array;
  /** Index of each node's layout parent among the nodes, or -1 (none, or not among them). */
  parents: Int32Array;
}

/** What the worker answers: x and y of node i at 2i and 2i + 1. */
export interface LayoutResponse {
  id: number;
  xy: Float64Array;
  ms: number;
}

export function packLayoutRequest(id: number, nodes: readonly LayoutNode[]): LayoutRequest {
  const index = new Map<string, number>();
  nodes.forEach((n, i) => {
    if (!index.has(n.id)) index.set(n.id, i);
  });
  const kinds = new Uint8Array(nodes.length);
  const parents = new Int32Array(nodes.length);
  nodes.forEach((n, i) => {
    kinds[i] = KINDS.indexOf(n.kind);
    parents[i] = n.layoutParent === null ? -1 : (index.get(n.layoutParent) ?? -1);
  });
  return { id, ids: nodes.map((n) => n.id), kinds, parents };
}

/** The nodes again; a parent not among them comes back as none, which every layout treats alike. */
export function unpackLayoutRequest(request: LayoutRequest): LayoutNode[] {
  const { ids, kinds, parents } = request;
  return ids.map((id, i) => ({ id, kind: KINDS[kinds[i]], layoutParent: parents[i] < 0 ? null : ids[parents[i]] }));
}

export function packPositions(ids: readonly string[], positions: Positions): Float64Array {
  const xy = new Float64Array(ids.length * 2);
  ids.forEach((id, i) => {
    const p = positions.get(id);
    xy[2 * i] = p ? p.x : Number.NaN;
    xy[2 * i + 1] = p ? p.y : Number.NaN;
  });
  return xy;
}

export function unpackPositions(ids: readonly string[], xy: Float64Array): Positions {
  const positions: Positions = new Map();
  ids.forEach((id, i) => {
    if (!Number.isNaN(xy[2 * i])) positions.set(id, { x: xy[2 * i], y: xy[2 * i + 1] });
  });
  return positions;
}
