/** Serializable operations, the journal, workspaces, replay and state files (SPEC §10). */
export { applyOperation, validateOperation } from "./apply-operation.ts";
export { isOperationName, operationDefinition, OPERATIONS } from "./registry.ts";
export { stepChanges, stepFocus, stepRevocation } from "./step-facts.ts";
export type { ChangedGrants, FocusContext, OperationContext, OperationDefinition, RevocationTarget } from "./operation-definition.ts";
export {
  createManager,
  MAX_OPERATION_NESTING,
  MAX_STATE_FILE_BYTES,
  parseStateFileText,
  replay,
  runOperation,
  runStep,
  Workspace,
  type AppliedStep,
  type WorkspaceBase,
  type WorkspaceInit,
} from "./workspace.ts";
export { canonicalJson, firstDifference, isPlainJsonObject, sameJson } from "./canonical-json.ts";
export { parseJsonText, lineAndColumn } from "./parse-json.ts";
export {
  addGrantArgs,
  advanceClockArgs,
  clientSessionIdArgs,
  createSessionArgs,
  importStateArgs,
  journalEntrySchema,
  mintTokenArgs,
  OPERATION_NAMES,
  operationArgs,
  operationSchema,
  registerUsageArgs,
  revokeTokenArgs,
  sessionIdArgs,
  setClockArgs,
  settingsSchema,
  usageRulesSchema,
  STATE_FILE_FORMAT,
  STATE_FILE_VERSION,
  stateFileSchema,
  type JournalEntry,
  type Operation,
  type OperationName,
  type OperationOf,
  type OperationResult,
  type OperationResults,
  type WorkspaceSettings,
} from "./schemas.ts";
export { replayOracleTrace, type OracleTrace, type TraceStep } from "./oracle-trace/replay-oracle-trace.ts";
export { LibraryRun, type LibraryCall, type LibraryRunOptions, type LibraryStepResult, type ReplayedStep, type TraceOutcome } from "./oracle-trace/library-run.ts";
export { compareTrace, type TraceDifference } from "./oracle-trace/compare-trace.ts";
export { createdGrantId, replayUnderLibrary, type LibraryReplayStep } from "./oracle-trace/replay-under-library.ts";
export { diffStates, describeChange, tokenStatusWord, type FieldChange, type StateChange } from "./diff-states.ts";
export { compareRerun, rerunUnder, type Rerun } from "./semantics/rerun-under.ts";
export { createEngine, semanticsOf, type Engine } from "./semantics/engine.ts";
export { LIBRARY_ERROR_CODES } from "./semantics/library-engine.ts";
