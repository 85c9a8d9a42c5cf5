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

/**
 * One applied step: its journal entry, and for a refused operation the error it was refused with.
 * The journal keeps only the error's code and message; the error itself keeps the rest (a minting
 * refusal's `reason`, an invalid argument's `problems`) for whoever shows the refusal now.
 */
export interface AppliedStep {
  entry: JournalEntry;
  error: SessionError | null;
}

/** Runs one operation against a manager the way a workspace does: its journal entry, and its error when refused. */
export function runStep(manager: SessionManager, operation: Operation, seq: number): AppliedStep {
  const at = manager.clock.now();
  try {
    const result = applyOperation(manager, operation);
    return { entry: { seq, at, operation, result }, error: null };
  } catch (e) {
    if (e instanceof SessionError) return { entry: { seq, at, operation, error: { code: e.code, message: e.message } }, error: e };
    throw e;
  }
}

/** Runs one operation against a manager the way a workspace does, as a journal entry. */
export function runOperation(manager: SessionManager, operation: Operation, seq: number): JournalEntry {
  return runStep(manager, operation, seq).entry;
}
