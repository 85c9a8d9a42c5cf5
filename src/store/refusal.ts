import { InvalidArgument, InvalidStateFile, MintingNotAllowed, SessionError, SessionManager, type Problem } from "../core/index.ts";
import { applyOperation, type Operation } from "../ops/index.ts";

/**
 * The journal keeps a refused operation's `{ code, message }` only. To show the refusal's
 * `reason` (minting) and `problems` (bad arguments), the operation is run again against a copy
 * of the unchanged state: a refused operation changes nothing, so the copy fails the same way.
 */
export function explainRefusal(manager: SessionManager, operation: Operation): { reason?: string; problems?: Problem[] } {
  let copy: SessionManager;
  try {
    copy = SessionManager.fromJSON(manager.toJSON());
  } catch {
    return {};
  }
  try {
    applyOperation(copy, operation);
  } catch (e) {
    if (e instanceof MintingNotAllowed) return { reason: e.reason };
    if (e instanceof InvalidArgument || e instanceof InvalidStateFile) return e.problems.length ? { problems: e.problems } : {};
    if (e instanceof SessionError) return {};
  }
  return {};
}

/** Whether a refusal is worth explaining beyond its code and message. */
export function needsExplanation(code: string): boolean {
  return code === "minting_not_allowed" || code === "invalid_argument" || code === "invalid_state_file";
}
