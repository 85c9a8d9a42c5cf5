import {
  exportPythonDumpValue,
  importPythonDumpValue,
  keptDataOf,
  type DumpCounts,
  type DumpWarning,
  type PythonDumpImport,
  type PythonDumpKept,
  type PythonLibrary,
} from "../../interop/index.ts";
import type { Workspace } from "../../ops/index.ts";

/** What the UI says about a workspace opened from a Python session dump. */
export interface DumpReport {
  library: PythonLibrary;
  versionGuess: string;
  warnings: readonly DumpWarning[];
  counts: DumpCounts;
}

// Per kept-data object (the journal's own copy, stable while the workspace is open): a big dump's
// report costs an export and an import to rebuild, so it is made once.
const reports = new WeakMap<PythonDumpKept, DumpReport>();

/** Remembers what an import just said, so the report of the workspace it made is not rebuilt. */
export function rememberDumpReport(imported: PythonDumpImport): DumpReport {
  const report: DumpReport = { library: imported.library, versionGuess: imported.versionGuess, warnings: imported.warnings, counts: imported.counts };
  reports.set(imported.kept, report);
  return report;
}

/** Position in the journal (1-based step) of the newest successful `importState`, or 0. */
function importStep(workspace: Workspace): number {
  for (let i = workspace.journal.length - 1; i >= 0; i--) {
    const entry = workspace.journal[i];
    if (entry.operation.op === "importState") return "result" in entry ? i + 1 : 0;
  }
  return 0;
}

/**
 * The report of a workspace whose state came from a Python dump, or null. Only the kept data is
 * stored with a workspace (in its journal), not the warnings; after a reload they are found again
 * by writing the state the import made back as the dump it came from (export writes an imported
 * dump back exactly, kept oddities included) and reading that once more.
 */
export function dumpReportOf(workspace: Workspace | null | undefined): DumpReport | null {
  if (!workspace) return null;
  const kept = keptDataOf(workspace);
  if (!kept) return null;
  const known = reports.get(kept);
  if (known) return known;
  let report: DumpReport;
  try {
    const step = importStep(workspace);
    const manager = step === workspace.journal.length ? workspace.manager : workspace.stateAt(step);
    const dump = exportPythonDumpValue(manager, kept.library, { kept });
    const again = importPythonDumpValue(dump, {
      library: kept.library,
      seed: workspace.seed,
      // A dump with no times started the clock at the import's now, which is the workspace's start.
      now: () => workspace.start_time,
    });
    report = { library: kept.library, versionGuess: kept.version_guess, warnings: again.warnings, counts: again.counts };
  } catch {
    // Never expected (the state was imported once); the banner still names the library.
    report = { library: kept.library, versionGuess: kept.version_guess, warnings: [], counts: { users: 0, clients: 0, grants: 0, tokens: 0, revoked: 0 } };
  }
  reports.set(kept, report);
  return report;
}
