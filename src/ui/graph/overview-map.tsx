import { useReactFlow, useStore as useFlowStore } from "@xyflow/react";
import { useEffect, useMemo, useRef, type PointerEvent } from "react";
import { nodesBounds, type FlowNode } from "./flow-elements.ts";

/** The overview's size in the pane; kept small, and the fit keeps its corner free of nodes. */
export const OVERVIEW_SIZE = { width: 150, height: 96 } as const;
const WIDTH = OVERVIEW_SIZE.width;
const HEIGHT = OVERVIEW_SIZE.height;
const PAD = 6;

export const STATUS_COLOURS: Record<string, string> = {
  active: "#15803d",
  used: "#64748b",
  expired: "#b45309",
  "not-yet-valid": "#0369a1",
  revoked: "#b91c1c",
  "inactive-ancestor": "#c2410c",
};

/**
 * An overview of the whole graph on a canvas, with the part in view outlined; press or drag on it
 * to move the view there. One canvas instead of an element per node keeps panning a 2,000-node
 * graph smooth (xyflow's minimap re-checks every node on each frame of a pan).
 */
export function OverviewMap({ nodes }: { nodes: readonly FlowNode[] }) {
  const base = useRef<HTMLCanvasElement>(null);
  const overlay = useRef<HTMLCanvasElement>(null);
  const dragging = useRef(false);
  const flow = useReactFlow();
  const [tx, ty, zoom] = useFlowStore((s) => s.transform);
  const viewWidth = useFlowStore((s) => s.width);
  const viewHeight = useFlowStore((s) => s.height);

  const frame = useMemo(() => {
    const b = nodesBounds(nodes);
    if (!b) return { minX: 0, minY: 0, scale: 1 };
    const { minX, minY, maxX, maxY } = b;
    // A small graph stays small on the overview instead of being blown up to fill it.
    const scale = Math.min((WIDTH - 2 * PAD) / Math.max(1, maxX - minX), (HEIGHT - 2 * PAD) / Math.max(1, maxY - minY), 0.15);
    return { minX, minY, scale };
  }, [nodes]);

  useEffect(() => {
    const canvas = base.current;
    const ctx = canvas?.getContext("2d");
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = WIDTH * dpr;
    canvas.height = HEIGHT * dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, WIDTH, HEIGHT);
    for (const n of nodes) {
      ctx.fillStyle = STATUS_COLOURS[n.data.status] ?? "#64748b";
      const x = PAD + (n.position.x - frame.minX) * frame.scale;
      const y = PAD + (n.position.y - frame.minY) * frame.scale;
      ctx.fillRect(x, y, Math.max(1, (n.width ?? 0) * frame.scale), Math.max(1, (n.height ?? 0) * frame.scale));
    }
  }, [nodes, frame]);

  useEffect(() => {
    const canvas = overlay.current;
    const ctx = canvas?.getContext("2d");
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== WIDTH * dpr) {
      canvas.width = WIDTH * dpr;
      canvas.height = HEIGHT * dpr;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, WIDTH, HEIGHT);
    // The view, in graph coordinates, drawn on the overview's scale.
    const x = PAD + (-tx / zoom - frame.minX) * frame.scale;
    const y = PAD + (-ty / zoom - frame.minY) * frame.scale;
    ctx.strokeStyle = "#1d4ed8";
    ctx.lineWidth = 2;
    ctx.strokeRect(x, y, (viewWidth / zoom) * frame.scale, (viewHeight / zoom) * frame.scale);
  }, [tx, ty, zoom, viewWidth, viewHeight, frame]);

  const moveTo = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const gx = (e.clientX - rect.left - PAD) / frame.scale + frame.minX;
    const gy = (e.clientY - rect.top - PAD) / frame.scale + frame.minY;
    void flow.setCenter(gx, gy, { zoom: flow.getZoom(), duration: 0 });
  };

  return (
    <div className="overview-map nopan nowheel">
      <canvas ref={base} style={{ width: WIDTH, height: HEIGHT }} aria-hidden="true" />
      <canvas
        ref={overlay}
        style={{ width: WIDTH, height: HEIGHT }}
        role="img"
        aria-label={`Overview of the session graph (${nodes.length} nodes); the outlined part is in view. Press on it to move the view there.`}
        onPointerDown={(e) => {
          dragging.current = true;
          e.currentTarget.setPointerCapture(e.pointerId);
          moveTo(e);
        }}
        onPointerMove={(e) => dragging.current && moveTo(e)}
        onPointerUp={() => (dragging.current = false)}
      />
    </div>
  );
}
