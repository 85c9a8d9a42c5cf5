// What a workspace runs its operations with: the playground's session manager (SPEC), or a real
// library's, chosen by `settings.semantics`. Each is one object behind the same two members, so
// nothing above the workspace asks which semantics it runs.
import { LIBRARY_PROFILES, type SemanticsName } from "../../core/profiles/library-profiles.ts";
import type { SessionManager } from "../../core/index.ts";
import { createManager, runStep, type AppliedStep, type WorkspaceBase } from "../run-operation.ts";
import { LibraryEngine } from "./library-engine.ts";

export interface Engine {
  /** The state to draw and read; changed only through `apply`. */
  readonly manager: SessionManager;
  /** Runs one operation as journal entry `seq`: the entry, and the error when it was refused. */
  apply(operation: unknown, seq: number): AppliedStep;
  /** What the library did at entry `seq` that the playground would not have (empty under the playground). */
  notesAt(seq: number): readonly string[];
  /** What the library holds that the drawing cannot show. */
  leftOut(): readonly string[];
  /** Whether a saved snapshot of `manager` can stand in for replaying the journal. */
  readonly restorableFromSnapshot: boolean;
}

export function semanticsOf(base: WorkspaceBase): SemanticsName {
  return base.settings?.semantics ?? "playground";
}

export function createEngine(base: WorkspaceBase): Engine {
  const semantics = semanticsOf(base);
  return semantics === "playground" ? new PlaygroundEngine(createManager(base)) : new LibraryEngine(base, LIBRARY_PROFILES[semantics]);
}

export class PlaygroundEngine implements Engine {
  readonly restorableFromSnapshot = true;
  constructor(readonly manager: SessionManager) {}
  apply(operation: unknown, seq: number): AppliedStep {
    return runStep(this.manager, operation as never, seq);
  }
  notesAt(): readonly string[] {
    return [];
  }
  leftOut(): readonly string[] {
    return [];
  }
}
