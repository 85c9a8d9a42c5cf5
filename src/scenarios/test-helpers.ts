import { unpackSessionKey, type SessionManager, type SessionToken } from "../core/index.ts";
import { applyOperation, type Workspace } from "../ops/index.ts";

/** Every token of every grant, with its session id, in tree order. */
export function allTokens(manager: SessionManager): { sessionId: string; token: SessionToken }[] {
  const out: { sessionId: string; token: SessionToken }[] = [];
  for (const key of Object.keys(manager.toJSON().db)) {
    if (unpackSessionKey(key).length !== 3) continue;
    for (const token of manager.getGrant(key).issued_token) out.push({ sessionId: key, token });
  }
  return out;
}

/** Node ids and token values present in a manager: what a step's focus may name. */
export function graphIds(manager: SessionManager): Set<string> {
  return new Set([...Object.keys(manager.toJSON().db), ...allTokens(manager).map((t) => t.token.value)]);
}

/** The result journal entry `seq` recorded (throws if it failed). */
export function resultOf<T>(ws: Workspace, seq: number): T {
  const entry = ws.journal[seq - 1];
  if ("error" in entry) throw new Error(`entry ${seq} failed: ${entry.error.code}`);
  return entry.result as T;
}

/** Runs entry `seq` again on the state just before it and returns the error it throws (the journal keeps only code and message). */
export function refusalOf(ws: Workspace, seq: number): unknown {
  try {
    applyOperation(ws.stateAt(seq - 1), ws.journal[seq - 1].operation);
  } catch (e) {
    return e;
  }
  throw new Error(`entry ${seq} did not fail on replay`);
}
