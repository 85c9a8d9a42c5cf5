import { useEffect, useMemo, useRef, useState } from "react";
import {
  canPlaceIncrementally,
  fullLayout,
  packLayoutRequest,
  placeNewNodes,
  unpackPositions,
  WORKER_THRESHOLD,
  type LayoutNode,
  type LayoutResponse,
  type Positions,
} from "./layout.ts";

export interface LayoutResult {
  positions: Positions;
  /** A full layout is running in the worker; nodes not placed yet are not drawn. */
  pending: boolean;
  /** Bumped after every full layout (the view fits itself then). */
  fullLayouts: number;
}

let worker: Worker | null | undefined;
function layoutWorker(): Worker | null {
  if (worker === undefined) {
    try {
      worker = typeof Worker === "undefined" ? null : new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
    } catch {
      worker = null;
    }
  }
  return worker;
}

let requestIds = 0;

/** Records how long a full layout took (read by the benchmark; shown in devtools' performance panel). */
function measure(started: number, nodes: number, where: string): void {
  try {
    performance.measure("graph:layout", { start: started, end: performance.now(), detail: { nodes, where } });
  } catch {
    // No User Timing Level 3: nothing depends on the measure.
  }
}

interface Base {
  key: string;
  positions: Positions;
}

/**
 * Positions for the visible nodes. Existing nodes keep theirs and a few new ones are placed next
 * to their parents at once; a first or large change gets a full layout, in a Web Worker above
 * `WORKER_THRESHOLD` nodes. `layoutKey` names what is laid out (workspace, relayout request):
 * when it changes, positions start over.
 */
export function useLayout(nodes: readonly LayoutNode[], layoutKey: string): LayoutResult {
  // The positions last drawn, which the next layout keeps.
  const base = useRef<Base>({ key: layoutKey, positions: new Map() });
  const [fromWorker, setFromWorker] = useState<{ id: number; key: string; positions: Positions } | null>(null);
  const [fullLayouts, setFullLayouts] = useState(0);
  const awaiting = useRef(0);

  const result = useMemo(() => {
    let previous = base.current.key === layoutKey ? base.current.positions : new Map<string, { x: number; y: number }>();
    if (fromWorker && fromWorker.key === layoutKey && fromWorker.id === awaiting.current) previous = fromWorker.positions;
    if (canPlaceIncrementally(previous, nodes)) return { positions: placeNewNodes(previous, nodes), full: false, needsWorker: false };
    if (nodes.length > WORKER_THRESHOLD && layoutWorker()) {
      // Until the worker answers, nodes already placed stay where they are.
      const kept: Positions = new Map();
      for (const n of nodes) {
        const p = previous.get(n.id);
        if (p) kept.set(n.id, p);
      }
      return { positions: kept, full: false, needsWorker: true };
    }
    const started = performance.now();
    const positions = fullLayout(nodes);
    measure(started, nodes.length, "main thread");
    return { positions, full: true, needsWorker: false };
  }, [nodes, layoutKey, fromWorker]);

  useEffect(() => {
    base.current = { key: layoutKey, positions: result.positions };
    if (result.full) setFullLayouts((n) => n + 1);
    if (!result.needsWorker) return;
    const w = layoutWorker()!;
    const id = ++requestIds;
    awaiting.current = id;
    const started = performance.now();
    const request = packLayoutRequest(id, nodes);
    const onMessage = (event: MessageEvent<LayoutResponse>) => {
      if (event.data.id !== id) return;
      measure(started, nodes.length, "worker");
      setFromWorker({ id, key: layoutKey, positions: unpackPositions(request.ids, event.data.xy) });
      setFullLayouts((n) => n + 1);
    };
    w.addEventListener("message", onMessage);
    w.postMessage(request, { transfer: [request.kinds.buffer, request.parents.buffer, request.tails.buffer] });
    return () => w.removeEventListener("message", onMessage);
  }, [result, nodes, layoutKey]);

  return { positions: result.positions, pending: result.needsWorker, fullLayouts };
}
