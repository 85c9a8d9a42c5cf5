/** Export as code: a workspace's journal as a runnable TypeScript snippet, or as calls against the reference Python API. */
export { DEFAULT_SRC_PATH, toTypeScript, type TypeScriptExportOptions } from "./to-typescript.ts";
export { replayForPython, toPython, type PythonExportOptions, type PythonTarget } from "./to-python.ts";
export { commentLines, pyLiteral, pyString, tsLiteral, tsString } from "./literals.ts";
