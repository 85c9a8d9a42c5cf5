import type { SessionManager } from "../core/index.ts";
import { stepFocus, type JournalEntry } from "../ops/index.ts";

/** Keys of `manager.toJSON().db`: user ids, `user;;client` and session ids. */
export type NodeIds = Set<string>;

/** Node ids (user, `user;;client`, session) present in a manager. */
export function nodeIds(manager: SessionManager): NodeIds {
  return new Set(manager.keys());
}

/**
 * The graph nodes a journal entry changed, worked out from the operation (its registry entry's
 * `focus`), its result and the state around it. `before` is the node ids and clock reading before
 * the step, `manager` the state after.
 */
export function defaultFocus(entry: JournalEntry, before: { ids: NodeIds; now: number }, manager: SessionManager): string[] {
  return stepFocus(entry, before, manager);
}
