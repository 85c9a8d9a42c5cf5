import type { SessionManager } from "../../core/index.ts";
import type { AppState } from "../../store/index.ts";
import { projectGraph, type ProjectedGraph } from "./project-graph.ts";

let managerCache: { open: unknown; version: number; step: number | null; manager: SessionManager } | null = null;

/** The manager shown: the live one, or the state after `timeTravelStep` entries (rebuilt once per step). */
export function selectShownManager(s: AppState): SessionManager | null {
  if (!s.open) return null;
  if (s.timeTravelStep === null) return s.open.workspace.manager;
  if (!managerCache || managerCache.open !== s.open || managerCache.version !== s.version || managerCache.step !== s.timeTravelStep) {
    managerCache = { open: s.open, version: s.version, step: s.timeTravelStep, manager: s.open.workspace.stateAt(s.timeTravelStep) };
  }
  return managerCache.manager;
}

let graphCache: { manager: SessionManager; version: number; graph: ProjectedGraph } | null = null;

/** The projected graph of the shown state, memoised on the store's version. */
export function selectGraph(s: AppState): ProjectedGraph | null {
  const manager = selectShownManager(s);
  if (!manager) return null;
  if (!graphCache || graphCache.manager !== manager || graphCache.version !== s.version) {
    const started = performance.now();
    graphCache = { manager, version: s.version, graph: projectGraph(manager) };
    try {
      performance.measure("graph:project", { start: started, end: performance.now(), detail: { nodes: graphCache.graph.nodes.length } });
    } catch {
      // No User Timing Level 3.
    }
  }
  return graphCache.graph;
}
