import type { PythonLibrary } from "../../interop/index.ts";
import { stateFileName } from "../../persistence/index.ts";

/** `<name>.<flavour>.dump.json`, with the name made safe for file systems as state file names are. */
export function dumpFileName(workspaceName: string, flavour: PythonLibrary): string {
  return stateFileName(workspaceName).replace(/\.oidc-session\.json$/, `.${flavour}.dump.json`);
}
