import { InvalidArgument, isVirtualClock, unpackSessionKey, type SessionManager } from "../../core/index.ts";
import type { FocusContext } from "../operation-definition.ts";

/** The manager's clock, when it can be moved. */
export function virtualClock(manager: SessionManager) {
  if (!isVirtualClock(manager.clock)) {
    throw new InvalidArgument("This manager reads the real clock; only a manager built with createVirtualClock can have its time moved.");
  }
  return manager.clock;
}

/** Token values and grant ids whose own `isActive` answer differs between the clock readings before and after a step. */
export function flippedByTime({ before, manager }: FocusContext<unknown, unknown>): string[] {
  const out: string[] = [];
  const now = manager.clock.now();
  for (const key of manager.keys()) {
    if (unpackSessionKey(key).length !== 3) continue;
    const grant = manager.getGrant(key);
    if (grant.isActive(before.now) !== grant.isActive(now)) out.push(key);
    for (const token of grant.issued_token) {
      if (token.isActive(before.now) !== token.isActive(now)) out.push(token.value);
    }
  }
  return out;
}
