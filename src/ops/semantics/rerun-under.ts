// "Would this happen in oidc-op too?": the operations of a workspace's journal run again under
// another semantics, as a new workspace. The grants the rerun makes get new ids, so each later
// operation's session id is rewritten to name the grant the rerun made in its place.
import { sessionKey, unpackSessionKey } from "../../core/index.ts";
import type { SemanticsName } from "../../core/profiles/library-profiles.ts";
import { createdGrantId } from "../oracle-trace/replay-under-library.ts";
import type { JournalEntry, Operation } from "../schemas.ts";
import { Workspace } from "../workspace.ts";
import { diffStates, type StateChange } from "../diff-states.ts";

export interface Rerun {
  workspace: Workspace;
  /** The origin's grant id → the rerun's grant id in its place. */
  grantIds: Map<string, string>;
}

function renamed(sessionId: unknown, grantIds: ReadonlyMap<string, string>): unknown {
  if (typeof sessionId !== "string") return sessionId;
  const parts = unpackSessionKey(sessionId);
  if (parts.length !== 3 || !grantIds.has(parts[2]!)) return sessionId;
  return sessionKey(parts[0]!, parts[1]!, grantIds.get(parts[2]!)!);
}

/** Runs `origin`'s operations again under `semantics`, in a new workspace named `name`. */
export function rerunUnder(origin: Workspace, semantics: SemanticsName, name = `${origin.name} (${semantics})`): Rerun {
  const workspace = new Workspace({ name, notes: origin.notes, seed: origin.seed, start_time: origin.start_time, settings: { ...origin.settings, semantics } });
  const grantIds = new Map<string, string>();
  for (const entry of origin.journal) {
    const operation = JSON.parse(JSON.stringify(entry.operation)) as Operation;
    const args = operation.args as Record<string, unknown>;
    if ("sessionId" in args) args.sessionId = renamed(args.sessionId, grantIds);
    const rerun = workspace.apply(operation);
    const before = createdGrantId(entry);
    const after = createdGrantId(rerun as JournalEntry);
    if (before && after) grantIds.set(before, after);
  }
  return { workspace, grantIds };
}

/** Per step, where the rerun's outcome differs from the origin's, and the state's differences at the end. */
export function compareRerun(origin: Workspace, rerun: Rerun): { steps: { seq: number; origin: string; rerun: string }[]; changes: StateChange[] } {
  const word = (e: JournalEntry) => ("error" in e ? `refused (${e.error.code}): ${e.error.message}` : "ran");
  const steps = origin.journal
    .map((e, i) => ({ seq: e.seq, origin: word(e), rerun: word(rerun.workspace.journal[i]!) }))
    .filter((s) => s.origin !== s.rerun);
  return { steps, changes: diffStates(origin.manager.toJSON(), rerun.workspace.manager.toJSON(), { grantIds: rerun.grantIds }) };
}
