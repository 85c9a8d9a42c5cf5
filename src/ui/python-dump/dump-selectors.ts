import type { AppState } from "../../store/index.ts";
import { selectGraph } from "../graph/graph-selectors.ts";
import { dumpReportOf, type DumpReport } from "./dump-report.ts";
import { DUMP_WARNING_MARK, warningsByNode } from "./warning-targets.ts";

let reportCache: { open: unknown; version: number; report: DumpReport | null } | null = null;

/** The dump report of the open workspace (null unless its state came from a Python dump), memoised on the version. */
export function selectDumpReport(s: AppState): DumpReport | null {
  if (!reportCache || reportCache.open !== s.open || reportCache.version !== s.version) {
    // keptDataOf walks the journal back to its import, so this is worth doing once per change.
    reportCache = { open: s.open, version: s.version, report: dumpReportOf(s.open?.workspace) };
  }
  return reportCache.report;
}

const NONE: ReadonlyMap<string, readonly string[]> = new Map();
let marksCache: { graph: unknown; report: DumpReport | null; marks: ReadonlyMap<string, readonly string[]> } | null = null;

/**
 * Graph node id → the warning words drawn on it for the dump warnings naming it: the mark
 * (`python_dump`) and the warnings' codes. Empty when the workspace is not from a dump.
 */
export function selectDumpWarningMarks(s: AppState): ReadonlyMap<string, readonly string[]> {
  const report = selectDumpReport(s);
  const graph = selectGraph(s);
  if (!report || !graph || report.warnings.length === 0) return NONE;
  if (!marksCache || marksCache.graph !== graph || marksCache.report !== report) {
    const marks = new Map<string, readonly string[]>();
    for (const [id, codes] of warningsByNode(graph, report.warnings)) marks.set(id, [DUMP_WARNING_MARK, ...codes]);
    marksCache = { graph, report, marks };
  }
  return marksCache.marks;
}
