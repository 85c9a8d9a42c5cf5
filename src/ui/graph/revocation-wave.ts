import { assertNever } from "../../core/index.ts";
import { stepRevocation, type JournalEntry, type RevocationTarget } from "../../ops/index.ts";
import { clientNodeId, grantNodeId, type ProjectedGraph } from "./project-graph.ts";

export interface Wave {
  /** Graph node ids per level, in breadth-first order from the node revoked. */
  levels: string[][];
  /** Each animated node's status and warnings before the operation. */
  before: Record<string, { status: string; warnings: string[] }>;
}

/** The node a revocation revoked, as a graph id. */
function waveRoot(graph: ProjectedGraph, target: RevocationTarget): string | null {
  switch (target.kind) {
    case "token":
      return graph.tokenIds.get(`${target.sessionId}#${target.value}`) ?? null;
    case "grant":
      return grantNodeId(target.sessionId);
    case "clientSession":
      return clientNodeId(target.userId, target.clientId);
    default:
      return assertNever(target);
  }
}

/**
 * The levels in which a revocation is drawn: the revoked node first, then everything below it in
 * the tree whose status or warnings changed, one level per step down. For `revokeToken` the
 * order within the tree follows the `revoked` list the operation returned (breadth first).
 * Returns null when there is nothing to animate (another operation, a refusal, one node).
 */
export function computeWave(before: ProjectedGraph, after: ProjectedGraph, entry: JournalEntry): Wave | null {
  const target = stepRevocation(entry);
  if (!target) return null;
  const root = waveRoot(after, target);
  if (!root || !after.byId.has(root)) return null;
  const revokedOrder = new Map<string, number>();
  if (target.kind === "token") {
    target.revoked.forEach((v, i) => {
      const id = after.tokenIds.get(`${target.sessionId}#${v}`);
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
