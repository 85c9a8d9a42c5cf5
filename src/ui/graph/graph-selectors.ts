import { assertNever, unpackSessionKey, type SessionManager } from "../../core/index.ts";
import { stepChanges, type JournalEntry } from "../../ops/index.ts";
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

/**
 * Which grants (session ids) an applied journal entry left as they were, or null when it may
 * have touched any of them (the clock moved, state was imported). A refused entry changed nothing.
 */
export function unchangedGrants(entry: JournalEntry): ((sessionId: string) => boolean) | null {
  const changes = stepChanges(entry);
  switch (changes.kind) {
    case "none":
      return () => true;
    case "grant":
      return (sessionId) => sessionId !== changes.sessionId;
    case "clientSession": {
      const { userId, clientId } = changes;
      return (sessionId) => {
        const [user, client] = unpackSessionKey(sessionId);
        return user !== userId || client !== clientId;
      };
    }
    case "any":
      return null;
    default:
      return assertNever(changes);
  }
}

let graphCache: { manager: SessionManager; version: number; changeId: number | null; graph: ProjectedGraph } | null = null;

/**
 * The projected graph of the shown state, memoised on the store's version. When the version
 * moved by one applied operation on the same manager, only the grants it touched are projected again.
 */
export function selectGraph(s: AppState): ProjectedGraph | null {
  const manager = selectShownManager(s);
  if (!manager) return null;
  if (graphCache && graphCache.manager === manager && graphCache.version === s.version) return graphCache.graph;
  const change = s.lastChange;
  const incremental =
    graphCache &&
    graphCache.manager === manager &&
    s.timeTravelStep === null &&
    graphCache.version + 1 === s.version &&
    change?.kind === "apply" &&
    change.entry &&
    change.id !== graphCache.changeId
      ? unchangedGrants(change.entry)
      : null;
  const started = performance.now();
  const graph = projectGraph(manager, manager.clock.now(), incremental && graphCache ? { previous: graphCache.graph, unchanged: incremental } : {});
  graphCache = { manager, version: s.version, changeId: change?.id ?? null, graph };
  try {
    performance.measure("graph:project", { start: started, end: performance.now(), detail: { nodes: graph.nodes.length, incremental: !!incremental } });
  } catch {
    // No User Timing Level 3.
  }
  return graph;
}
