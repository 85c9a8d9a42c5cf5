import { createSeededRandom, createVirtualClock, SessionError, SessionManager } from "../core/index.ts";
import { applyOperation } from "./apply-operation.ts";
import type { JournalEntry, Operation, WorkspaceSettings } from "./schemas.ts";

/** What a workspace is built from: everything but its journal. */
export interface WorkspaceBase {
  seed: string;
  start_time: number;
  settings?: WorkspaceSettings;
}

/** A fresh manager for a workspace base: virtual clock at `start_time`, generator seeded with `seed`. */
export function createManager(base: WorkspaceBase): SessionManager {
  const settings = base.settings ?? {};
  return new SessionManager({
    clock: createVirtualClock(base.start_time),
    random: createSeededRandom(base.seed),
    salt: settings.salt,
    usagePolicy: settings.usagePolicy,
    tokenTypes: settings.tokenTypes,
  });
}

/** Runs one operation against a manager the way a workspace does, as a journal entry. */
export function runOperation(manager: SessionManager, operation: Operation, seq: number): JournalEntry {
  const at = manager.clock.now();
  try {
    const result = applyOperation(manager, operation);
    return { seq, at, operation, result };
  } catch (e) {
    if (e instanceof SessionError) return { seq, at, operation, error: { code: e.code, message: e.message } };
    throw e;
  }
}

