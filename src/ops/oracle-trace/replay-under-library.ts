// Replays a workspace's journal under a library profile, for "Copy as Python" and for comparing
// profiles: the k-th grant the journal made keeps its id in the library, so every later session
// id of the journal names the same grant there.
import { unpackSessionKey } from "../../core/index.ts";
import { LIBRARY_PROFILES, type LibrarySemantics } from "../../core/profiles/library-profiles.ts";
import type { Dict } from "../../core/profiles/python-objects.ts";
import type { JournalEntry } from "../schemas.ts";
import { createManager, type WorkspaceBase } from "../run-operation.ts";
import { LibraryRun, type LibraryCall, type TraceOutcome } from "./library-run.ts";

export interface LibraryReplayStep {
  seq: number;
  /** The library call the entry's operation became (null for an operation that makes none). */
  call: LibraryCall | null;
  outcome: TraceOutcome;
  /** The library's whole database after the step, in the oracle traces' normalized form. */
  state: { clock: number; db: Record<string, unknown> };
}

/** The grant id a journal entry made, from its recorded result. */
export function createdGrantId(entry: JournalEntry): string | null {
  if (!("result" in entry)) return null;
  if (entry.operation.op === "createSession") return unpackSessionKey((entry.result as { sessionId: string }).sessionId)[2] ?? null;
  if (entry.operation.op === "addGrant") return (entry.result as { grantId: string }).grantId;
  return null;
}

/** Replays `journal` under `semantics`; `importState` entries cannot be replayed in a library and are refused. */
export function replayUnderLibrary(base: WorkspaceBase, journal: readonly JournalEntry[], semantics: LibrarySemantics): LibraryReplayStep[] {
  const settings = base.settings ?? {};
  const run = new LibraryRun(LIBRARY_PROFILES[semantics], {
    startTime: base.start_time,
    // The salt the playground manager of this workspace uses (settings.salt, or drawn from the seed).
    salt: createManager(base).salt,
    usagePolicy: settings.usagePolicy as Record<string, Dict> | undefined,
  });
  return journal.map((entry) => {
    if (entry.operation.op === "importState") {
      return { seq: entry.seq, call: null, outcome: { kind: "not_run", reason: "an imported state has no library call" }, state: run.state() };
    }
    const { outcome, call } = run.apply(entry.operation, createdGrantId(entry));
    return { seq: entry.seq, call, outcome, state: run.state() };
  });
}
