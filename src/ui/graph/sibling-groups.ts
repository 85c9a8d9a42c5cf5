import { tokenTypeWords, type GraphNodeModel, type ProjectedGraph } from "./project-graph.ts";

/** A group of more than this many tokens of one type minted from one parent is folded at first. */
export const GROUP_LIMIT = 6;
/** How many of a folded group stay in view. */
export const GROUP_SHOWN = 3;

/** What the last shown member of a large sibling group offers: unfold the rest, or fold them again. */
export interface GroupControl {
  key: string;
  /** Members (with what hangs from them) out of view while folded. */
  hidden: number;
  /** "access tokens". */
  words: string;
  open: boolean;
}

/** The key of a sibling group: its parent and the members' token type. */
export const groupKey = (parent: string, type: string) => `${parent}\u0000${type}`;

function plural(words: string, n: number): string {
  return n === 1 ? words : words.endsWith("s") ? words : `${words}s`;
}

/**
 * Folds large groups of siblings: of more than `GROUP_LIMIT` tokens of one type minted from one
 * parent, the first `GROUP_SHOWN` stay and the others (with their subtrees) leave the picture
 * until unfolded, so 23 access tokens read as three and "+20 access tokens". `open` names the
 * groups the user unfolded.
 */
export function foldSiblingGroups(
  graph: ProjectedGraph,
  nodes: readonly GraphNodeModel[],
  open: ReadonlySet<string>,
): { nodes: GraphNodeModel[]; controls: Map<string, GroupControl> } {
  const controls = new Map<string, GroupControl>();
  const present = new Set(nodes.map((n) => n.id));
  const hidden = new Set<string>();
  for (const [parent, kids] of graph.children) {
    if (!present.has(parent) || kids.length <= GROUP_LIMIT) continue;
    const byType = new Map<string, string[]>();
    for (const id of kids) {
      const type = graph.byId.get(id)?.token?.type;
      if (type === undefined || !present.has(id)) continue;
      const list = byType.get(type);
      if (list) list.push(id);
      else byType.set(type, [id]);
    }
    for (const [type, members] of byType) {
      if (members.length <= GROUP_LIMIT) continue;
      const key = groupKey(parent, type);
      const isOpen = open.has(key);
      const words = plural(tokenTypeWords(type), members.length - GROUP_SHOWN);
      if (isOpen) {
        controls.set(members[members.length - 1], { key, hidden: members.length - GROUP_SHOWN, words, open: true });
        continue;
      }
      let count = 0;
      for (const id of members.slice(GROUP_SHOWN)) {
        const stack = [id];
        while (stack.length) {
          const next = stack.pop()!;
          if (hidden.has(next) || !present.has(next)) continue;
          hidden.add(next);
          count++;
          stack.push(...(graph.children.get(next) ?? []));
        }
      }
      controls.set(members[GROUP_SHOWN - 1], { key, hidden: count, words, open: false });
    }
  }
  if (!hidden.size) return { nodes: [...nodes], controls };
  for (const id of controls.keys()) if (hidden.has(id)) controls.delete(id);
  return { nodes: nodes.filter((n) => !hidden.has(n.id)), controls };
}
