import type { Page } from "@playwright/test";

export interface RenderedText {
  /** Smallest rendered font size (px) of any graph label in view; Infinity when none is in view. */
  min: number;
  /** The graph's zoom. */
  zoom: number;
  /** How many labels were in view. */
  labels: number;
}

/**
 * The smallest font size, as rendered on screen, of the text in the graph's nodes and edge labels
 * in view: each element's computed font size times the graph's zoom (the viewport's scale).
 */
export async function smallestGraphFont(page: Page): Promise<RenderedText> {
  return page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>(".react-flow__viewport");
    const pane = document.querySelector(".react-flow")?.getBoundingClientRect();
    if (!viewport || !pane) return { min: Infinity, zoom: NaN, labels: 0 };
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    let min = Infinity;
    let labels = 0;
    for (const el of document.querySelectorAll(".react-flow__node *, .react-flow__edge-text, .react-flow__edge-textwrapper text")) {
      const hasText = [...el.childNodes].some((c) => c.nodeType === Node.TEXT_NODE && c.textContent!.trim() !== "");
      if (!hasText) continue;
      const r = el.getBoundingClientRect();
      // Text outside the pane, and visually hidden text (clipped away until focused), is not seen.
      if (!r.width || !r.height || r.right < pane.left || r.left > pane.right || r.bottom < pane.top || r.top > pane.bottom) continue;
      if (getComputedStyle(el).clipPath !== "none") continue;
      labels++;
      min = Math.min(min, parseFloat(getComputedStyle(el).fontSize) * zoom);
    }
    return { min, zoom, labels };
  });
}
