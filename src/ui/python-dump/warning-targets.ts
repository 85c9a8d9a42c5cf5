import { unpackSessionKey } from "../../core/index.ts";
import type { DumpWarning } from "../../interop/index.ts";
import { clientNodeId, grantNodeId, userNodeId, type ProjectedGraph } from "../graph/project-graph.ts";

/** The `data-warning` word a node named by a dump warning carries (beside the core's `ancestor_revoked`). */
export const DUMP_WARNING_MARK = "python_dump";

type Graph = Pick<ProjectedGraph, "byId" | "nodes">;

/** Finds the graph node a dump warning names; built once per graph. */
export function warningLocator(graph: Graph): (warning: DumpWarning) => string | null {
  let tokens: Map<string, string> | null = null;
  const tokenAt = (sessionId: string, index: number): string | undefined => {
    if (!tokens) {
      tokens = new Map();
      for (const n of graph.nodes) if (n.kind === "token" && n.sessionId !== undefined && n.token) tokens.set(`${n.token.index}:${n.sessionId}`, n.id);
    }
    return tokens.get(`${index}:${sessionId}`);
  };
  return (warning) => {
    const key = warning.key;
    if (key === undefined) return null;
    const parts = unpackSessionKey(key);
    if (warning.token && parts.length === 3) {
      const id = tokenAt(key, warning.token.index);
      if (id !== undefined) return id;
    }
    const id = parts.length === 1 ? userNodeId(key) : parts.length === 2 ? clientNodeId(parts[0], parts[1]) : parts.length === 3 ? grantNodeId(key) : null;
    return id !== null && graph.byId.has(id) ? id : null;
  };
}

/**
 * The graph node a dump warning names: the token (by its position in the grant), else the node of
 * its db key. Null when that node is not drawn (a key that fits nowhere, a node removed since).
 */
export function warningNodeId(graph: Graph, warning: DumpWarning): string | null {
  return warningLocator(graph)(warning);
}

/** Graph node id → the codes of the dump warnings naming it, in the order the import gave them. */
export function warningsByNode(graph: Graph, warnings: readonly DumpWarning[]): Map<string, string[]> {
  const locate = warningLocator(graph);
  const out = new Map<string, string[]>();
  for (const w of warnings) {
    const id = locate(w);
    if (id === null) continue;
    const list = out.get(id);
    if (!list) out.set(id, [w.code]);
    else if (!list.includes(w.code)) list.push(w.code);
  }
  return out;
}
