/**
 * Interoperability with the Python OpenID Providers: open a `SessionManager.dump()` of idpy-oidc or
 * oidc-op as a workspace, and write a workspace back in either library's shape.
 */
export { detectPythonDump, type PythonDumpDetection } from "./detect-python-dump.ts";
export { importPythonDump, importPythonDumpValue, type ImportPythonDumpOptions, type PythonDumpImport } from "./import-python-dump.ts";
export { exportPythonDump, exportPythonDumpValue, type ExportPythonDumpOptions } from "./export-python-dump.ts";
export { keptDataOf, keptFields, pythonDumpKeptSchema, type KeptField, type KeptSource } from "./kept-data.ts";
export { PYTHON_LIBRARIES, translateClass, type PythonLibrary } from "./python-classes.ts";
export {
  DEFAULT_LAYOUTS,
  KEPT_FORMAT,
  type DumpCounts,
  type DumpLayout,
  type DumpWarning,
  type DumpWarningCode,
  type KeptGrant,
  type KeptItem,
  type KeptNode,
  type KeptSessionNode,
  type KeptToken,
  type PythonDumpKept,
} from "./python-dump-types.ts";
