import type { SessionManager } from "../core/index.ts";
import type { ChangedGrants, OperationDefinition, RevocationTarget } from "./operation-definition.ts";
import { isOperationName, OPERATIONS } from "./registry.ts";
import type { JournalEntry, OperationName } from "./schemas.ts";

// What views need to know about a journal entry, read from the operation's registry entry.

const definitionOf = (op: OperationName) => OPERATIONS[op] as OperationDefinition<never, unknown>;

/**
 * The node ids (user ids, `user;;client`, session ids, token values) a journal entry changed.
 * `before` is the node ids and clock reading before the step, `manager` the state after. A refused
 * step changes nothing; it points at what it was refused over.
 */
export function stepFocus(entry: JournalEntry, before: { ids: ReadonlySet<string>; now: number }, manager: SessionManager): string[] {
  const { op, args } = entry.operation;
  if (!isOperationName(op)) return [];
  if ("error" in entry) return definitionOf(op).refusalFocus((args ?? {}) as Record<string, unknown>);
  return definitionOf(op).focus({ args: args as never, result: entry.result, before, manager });
}

/** Which existing grants an entry may have changed; a refused entry changed none. */
export function stepChanges(entry: JournalEntry): ChangedGrants {
  if ("error" in entry) return { kind: "none" };
  const { op, args } = entry.operation;
  return isOperationName(op) ? definitionOf(op).changes(args as never, entry.result) : { kind: "any" };
}

/** What an applied entry revoked, or null (another operation, or a refusal). */
export function stepRevocation(entry: JournalEntry): RevocationTarget | null {
  if ("error" in entry) return null;
  const { op, args } = entry.operation;
  return isOperationName(op) ? definitionOf(op).revocation(args as never, entry.result) : null;
}
