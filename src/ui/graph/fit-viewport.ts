/** The CSS font size of node text (`.gnode` in styles.css); no node text is smaller. */
export const NODE_FONT_PX = 12;
/** The smallest text the view is ever fitted to: below it labels are hard to read. */
export const MIN_READABLE_FONT_PX = 12;
/**
 * Fitting never zooms out below this: node text then renders at `MIN_READABLE_FONT_PX` or more.
 * A graph larger than the pane is shown from its start and the user pans (or zooms out) beyond.
 */
export const MIN_FIT_ZOOM = MIN_READABLE_FONT_PX / NODE_FONT_PX;
/** Fitting never blows a small graph up past its natural size. */
export const MAX_FIT_ZOOM = 1;

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * The viewport that shows `bounds` in the part of the canvas left free by `insets` (controls,
 * overview map), at a zoom between `MIN_FIT_ZOOM` and `MAX_FIT_ZOOM`. What fits is centred; a
 * graph too large at the smallest readable zoom is aligned to its top left, where the session
 * outline starts, so the first thing seen is the root of the tree and not a slice of its middle.
 */
export function fitViewport(bounds: Bounds, canvas: { width: number; height: number }, insets: Insets, minZoom = MIN_FIT_ZOOM, maxZoom = MAX_FIT_ZOOM): Viewport {
  const freeW = Math.max(1, canvas.width - insets.left - insets.right);
  const freeH = Math.max(1, canvas.height - insets.top - insets.bottom);
  const w = Math.max(1, bounds.maxX - bounds.minX);
  const h = Math.max(1, bounds.maxY - bounds.minY);
  const zoom = Math.min(maxZoom, Math.max(minZoom, Math.min(freeW / w, freeH / h)));
  const x = w * zoom <= freeW ? insets.left + (freeW - w * zoom) / 2 - bounds.minX * zoom : insets.left - bounds.minX * zoom;
  const y = h * zoom <= freeH ? insets.top + (freeH - h * zoom) / 2 - bounds.minY * zoom : insets.top - bounds.minY * zoom;
  return { x, y, zoom };
}

/** How much of the graph a viewport shows (0 to 1, by area): used to pick where the overview map goes. */
export function shownFraction(bounds: Bounds, canvas: { width: number; height: number }, insets: Insets, v: Viewport): number {
  const left = Math.max(bounds.minX, (insets.left - v.x) / v.zoom);
  const right = Math.min(bounds.maxX, (canvas.width - insets.right - v.x) / v.zoom);
  const top = Math.max(bounds.minY, (insets.top - v.y) / v.zoom);
  const bottom = Math.min(bounds.maxY, (canvas.height - insets.bottom - v.y) / v.zoom);
  const area = Math.max(1, (bounds.maxX - bounds.minX) * (bounds.maxY - bounds.minY));
  return (Math.max(0, right - left) * Math.max(0, bottom - top)) / area;
}

/**
 * The fit that keeps the overview map (of `map` size, in a bottom-right corner) off the nodes: the
 * map takes either a strip on the right or one at the bottom, whichever leaves more of the graph
 * in view (at the larger zoom when both show it all).
 */
export function fitBesideMap(bounds: Bounds, canvas: { width: number; height: number }, insets: Insets, map: { width: number; height: number } | null): Viewport {
  if (!map) return fitViewport(bounds, canvas, insets);
  const right = { ...insets, right: Math.max(insets.right, map.width) };
  const below = { ...insets, bottom: Math.max(insets.bottom, map.height) };
  const a = fitViewport(bounds, canvas, right);
  const b = fitViewport(bounds, canvas, below);
  const fa = shownFraction(bounds, canvas, right, a);
  const fb = shownFraction(bounds, canvas, below, b);
  if (Math.abs(fa - fb) > 1e-6) return fa > fb ? a : b;
  return a.zoom >= b.zoom ? a : b;
}

export type Corner = "bottom-right" | "top-right" | "bottom-left";

/**
 * The corner of the canvas where the overview map (of `map` size, `margin` from the edges) covers
 * the least of the nodes in view at `v`; bottom right when it covers none there. The bottom-left
 * corner starts right of the controls (`insets.left`).
 */
export function leastCoveredCorner(
  boxes: readonly { x: number; y: number; width: number; height: number }[],
  v: Viewport,
  canvas: { width: number; height: number },
  map: { width: number; height: number },
  insets: Insets,
  margin = 12,
): Corner {
  const rects: Record<Corner, { x: number; y: number }> = {
    "bottom-right": { x: canvas.width - margin - map.width, y: canvas.height - margin - map.height },
    "top-right": { x: canvas.width - margin - map.width, y: margin },
    "bottom-left": { x: insets.left, y: canvas.height - margin - map.height },
  };
  let best: Corner = "bottom-right";
  let least = Infinity;
  for (const corner of Object.keys(rects) as Corner[]) {
    const r = rects[corner];
    let covered = 0;
    for (const b of boxes) {
      const left = b.x * v.zoom + v.x;
      const top = b.y * v.zoom + v.y;
      const w = Math.min(left + b.width * v.zoom, r.x + map.width) - Math.max(left, r.x);
      const h = Math.min(top + b.height * v.zoom, r.y + map.height) - Math.max(top, r.y);
      if (w > 0 && h > 0) covered += w * h;
    }
    if (covered < least) {
      least = covered;
      best = corner;
    }
    if (covered === 0) break;
  }
  return best;
}
