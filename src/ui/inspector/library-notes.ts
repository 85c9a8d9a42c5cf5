import { unpackSessionKey } from "../../core/index.ts";
import type { JournalEntry, Workspace } from "../../ops/index.ts";
import type { GraphNodeModel } from "../graph/project-graph.ts";

/** One step's notes of what the library did, for a node that step touched. */
export interface NodeLibraryNote {
  seq: number;
  notes: readonly string[];
}

/**
 * Whether a journal entry acted on the node: named it in its arguments (a session id, a user and
 * client, a token value or `basedOn`) or made it (its result's session id or token value).
 */
export function entryTouches(entry: JournalEntry, node: Pick<GraphNodeModel, "kind" | "contractId" | "userId" | "clientId" | "sessionId" | "token">): boolean {
  const args = (entry.operation.args ?? {}) as Record<string, unknown>;
  const result = ("result" in entry ? entry.result : {}) as Record<string, unknown>;
  const sessionId = typeof args.sessionId === "string" ? args.sessionId : typeof result.sessionId === "string" ? result.sessionId : undefined;
  switch (node.kind) {
    case "token":
      return sessionId === node.sessionId && [args.value, args.basedOn, result.value].includes(node.token?.value);
    case "grant":
      return sessionId === node.sessionId;
    case "client":
      return (args.userId === node.userId && args.clientId === node.clientId) || (sessionId !== undefined && sameClient(unpackSessionKey(sessionId), node));
    case "user":
      return args.userId === node.userId;
  }
}

const sameClient = (parts: string[], node: { userId: string; clientId?: string }) => parts.length === 3 && parts[0] === node.userId && parts[1] === node.clientId;

/**
 * What the workspace's library did, at steps up to `upTo`, that touched the node and that the
 * playground would not have done ("idpy-oidc counts this mint as a use of CODE-1 (used 1 → 2)"),
 * newest first: the inspector says it where the node is, the timeline where the step is.
 */
export function libraryNotesFor(workspace: Pick<Workspace, "journal" | "notesAt">, node: Parameters<typeof entryTouches>[1], upTo = workspace.journal.length): NodeLibraryNote[] {
  const out: NodeLibraryNote[] = [];
  for (let seq = Math.min(upTo, workspace.journal.length); seq >= 1; seq--) {
    const notes = workspace.notesAt(seq);
    if (notes.length && entryTouches(workspace.journal[seq - 1], node)) out.push({ seq, notes });
  }
  return out;
}
