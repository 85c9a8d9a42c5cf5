import { MarkerType, Position, type Edge, type Node } from "@xyflow/react";
import type { NodeStatus } from "./node-status.ts";
import { NODE_SIZE, type Positions } from "./layout.ts";
import { nodeAriaLabel, type GraphNodeModel, type ProjectedGraph } from "./project-graph.ts";
import type { GroupControl } from "./sibling-groups.ts";

export interface FlowNodeData extends Record<string, unknown> {
  model: GraphNodeModel;
  /** The status drawn now (during a revocation wave, the old one until the wave reaches the node). */
  status: NodeStatus;
  warnings: readonly string[];
  /** Virtual now, for the expiry countdown. */
  now: number;
  /** Nodes hidden below this one because it is collapsed (0 when expanded). */
  hiddenCount: number;
  /** On the last shown member of a large sibling group: fold or unfold the rest. */
  group?: GroupControl;
}

export type FlowNode = Node<FlowNodeData, "session">;

/** The box the nodes occupy (graph coordinates, by their declared sizes), or null for no nodes. */
export function nodesBounds(nodes: readonly FlowNode[]): { minX: number; minY: number; maxX: number; maxY: number } | null {
  if (!nodes.length) return null;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const n of nodes) {
    minX = Math.min(minX, n.position.x);
    minY = Math.min(minY, n.position.y);
    maxX = Math.max(maxX, n.position.x + (n.width ?? 0));
    maxY = Math.max(maxY, n.position.y + (n.height ?? 0));
  }
  return { minX, minY, maxX, maxY };
}

export const BASED_ON_COLOUR = "#6d28d9";
/** Where the outline's elbow leaves a session node: under its left part (see the layout's INDENT). */
export const DOWN_HANDLE_X = 12;
export const TREE_COLOUR = "#94a3b8";

/** The nodes left visible when the `collapsed` nodes hide their layout subtrees, and how many each hides. */
export function visibleNodes(graph: ProjectedGraph, collapsed: ReadonlySet<string>): { nodes: GraphNodeModel[]; hiddenCounts: Map<string, number> } {
  const hiddenCounts = new Map<string, number>();
  if (collapsed.size === 0) return { nodes: graph.nodes, hiddenCounts };
  const hidden = new Set<string>();
  for (const id of collapsed) {
    if (!graph.byId.has(id) || hidden.has(id)) continue;
    let count = 0;
    const stack = [...(graph.children.get(id) ?? [])];
    while (stack.length) {
      const next = stack.pop()!;
      if (hidden.has(next)) continue;
      hidden.add(next);
      count++;
      stack.push(...(graph.children.get(next) ?? []));
    }
    hiddenCounts.set(id, count);
  }
  // A collapsed node inside another collapsed subtree is hidden itself; its count no longer shows.
  for (const id of hiddenCounts.keys()) if (hidden.has(id)) hiddenCounts.delete(id);
  return { nodes: graph.nodes.filter((n) => !hidden.has(n.id)), hiddenCounts };
}

/** Everything a node's drawing depends on, as one string (cheap: primitives only). */
function signature(d: FlowNodeData, selected: boolean, x: number, y: number): string {
  const m = d.model;
  const t = m.token;
  // `now` matters only to items that expire (their countdown).
  const expires = t ? t.expires_at : (m.grant?.expires_at ?? 0);
  return `${d.status}|${d.warnings.join(",")}|${t ? `${t.used}/${t.max_usage}` : (m.grant?.tokenCount ?? "")}|${expires ? `${expires}@${d.now}` : ""}|${d.hiddenCount}|${d.group ? `${d.group.open}${d.group.hidden}` : ""}|${selected ? 1 : 0}|${x},${y}`;
}

export interface BuildNodesInput {
  nodes: readonly GraphNodeModel[];
  positions: Positions;
  now: number;
  selectedId: string | null;
  hiddenCounts: ReadonlyMap<string, number>;
  /** Status and warnings drawn instead of the model's (a revocation wave in progress). */
  override?: (id: string) => { status: string; warnings: string[] } | undefined;
  /** Warning words drawn besides the model's, per node id (a Python dump's structural problems). */
  extraWarnings?: ReadonlyMap<string, readonly string[]>;
  /** Sibling-group controls, by the node that carries them. */
  groups?: ReadonlyMap<string, GroupControl>;
}

/**
 * The xyflow nodes. A node whose drawing would not change keeps its previous object, so xyflow
 * only re-renders what changed (adding one token to 2,000 nodes touches one node).
 */
export function buildFlowNodes(input: BuildNodesInput, cache: Map<string, { sig: string; node: FlowNode }>): FlowNode[] {
  const out: FlowNode[] = [];
  const live = new Set<string>();
  for (const model of input.nodes) {
    const pos = input.positions.get(model.id);
    if (!pos) continue;
    const o = input.override?.(model.id);
    const status = (o?.status ?? model.status) as NodeStatus;
    const extra = input.extraWarnings?.get(model.id);
    const warnings = extra ? [...(o?.warnings ?? model.warnings), ...extra] : (o?.warnings ?? model.warnings);
    const group = input.groups?.get(model.id);
    const data: FlowNodeData = { model, status, warnings, now: input.now, hiddenCount: input.hiddenCounts.get(model.id) ?? 0, ...(group ? { group } : {}) };
    const selected = model.id === input.selectedId;
    const sig = signature(data, selected, pos.x, pos.y);
    live.add(model.id);
    const hit = cache.get(model.id);
    if (hit && hit.sig === sig) {
      out.push(hit.node);
      continue;
    }
    const size = NODE_SIZE[model.kind];
    const node: FlowNode = {
      id: model.id,
      type: "session",
      position: pos,
      data,
      width: size.width,
      height: size.height,
      // Counted as measured from the start, so fitting the view does not wait for off-screen nodes to be drawn.
      measured: { width: size.width, height: size.height },
      selected,
      draggable: false,
      connectable: false,
      sourcePosition: Position.Right,
      targetPosition: Position.Left,
      // Declared handles: xyflow then need not draw every node once to measure them, which for
      // 2,000 nodes would put them all in the page before culling to the ones in view.
      // "in" and "out" at the sides (based_on arrows, a grant's first tokens), "down" under the
      // left edge: the session outline's elbows go down from there into the child's left side.
      handles: [
        { id: "in", type: "target", position: Position.Left, x: 0, y: size.height / 2, width: 1, height: 1 },
        { id: "out", type: "source", position: Position.Right, x: size.width - 1, y: size.height / 2, width: 1, height: 1 },
        { id: "down", type: "source", position: Position.Bottom, x: DOWN_HANDLE_X, y: size.height - 1, width: 1, height: 1 },
      ],
      ariaLabel: (o ? nodeAriaLabel(model, status, warnings) : model.ariaLabel) + (extra ? `; Python dump warning: ${extra.slice(1).join(", ")}` : ""),
      domAttributes: {
        "data-node-kind": model.kind,
        "data-node-id": model.contractId,
        "data-status": status,
        ...(warnings.length ? { "data-warning": warnings.join(" ") } : {}),
      } as FlowNode["domAttributes"],
    };
    cache.set(model.id, { sig, node });
    out.push(node);
  }
  for (const id of cache.keys()) if (!live.has(id)) cache.delete(id);
  return out;
}

const FULL_SIGS = ["tree", "based_on", "based_on pulse"] as const;
const COMPACT_SIGS = ["tree compact", "based_on compact", "based_on pulse compact"] as const;

/**
 * The xyflow edges between visible nodes: grey tree edges, and violet dashed based_on arrows with
 * a label. `compact` (large graphs) leaves out the labels and the grant edges of tokens that hang
 * from a based_on parent: each costs xyflow work on every change, and the arrows say it already.
 * With `near`, only edges with an end in that set (the nodes around the view) are kept.
 */
export function buildFlowEdges(
  graph: ProjectedGraph,
  visible: ReadonlySet<string>,
  pulsing: ReadonlySet<string>,
  cache: Map<string, { sig: string; edge: Edge }>,
  options: { compact?: boolean; near?: ReadonlySet<string> } = {},
): Edge[] {
  const out: Edge[] = [];
  const live = new Set<string>();
  const compact = options.compact === true;
  const near = options.near;
  const sigs = compact ? COMPACT_SIGS : FULL_SIGS;
  for (const e of graph.edges) {
    if (!visible.has(e.source) || !visible.has(e.target)) continue;
    if (near && !near.has(e.source) && !near.has(e.target)) continue;
    if (compact && e.kind === "tree" && graph.byId.get(e.target)!.layoutParent !== e.source) continue;
    const pulse = e.kind === "based_on" && pulsing.has(e.target);
    const sig = sigs[e.kind === "tree" ? 0 : pulse ? 2 : 1];
    live.add(e.id);
    const hit = cache.get(e.id);
    if (hit && hit.sig === sig) {
      out.push(hit.edge);
      continue;
    }
    const source = graph.byId.get(e.source)!;
    const target = graph.byId.get(e.target)!;
    const edge: Edge =
      e.kind === "based_on"
        ? {
            id: e.id,
            source: e.source,
            target: e.target,
            type: "default",
            sourceHandle: "out",
            targetHandle: "in",
            label: compact ? undefined : "based_on",
            className: pulse ? "edge-based-on edge-pulse" : "edge-based-on",
            style: { stroke: BASED_ON_COLOUR, strokeWidth: 2, strokeDasharray: "6 4" },
            markerEnd: { type: MarkerType.ArrowClosed, color: BASED_ON_COLOUR, width: 18, height: 18 },
            labelStyle: { fill: BASED_ON_COLOUR, fontSize: 12, fontWeight: 600 },
            labelBgStyle: { fill: "#ffffff" },
            ariaLabel: `based_on: ${target.contractId} was minted from ${source.contractId}`,
            focusable: false,
            selectable: false,
            zIndex: 1,
          }
        : {
            id: e.id,
            source: e.source,
            target: e.target,
            // The outline (user, client, grant) is joined by elbows going down; a grant's first
            // tokens sit right of it. A token minted from another token is placed by its based_on
            // parent: its grant edge is a faint straight line, so such lines fan out and never
            // run together into one stripe.
            type: target.layoutParent !== e.source ? "straight" : target.kind === "token" ? "default" : "smoothstep",
            sourceHandle: target.kind === "token" ? "out" : "down",
            targetHandle: "in",
            className: target.layoutParent === e.source ? "edge-tree" : "edge-tree edge-tree-secondary",
            style: { stroke: TREE_COLOUR, strokeWidth: target.layoutParent === e.source ? 1.5 : 1, opacity: target.layoutParent === e.source ? 1 : 0.18 },
            ariaLabel: `${target.contractId} belongs to ${source.contractId}`,
            focusable: false,
            selectable: false,
          };
    cache.set(e.id, { sig, edge });
    out.push(edge);
  }
  for (const id of cache.keys()) if (!live.has(id)) cache.delete(id);
  return out;
}
