// Runs the full layout of a large graph off the main thread, so the page stays responsive.
import { fullLayout, type LayoutNode } from "./layout.ts";

interface Request {
  id: number;
  nodes: LayoutNode[];
}

self.onmessage = (event: MessageEvent<Request>) => {
  const { id, nodes } = event.data;
  const started = performance.now();
  const positions = [...fullLayout(nodes)];
  self.postMessage({ id, positions, ms: performance.now() - started });
};
