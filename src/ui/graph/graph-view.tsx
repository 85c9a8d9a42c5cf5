import {
  Background,
  ControlButton,
  Controls,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStoreApi as useFlowStoreApi,
  type Edge,
  type NodeChange,
  type Viewport,
} from "@xyflow/react";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { selectAnimation, selectCollapsed, selectLastChange, selectSelectedNodeId, selectWorkspaceId, type SelectionFill } from "../../store/index.ts";
import { useAppStore, useStoreApi } from "../store-context.tsx";
import { buildFlowEdges, buildFlowNodes, nodesBounds, visibleNodes, type FlowNode } from "./flow-elements.ts";
import { fitBesideMap, leastCoveredCorner, shownFraction, type Corner, type Insets } from "./fit-viewport.ts";
import { selectGraph } from "./graph-selectors.ts";
import { groupSiblings, NODE_SIZE } from "./layout.ts";
import { computeWave } from "./revocation-wave.ts";
import { OVERVIEW_SIZE, OverviewMap } from "./overview-map.tsx";
import { SessionNode } from "./session-node.tsx";
import { StartHere } from "../scenarios/start-here.tsx";
import { GroupToggleContext } from "./group-toggle-context.ts";
import { foldSiblingGroups } from "./sibling-groups.ts";
import { useLayout } from "./use-layout.ts";
import { selectDumpWarningMarks } from "../python-dump/dump-selectors.ts";
import { grantNodeId, type GraphNodeModel, type ProjectedGraph } from "./project-graph.ts";
import type { JournalEntry } from "../../ops/index.ts";

const nodeTypes = { session: SessionNode };
/** Up to this many nodes every node stays in the page and the view refits to show additions. */
const SMALL_GRAPH = 300;
const GROUP_CONTROL_ROOM = 24;
// Room for the controls (a column at the left); the overview map's corner is kept free by fitBesideMap.
const FIT_INSETS: Insets = { top: 12, right: 12, bottom: 12, left: 48 };
const MAP_ROOM = { width: OVERVIEW_SIZE.width + 24, height: OVERVIEW_SIZE.height + 24 };
const sameViewport = (a: Viewport | null, b: Viewport) => !!a && Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && Math.abs(a.zoom - b.zoom) < 1e-4;

/** The node an operation added (a session's grant, a minted token), if any. */
function addedNodeId(graph: ProjectedGraph, entry: JournalEntry): string | null {
  if ("error" in entry) return null;
  if (entry.operation.op === "mintToken") {
    const sid = (entry.operation.args as { sessionId: string }).sessionId;
    return graph.tokenIds.get(`${sid}#${(entry.result as { value: string }).value}`) ?? null;
  }
  if (entry.operation.op === "createSession" || entry.operation.op === "addGrant") {
    return grantNodeId((entry.result as { sessionId: string }).sessionId);
  }
  return null;
}
const LEVEL_MS = 150;

/** The console fields a selected node fills. */
export function selectionFill(node: GraphNodeModel): SelectionFill {
  switch (node.kind) {
    case "user":
      return { userId: node.userId };
    case "client":
      return { userId: node.userId, clientId: node.clientId, clientSessionId: node.contractId };
    case "grant":
      return { userId: node.userId, clientId: node.clientId, sessionId: node.sessionId };
    case "token":
      return { userId: node.userId, clientId: node.clientId, sessionId: node.sessionId, value: node.contractId };
  }
}

/**
 * The smallest pan (no zoom change) that brings the box into the canvas with a margin, or null
 * when it is already in view. Panning as little as possible keeps the rest of the picture in place.
 */
export function panIntoView(
  box: { x: number; y: number; width: number; height: number },
  viewport: { x: number; y: number; zoom: number },
  canvas: { width: number; height: number },
  margin = 40,
): { x: number; y: number } | null {
  const { zoom } = viewport;
  const left = box.x * zoom + viewport.x;
  const top = box.y * zoom + viewport.y;
  const right = (box.x + box.width) * zoom + viewport.x;
  const bottom = (box.y + box.height) * zoom + viewport.y;
  let dx = 0;
  let dy = 0;
  if (right > canvas.width - margin) dx = canvas.width - margin - right;
  if (left + dx < margin) dx = margin - left;
  if (bottom > canvas.height - margin) dy = canvas.height - margin - bottom;
  if (top + dy < margin) dy = margin - top;
  return dx || dy ? { x: viewport.x + dx, y: viewport.y + dy } : null;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The part of the graph (in graph coordinates) edges are handed to xyflow for: the view and one view around it. */
export function cullBoxFor(transform: readonly [number, number, number], width: number, height: number): Box {
  const [tx, ty, zoom] = transform;
  const w = width / zoom;
  const h = height / zoom;
  return { x: -tx / zoom - w, y: -ty / zoom - h, width: 3 * w, height: 3 * h };
}

function insideBox(inner: Box, outer: Box): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

function prefersReducedMotion(): boolean {
  return typeof window !== "undefined" && typeof window.matchMedia === "function" && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

function GraphCanvas({ graph }: { graph: ProjectedGraph }) {
  const store = useStoreApi();
  const selectedId = useAppStore(selectSelectedNodeId);
  const collapsed = useAppStore(selectCollapsed);
  const animation = useAppStore(selectAnimation);
  const lastChange = useAppStore(selectLastChange);
  const workspaceId = useAppStore(selectWorkspaceId);
  const dumpWarnings = useAppStore(selectDumpWarningMarks);
  const [relayouts, setRelayouts] = useState(0);
  const [mapShown, setMapShown] = useState(true);
  const [mapCorner, setMapCorner] = useState<Corner>("bottom-right");
  const flow = useReactFlow();
  const flowStore = useFlowStoreApi();
  // The canvas size from xyflow's store: reading the DOM here would force a layout of the page.
  const canvasSize = useCallback(() => {
    const { width, height } = flowStore.getState();
    return { width: width || 800, height: height || 600 };
  }, [flowStore]);

  const collapsedSet = useMemo(() => new Set(collapsed), [collapsed]);
  // Sibling groups the user unfolded (large groups start folded).
  const [openGroups, setOpenGroups] = useState<ReadonlySet<string>>(new Set());
  const toggleGroup = useCallback((key: string) => {
    setOpenGroups((prev) => {
      const next = new Set(prev);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }, []);
  const { nodes: shown, hiddenCounts, groups } = useMemo(() => {
    const visible = visibleNodes(graph, collapsedSet);
    const folded = foldSiblingGroups(graph, visible.nodes, openGroups);
    return { nodes: folded.nodes, hiddenCounts: visible.hiddenCounts, groups: folded.controls };
  }, [graph, collapsedSet, openGroups]);
  // Siblings are grouped by token type, so the access tokens minted from one token sit together.
  const layoutInput = useMemo(
    () =>
      groupSiblings(shown, (n) => n.token?.type).map((n) => ({
        id: n.id,
        kind: n.kind,
        layoutParent: n.layoutParent,
        // Room under a group's last shown member for its fold/unfold button.
        ...(groups.has(n.id) ? { tail: GROUP_CONTROL_ROOM } : {}),
      })),
    [shown, groups],
  );
  const layout = useLayout(layoutInput, `${workspaceId}#${relayouts}`);

  // The revocation wave: state is already committed; nodes show their old status until reached.
  const previousGraph = useRef<ProjectedGraph | null>(null);
  const handledChange = useRef<number | null>(null);
  useLayoutEffect(() => {
    const before = previousGraph.current;
    previousGraph.current = graph;
    if (!lastChange || handledChange.current === lastChange.id) return;
    handledChange.current = lastChange.id;
    if (!before || lastChange.kind !== "apply" || !lastChange.entry || prefersReducedMotion()) return;
    const wave = computeWave(before, graph, lastChange.entry);
    if (wave) store.getState().startAnimation(wave.levels, wave.before);
  }, [graph, lastChange, store]);

  // The last wave stays described on the canvas after it ends (its id, then each level's size), so
  // a test can see that a wave ran and what it reached without catching it in flight.
  const [lastWave, setLastWave] = useState<string | null>(null);
  const waveLabel = animation ? `${animation.id}:${animation.levels.map((level) => level.length).join(",")}` : null;
  if (waveLabel !== null && waveLabel !== lastWave) setLastWave(waveLabel);

  const pendingIds = useMemo(() => {
    const pending = new Set<string>();
    if (animation) for (let i = animation.shown; i < animation.levels.length; i++) for (const id of animation.levels[i]) pending.add(id);
    return pending;
  }, [animation]);

  useEffect(() => {
    if (!animation) return;
    const timer = setTimeout(() => store.getState().stepAnimation(animation.id), LEVEL_MS);
    return () => clearTimeout(timer);
  }, [animation, store]);

  // Keep the wave in view: pan (never zoom) just enough to show the level just reached.
  useEffect(() => {
    if (!animation) return;
    const level = animation.levels[animation.shown - 1] ?? [];
    const boxes = level
      .map((id) => {
        const p = layout.positions.get(id);
        const m = graph.byId.get(id);
        return p && m ? { ...p, ...NODE_SIZE[m.kind] } : null;
      })
      .filter((b): b is { x: number; y: number; width: number; height: number } => !!b);
    if (!boxes.length) return;
    const x = Math.min(...boxes.map((b) => b.x));
    const y = Math.min(...boxes.map((b) => b.y));
    const box = { x, y, width: Math.max(...boxes.map((b) => b.x + b.width)) - x, height: Math.max(...boxes.map((b) => b.y + b.height)) - y };
    const viewport = flow.getViewport();
    const to = panIntoView(box, viewport, canvasSize());
    if (to) void flow.setViewport({ ...to, zoom: viewport.zoom }, { duration: prefersReducedMotion() ? 0 : LEVEL_MS - 20 });
  }, [animation, flow, layout.positions, graph, canvasSize]);

  const nodeCache = useRef(new Map<string, { sig: string; node: FlowNode }>());
  const edgeCache = useRef(new Map<string, { sig: string; edge: Edge }>());
  const nodes = useMemo(
    () =>
      buildFlowNodes(
        {
          nodes: shown,
          positions: layout.positions,
          now: graph.now,
          selectedId,
          hiddenCounts,
          override: animation ? (id) => (pendingIds.has(id) ? animation.before[id] : undefined) : undefined,
          extraWarnings: dumpWarnings,
          groups,
        },
        nodeCache.current,
      ),
    [shown, layout.positions, graph.now, selectedId, hiddenCounts, animation, pendingIds, dumpWarnings, groups],
  );
  const visibleIds = useMemo(() => new Set(nodes.map((n) => n.id)), [nodes]);
  const pulsing = useMemo(() => new Set(animation ? (animation.levels[animation.shown - 1] ?? []) : []), [animation]);

  // Large graphs: xyflow rebuilds its edge lookups on every change, for every edge it holds, so it
  // only gets the edges near the view; the set moves when the view leaves the box it was made for.
  // Large by the graph, not by the nodes placed so far: while a full layout is pending no node is
  // placed, and turning culling off then would make xyflow draw every node it still holds.
  const large = shown.length > SMALL_GRAPH;
  const [cull, setCull] = useState<Box | null>(null);
  const cullRef = useRef<Box | null>(null);
  useEffect(() => {
    if (!large) {
      cullRef.current = null;
      setCull(null);
      return;
    }
    const check = (s: { transform: [number, number, number]; width: number; height: number }) => {
      if (!s.width || !s.height) return;
      const [tx, ty, zoom] = s.transform;
      const view = { x: -tx / zoom, y: -ty / zoom, width: s.width / zoom, height: s.height / zoom };
      if (cullRef.current && insideBox(view, cullRef.current)) return;
      cullRef.current = cullBoxFor(s.transform, s.width, s.height);
      setCull(cullRef.current);
    };
    check(flowStore.getState());
    return flowStore.subscribe(check);
  }, [large, flowStore]);
  const nearIds = useMemo(() => {
    if (!cull) return undefined;
    const near = new Set<string>();
    for (const n of nodes) {
      const { x, y } = n.position;
      if (x + (n.width ?? 0) >= cull.x && x <= cull.x + cull.width && y + (n.height ?? 0) >= cull.y && y <= cull.y + cull.height) near.add(n.id);
    }
    return near;
  }, [nodes, cull]);
  const edges = useMemo(
    () => buildFlowEdges(graph, visibleIds, pulsing, edgeCache.current, { compact: large, near: nearIds }),
    [graph, visibleIds, pulsing, large, nearIds],
  );

  // Fitting: the whole graph at a zoom where its text stays readable, beside the overview map.
  // The viewport of the last fit is kept: while the view is still there, a change of the pane's
  // size (a banner, the scenario panel, a side panel collapsing) fits again.
  const lastFit = useRef<Viewport | null>(null);
  const fitTarget = useCallback(() => {
    const bounds = nodesBounds(nodes);
    return bounds ? fitBesideMap(bounds, canvasSize(), FIT_INSETS, mapShown ? MAP_ROOM : null) : null;
  }, [nodes, canvasSize, mapShown]);
  const fitNow = useCallback(() => {
    const to = fitTarget();
    if (!to) return;
    lastFit.current = to;
    void flow.setViewport(to, { duration: 0 });
    // A graph larger than the pane runs under the map somewhere: put the map where it hides least.
    if (nodes.length <= SMALL_GRAPH) {
      const boxes = nodes.map((n) => ({ ...n.position, width: n.width ?? 0, height: n.height ?? 0 }));
      setMapCorner(leastCoveredCorner(boxes, to, canvasSize(), OVERVIEW_SIZE, FIT_INSETS));
    }
  }, [fitTarget, flow, nodes, canvasSize]);
  const fitNowRef = useRef(fitNow);
  useEffect(() => {
    fitNowRef.current = fitNow;
  }, [fitNow]);

  // Fit the view after a full layout.
  const savedViewport = useRef(store.getState().viewport);
  useEffect(() => {
    if (!layout.fullLayouts) return;
    if (savedViewport.current) {
      void flow.setViewport(savedViewport.current);
      savedViewport.current = null;
      return;
    }
    requestAnimationFrame(() => fitNowRef.current());
    // Only a new full layout re-fits; later additions keep the view where the user left it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layout.fullLayouts]);

  // The pane changed size (xyflow measures it with a ResizeObserver): fit again, unless the user
  // has moved the view since the last fit.
  useEffect(() => {
    let size = { width: flowStore.getState().width, height: flowStore.getState().height };
    return flowStore.subscribe((s) => {
      if (s.width === size.width && s.height === size.height) return;
      size = { width: s.width, height: s.height };
      const [x, y, zoom] = s.transform;
      if (s.width && s.height && sameViewport(lastFit.current, { x, y, zoom })) fitNowRef.current();
    });
  }, [flowStore]);
  // While the view is where the last fit put it, it follows the graph: nodes that appear or go
  // (time travel, a collapsed subtree) fit it again. Once the user moves it, it stays put.
  const boundsKey = useMemo(() => {
    const b = nodesBounds(nodes);
    return b ? `${b.minX},${b.minY},${b.maxX},${b.maxY}` : "";
  }, [nodes]);
  useEffect(() => {
    if (sameViewport(lastFit.current, flow.getViewport())) fitNowRef.current();
  }, [boundsKey, flow]);
  // Showing or hiding the overview map moves the free corner: fit again if the view was fitted.
  useEffect(() => {
    const v = flow.getViewport();
    if (sameViewport(lastFit.current, v)) fitNowRef.current();
  }, [mapShown, flow]);

  // A node added off screen is brought into view: a small graph is fitted again when it still
  // reads at that zoom, otherwise the view pans just enough (never zooms), so the user sees it.
  const lastAdded = useRef<number | null>(null);
  useEffect(() => {
    if (!lastChange || lastChange.kind !== "apply" || lastAdded.current === lastChange.id) return;
    const entry = lastChange.entry;
    if (!entry || "error" in entry) return;
    const added = addedNodeId(graph, entry);
    const p = added ? layout.positions.get(added) : undefined;
    const m = added ? graph.byId.get(added) : undefined;
    if (!p || !m) return;
    lastAdded.current = lastChange.id;
    const viewport = flow.getViewport();
    const canvas = canvasSize();
    const to = panIntoView({ ...p, ...NODE_SIZE[m.kind] }, viewport, canvas);
    if (!to) return;
    const bounds = nodesBounds(nodes);
    const fit = fitTarget();
    // Fit again only when that shows the whole graph (at a readable zoom); else pan to the node.
    if (bounds && fit && nodes.length <= SMALL_GRAPH && shownFraction(bounds, canvas, FIT_INSETS, fit) > 0.999) {
      lastFit.current = fit;
      void flow.setViewport(fit, { duration: 0 });
    } else void flow.setViewport({ ...to, zoom: viewport.zoom });
  }, [lastChange, graph, layout.positions, flow, nodes, canvasSize, fitTarget]);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      for (const change of changes) {
        if (change.type !== "select") continue;
        const model = graph.byId.get(change.id);
        if (change.selected && model) store.getState().select(change.id, selectionFill(model));
        else if (!change.selected && store.getState().selectedNodeId === change.id) store.getState().select(null);
      }
    },
    [graph, store],
  );
  const onDoubleClick = useCallback((_: unknown, node: FlowNode) => store.getState().toggleCollapsed(node.id), [store]);
  const onMoveEnd = useCallback((_: unknown, viewport: Viewport) => store.getState().setViewport(viewport), [store]);

  // The browser scrolls the graph's clipped box to reveal a node out of view (find in page,
  // scrollIntoView); xyflow undoes such a scroll, and the node stays hidden. Read first (capture
  // phase, before xyflow's handler), the scroll becomes a pan of the same distance: the node
  // comes into view inside the pane.
  const canvasRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onScroll = (e: Event) => {
      const box = e.target as HTMLElement;
      if (!box.classList?.contains("react-flow")) return;
      const dx = box.scrollLeft;
      const dy = box.scrollTop;
      if (!dx && !dy) return;
      const v = flow.getViewport();
      void flow.setViewport({ x: v.x - dx, y: v.y - dy, zoom: v.zoom });
    };
    canvas.addEventListener("scroll", onScroll, { capture: true });
    return () => canvas.removeEventListener("scroll", onScroll, { capture: true });
  }, [flow]);

  return (
    <div ref={canvasRef} className="graph-canvas" data-animating={animation ? "true" : "false"} data-last-wave={lastWave ?? undefined} data-layout={layout.pending ? "pending" : "done"}>
      {layout.pending && (
        <p className="graph-pending" role="status">
          Laying out {shown.length} nodes…
        </p>
      )}
      <GroupToggleContext.Provider value={toggleGroup}>
      <ReactFlow<FlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeDoubleClick={onDoubleClick}
        onMoveEnd={onMoveEnd}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        elementsSelectable
        onlyRenderVisibleElements={large}
        minZoom={0.05}
        maxZoom={2}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        zoomOnDoubleClick={false}
        proOptions={{ hideAttribution: false }}
        ariaLabelConfig={{ "node.a11yDescription.default": "Press Enter or Space to select this node and show it in the inspector." }}
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} showFitView={false} aria-label="Zoom and fit view">
          <ControlButton onClick={fitNow} title="Fit View" aria-label="Fit View">
            <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <path d="M1 5V1h4M11 1h4v4M15 11v4h-4M5 15H1v-4" fill="none" stroke="currentColor" strokeWidth="2" />
            </svg>
          </ControlButton>
          <ControlButton onClick={() => setRelayouts((n) => n + 1)} title="Re-layout" aria-label="Re-layout">
            <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <path d="M13.5 8A5.5 5.5 0 1 1 11.9 4.1M12 1v3.5H8.5" fill="none" stroke="currentColor" strokeWidth="2" />
            </svg>
          </ControlButton>
          <ControlButton
            onClick={() => setMapShown((v) => !v)}
            title={mapShown ? "Hide overview map" : "Show overview map"}
            aria-label="Overview map"
            aria-pressed={mapShown}
          >
            <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <rect x="1" y="3" width="14" height="10" fill="none" stroke="currentColor" strokeWidth="1.5" />
              <rect x="8" y="8" width="5" height="3" fill="currentColor" />
            </svg>
          </ControlButton>
        </Controls>
        {mapShown && (
          <Panel position={mapCorner} style={mapCorner === "bottom-left" ? { marginLeft: FIT_INSETS.left } : undefined}>
            <OverviewMap nodes={nodes} />
          </Panel>
        )}
      </ReactFlow>
      </GroupToggleContext.Provider>
    </div>
  );
}

/** The session graph: user sessions, client sessions, grants and tokens, with based_on arrows. */
export function GraphView() {
  const graph = useAppStore(selectGraph);
  if (!graph) return <div className="graph-canvas" data-animating="false" />;
  return (
    <ReactFlowProvider>
      {graph.nodes.length === 0 ? (
        <StartHere />
      ) : (
        <GraphCanvas graph={graph} />
      )}
    </ReactFlowProvider>
  );
}
