import type { JournalEntry } from "../../ops/index.ts";
import { clientNodeId, grantNodeId, type ProjectedGraph } from "./project-graph.ts";

export interface Wave {
  /** Graph node ids per level, in breadth-first order from the node revoked. */
  levels: string[][];
  /** Each animated node's status and warnings before the operation. */
  before: Record<string, { status: string; warnings: string[] }>;
}

/** The node an operation revoked, as a graph id. */
function waveRoot(graph: ProjectedGraph, entry: JournalEntry): string | null {
  const { op, args } = entry.operation as { op: string; args: Record<string, unknown> };
  const sid = typeof args?.sessionId === "string" ? args.sessionId : "";
  if (op === "revokeToken") return graph.tokenIds.get(`${sid}#${String(args.value)}`) ?? null;
  if (op === "revokeGrant") return grantNodeId(sid);
  if (op === "revokeClientSession") {
    const [user, client] = sid.split(";;");
    return user && client ? clientNodeId(user, client) : null;
  }
  return null;
}

/**
 * The levels in which a revocation is drawn: the revoked node first, then everything below it in
 * the tree whose status or warnings changed, one level per step down. For `revokeToken` the
 * order within the tree follows the `revoked` list the operation returned (breadth first).
 * Returns null when there is nothing to animate (another operation, a refusal, one node).
 */
export function computeWave(before: ProjectedGraph, after: ProjectedGraph, entry: JournalEntry): Wave | null {
  if ("error" in entry) return null;
  const root = waveRoot(after, entry);
  if (!root || !after.byId.has(root)) return null;
  const revokedOrder = new Map<string, number>();
  if (entry.operation.op === "revokeToken") {
    const sid = (entry.operation.args as { sessionId: string }).sessionId;
    (entry.result as { revoked: string[] }).revoked.forEach((v, i) => {
      const id = after.tokenIds.get(`${sid}#${v}`);
      if (id && !revokedOrder.has(id)) revokedOrder.set(id, i);
    });
  }
  const changed = (id: string) => {
    const a = before.byId.get(id);
    const b = after.byId.get(id);
    if (!a || !b) return false;
    return a.status !== b.status || a.warnings.join() !== b.warnings.join();
  };
  const levels: string[][] = [];
  const prior: Wave["before"] = {};
  let frontier = [root];
  const seen = new Set(frontier);
  for (let depth = 0; frontier.length; depth++) {
    const level = frontier.filter((id) => id === root || changed(id) || revokedOrder.has(id));
    level.sort((x, y) => (revokedOrder.get(x) ?? Infinity) - (revokedOrder.get(y) ?? Infinity));
    if (level.length) levels.push(level);
    for (const id of level) {
      const b = before.byId.get(id);
      if (b) prior[id] = { status: b.status, warnings: [...b.warnings] };
    }
    const next: string[] = [];
    for (const id of frontier) for (const child of after.children.get(id) ?? []) if (!seen.has(child)) { seen.add(child); next.push(child); }
    frontier = next;
  }
  return levels.length > 1 ? { levels, before: prior } : null;
}
