import { sessionKey, unpackSessionKey, type SessionManager } from "../core/index.ts";
import type { JournalEntry } from "../ops/index.ts";

/** Keys of `manager.toJSON().db`: user ids, `user;;client` and session ids. */
export type NodeIds = Set<string>;

/** Node ids (user, `user;;client`, session) present in a manager. */
export function nodeIds(manager: SessionManager): NodeIds {
  return new Set(Object.keys(manager.toJSON().db));
}

/** Token values and grant ids whose own `isActive` answer differs between two instants. */
function flippedByTime(manager: SessionManager, before: number, after: number): string[] {
  const out: string[] = [];
  for (const key of nodeIds(manager)) {
    if (unpackSessionKey(key).length !== 3) continue;
    const grant = manager.getGrant(key);
    if (grant.isActive(before) !== grant.isActive(after)) out.push(key);
    for (const token of grant.issued_token) {
      if (token.isActive(before) !== token.isActive(after)) out.push(token.value);
    }
  }
  return out;
}

/**
 * The graph nodes a journal entry changed, worked out from the operation, its result and the
 * state around it. `before` is the node ids and clock reading before the step, `manager` the state after.
 */
export function defaultFocus(entry: JournalEntry, before: { ids: NodeIds; now: number }, manager: SessionManager): string[] {
  const { operation } = entry;
  if ("error" in entry) {
    // A refused step changes nothing; point at what it was refused over.
    return operation.op === "mintToken" && typeof operation.args.basedOn === "string" ? [operation.args.basedOn] : [];
  }
  const after = nodeIds(manager);
  switch (operation.op) {
    case "createSession":
    case "addGrant":
    case "importState":
      return [...after].filter((k) => !before.ids.has(k));
    case "removeSession":
      return [...before.ids].filter((k) => !after.has(k));
    case "mintToken":
      return [(entry.result as { value: string }).value];
    case "registerUsage":
      return [operation.args.value];
    case "revokeToken":
      return [...(entry.result as { revoked: string[] }).revoked];
    case "revokeGrant":
      return [operation.args.sessionId];
    case "revokeClientSession": {
      const [userId, clientId] = unpackSessionKey(operation.args.sessionId);
      const client = sessionKey(userId, clientId);
      return [client, ...[...after].filter((k) => k.startsWith(client + ";;"))];
    }
    case "advanceClock":
    case "setClock":
      return flippedByTime(manager, before.now, manager.clock.now());
  }
}
