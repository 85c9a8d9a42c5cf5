import type { NodeKind } from "./project-graph.ts";

/** What the layout needs of a node: its kind (for its size) and its parent in the layout tree. */
export interface LayoutNode {
  id: string;
  kind: NodeKind;
  layoutParent: string | null;
  /** Extra room kept free below the node (for a control drawn under it). */
  tail?: number;
}

export interface Point {
  x: number;
  y: number;
}

/** Top-left corner of each node, by graph id. */
export type Positions = Map<string, Point>;

// Fixed sizes per kind: the layout can run in a worker without measuring the DOM. Sized for the
// node text at its CSS size (12 px, .gnode): the view is never fitted below that size.
export const NODE_SIZE: Record<NodeKind, { width: number; height: number }> = {
  user: { width: 180, height: 48 },
  client: { width: 190, height: 48 },
  grant: { width: 190, height: 64 },
  token: { width: 200, height: 80 },
};

/** Horizontal gap between a token and what was minted from it: room for the based_on label. */
export const RANK_SEP = 84;
/** Horizontal gap between a grant and its first tokens (a plain edge, no label). */
export const GRANT_SEP = 40;
/** Vertical gap between siblings. */
export const NODE_SEP = 12;
/** How far a client session sits right of its user session, and a grant right of its client. */
export const INDENT = 20;
/** Vertical gap between the rows of the session outline (user, client, grant bands). */
export const ROW_SEP = 16;

/** Above this many nodes a full layout runs in a Web Worker. */
export const WORKER_THRESHOLD = 300;

/** Tokens hang right of what they were minted from; sessions and grants form an outline. */
function isLineage(kind: NodeKind): boolean {
  return kind === "token";
}

/** The gap right of a node of `kind`, before the tokens hanging from it. */
export function gapAfter(kind: NodeKind): number {
  return kind === "token" ? RANK_SEP : GRANT_SEP;
}

/**
 * The lineage layout, in linear time. User, client session and grant form an outline read top
 * to bottom (each child a little indented below its parent), so the session part takes one
 * narrow column; right of each grant its tokens form a tree by \`based_on\`: what a token minted
 * sits right of it, the first child level with it and its siblings below, so a refresh chain
 * reads left to right and nothing a grant holds leaves its band. Siblings keep their input order
 * (the caller groups them by type). Subtrees occupy disjoint boxes: nothing overlaps, and no
 * edge crosses a node.
 */
export function lineageLayout(nodes: readonly LayoutNode[]): Positions {
  const byId = new Map<string, LayoutNode>();
  for (const n of nodes) if (!byId.has(n.id)) byId.set(n.id, n);
  const unique = [...byId.values()];
  const children = new Map<string, LayoutNode[]>();
  const roots: LayoutNode[] = [];
  for (const n of unique) {
    if (n.layoutParent && byId.has(n.layoutParent) && n.layoutParent !== n.id) {
      const list = children.get(n.layoutParent);
      if (list) list.push(n);
      else children.set(n.layoutParent, [n]);
    } else roots.push(n);
  }

  const out: Positions = new Map();
  // An explicit stack (a refresh chain can be thousands deep). Each frame places its node, then
  // its lineage children to the right one below the other, then its outline children below.
  interface Frame {
    node: LayoutNode;
    x: number;
    y: number;
    kids: LayoutNode[];
    next: number;
    /** Where the next child goes. */
    cursor: number;
    /** Lowest point used so far by the node and its placed children. */
    bottom: number;
    phase: "right" | "down";
  }
  const open = (node: LayoutNode, x: number, y: number): Frame => {
    out.set(node.id, { x, y });
    const kids = (children.get(node.id) ?? []).filter((k) => !out.has(k.id));
    const right = kids.filter((k) => isLineage(k.kind));
    const down = kids.filter((k) => !isLineage(k.kind));
    const bottom = y + NODE_SIZE[node.kind].height + (node.tail ?? 0);
    return { node, x, y, kids: [...right, ...down], next: 0, cursor: y, bottom, phase: right.length ? "right" : "down" };
  };
  let top = 0;
  const place = (root: LayoutNode) => {
    const stack: Frame[] = [open(root, 0, top)];
    let finished = 0;
    while (stack.length) {
      const f = stack[stack.length - 1];
      if (f.next > 0 && finished) {
        // A child just finished: the next sibling goes below it.
        f.bottom = Math.max(f.bottom, finished);
        f.cursor = finished + (f.phase === "right" ? NODE_SEP : ROW_SEP);
      }
      finished = 0;
      let child = f.kids[f.next];
      while (child && out.has(child.id)) child = f.kids[++f.next];
      if (!child) {
        stack.pop();
        finished = f.bottom;
        continue;
      }
      if (!isLineage(child.kind) && f.phase === "right") {
        // Outline children start below everything the lineage children took.
        f.phase = "down";
        f.cursor = f.bottom + ROW_SEP;
      } else if (!isLineage(child.kind) && f.next === 0) f.cursor = f.bottom + ROW_SEP;
      f.next++;
      const x = isLineage(child.kind) ? f.x + NODE_SIZE[f.node.kind].width + gapAfter(f.node.kind) : f.x + INDENT;
      stack.push(open(child, x, f.cursor));
    }
    top = finished + ROW_SEP * 2;
  };
  for (const r of roots) place(r);
  // Nodes on a parent cycle reach no root: each such cycle starts a tree of its own.
  for (const n of unique) if (!out.has(n.id)) place(n);
  return out;
}

/** A full layout: the lineage layout, at every size (it is linear: 2,000 nodes take milliseconds). */
export function fullLayout(nodes: readonly LayoutNode[]): Positions {
  return lineageLayout(nodes);
}

/**
 * The nodes reordered so that siblings of one parent are grouped by \`group\` (a token's type),
 * each group where its first member was; otherwise the order is kept.
 */
export function groupSiblings<T extends { id: string; layoutParent: string | null }>(nodes: readonly T[], group: (node: T) => string | undefined): T[] {
  const firstOf = new Map<string, number>();
  const keys = nodes.map((n, i) => {
    const g = group(n);
    if (g === undefined) return i;
    const k = `${n.layoutParent ?? ""}\u0000${g}`;
    const first = firstOf.get(k);
    if (first === undefined) {
      firstOf.set(k, i);
      return i;
    }
    return first;
  });
  const order = nodes.map((_, i) => i);
  order.sort((a, b) => keys[a] - keys[b] || a - b);
  return order.map((i) => nodes[i]);
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
 * Keeps every known node where it is and places each new one: a token right of its layout parent,
 * below the parent's other children, moved down past anything it would overlap; a client session
 * or grant indented below its parent, under everything placed. Existing
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
      if (parentPos && !isLineage(n.kind)) {
        // A new client session or grant starts a band of its own below the outline.
        x = parentPos.x + INDENT;
        y = bottom + ROW_SEP;
      } else if (parentPos) {
        const parentKind = kindOf.get(n.layoutParent!)!;
        x = parentPos.x + NODE_SIZE[parentKind].width + gapAfter(parentKind);
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
  /** Each node's `tail` (0 for none). */
  tails: Float32Array;
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
  const tails = new Float32Array(nodes.length);
  nodes.forEach((n, i) => {
    kinds[i] = KINDS.indexOf(n.kind);
    parents[i] = n.layoutParent === null ? -1 : (index.get(n.layoutParent) ?? -1);
    tails[i] = n.tail ?? 0;
  });
  return { id, ids: nodes.map((n) => n.id), kinds, parents, tails };
}

/** The nodes again; a parent not among them comes back as none, which every layout treats alike. */
export function unpackLayoutRequest(request: LayoutRequest): LayoutNode[] {
  const { ids, kinds, parents, tails } = request;
  return ids.map((id, i) => ({ id, kind: KINDS[kinds[i]], layoutParent: parents[i] < 0 ? null : ids[parents[i]], ...(tails[i] ? { tail: tails[i] } : {}) }));
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
