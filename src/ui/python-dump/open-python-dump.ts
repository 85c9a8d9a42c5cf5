import { importPythonDump } from "../../interop/index.ts";
import { toFailure, type AppStore } from "../../store/index.ts";
import { rememberDumpReport } from "./dump-report.ts";

/**
 * Opens the text of a Python `SessionManager.dump()` (idpy-oidc or oidc-op) as a new workspace.
 * What the dump said (library, version guessed, warnings) is shown by the dump panel from then on;
 * what it held beyond the session state travels in the journal's import entry. A dump that cannot
 * be read is refused with its problems and changes nothing.
 */
export async function openPythonDumpText(store: AppStore, text: string, fileName?: string): Promise<boolean> {
  const s = store.getState();
  let imported;
  try {
    const name = fileName?.replace(/\.json$/i, "").trim();
    imported = importPythonDump(text, name ? { name } : {});
  } catch (e) {
    s.setFailure(toFailure(e));
    return false;
  }
  rememberDumpReport(imported);
  return s.importWorkspace(imported.workspace);
}
