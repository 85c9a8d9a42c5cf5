import { describe, expect, it } from "vitest";
import { fitBesideMap, fitViewport, leastCoveredCorner, MIN_FIT_ZOOM, NODE_FONT_PX, MIN_READABLE_FONT_PX } from "./fit-viewport.ts";

const none = { top: 0, right: 0, bottom: 0, left: 0 };

describe("fitting the view", () => {
  it("never zooms below the zoom at which node text renders at the smallest readable size", () => {
    expect(NODE_FONT_PX * MIN_FIT_ZOOM).toBeGreaterThanOrEqual(MIN_READABLE_FONT_PX);
    const huge = { minX: 0, minY: 0, maxX: 20_000, maxY: 9_000 };
    const v = fitViewport(huge, { width: 900, height: 500 }, { ...none, left: 50, top: 10 });
    expect(v.zoom).toBe(MIN_FIT_ZOOM);
    // Too large to show whole: its top left (where the session outline starts) is shown.
    expect(v).toEqual({ x: 50, y: 10, zoom: MIN_FIT_ZOOM });
  });

  it("centres a graph that fits, never enlarging it past its natural size", () => {
    const v = fitViewport({ minX: 100, minY: 0, maxX: 300, maxY: 100 }, { width: 600, height: 400 }, none);
    expect(v).toEqual({ x: 200 - 100, y: 150, zoom: 1 });
  });

  it("keeps the overview map's strip free of nodes when the graph fits beside it", () => {
    const bounds = { minX: 0, minY: 0, maxX: 700, maxY: 200 };
    const canvas = { width: 900, height: 500 };
    const map = { width: 170, height: 120 };
    const v = fitBesideMap(bounds, canvas, none, map);
    const right = bounds.maxX * v.zoom + v.x;
    const bottom = bounds.maxY * v.zoom + v.y;
    expect(right <= canvas.width - map.width || bottom <= canvas.height - map.height).toBe(true);
  });

  it("moves the overview map to the corner where it hides the fewest nodes", () => {
    const canvas = { width: 800, height: 400 };
    const map = { width: 150, height: 96 };
    const v = { x: 0, y: 0, zoom: 1 };
    expect(leastCoveredCorner([{ x: 0, y: 0, width: 100, height: 50 }], v, canvas, map, { ...none, left: 56 })).toBe("bottom-right");
    const underBottomRight = [{ x: 600, y: 300, width: 200, height: 100 }];
    expect(leastCoveredCorner(underBottomRight, v, canvas, map, { ...none, left: 56 })).toBe("top-right");
  });
});
