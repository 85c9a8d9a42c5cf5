// Runs the full layout of a large graph off the main thread, so the page stays responsive.
import { fullLayout, packPositions, unpackLayoutRequest, type LayoutRequest, type LayoutResponse } from "./layout.ts";

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const started = performance.now();
  const positions = fullLayout(unpackLayoutRequest(event.data));
  const xy = packPositions(event.data.ids, positions);
  const response: LayoutResponse = { id: event.data.id, xy, ms: performance.now() - started };
  self.postMessage(response, { transfer: [xy.buffer] });
};
