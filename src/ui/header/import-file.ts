import { detectPythonDump, importPythonDump } from "../../interop/index.ts";
import { readStateFileText } from "../../persistence/index.ts";
import { toFailure, type AppStore } from "../../store/index.ts";
import { plural } from "../format.ts";

/**
 * Imports a picked or dropped file as a new workspace: a Python `SessionManager.dump()` of
 * idpy-oidc or oidc-op through interop, anything else as a playground state file. Never
 * overwrites the open workspace; failures are shown with their problems.
 */
export async function importFile(store: AppStore, file: Blob & { name?: string }): Promise<boolean> {
  const s = store.getState();
  let text: string;
  try {
    text = await readStateFileText(file);
  } catch (e) {
    s.setFailure(toFailure(e));
    return false;
  }
  if (detectPythonDump(text)) {
    try {
      const baseName = file.name?.replace(/\.json$/i, "");
      const imported = importPythonDump(text, baseName ? { name: baseName } : {});
      const c = imported.counts;
      const warnings = imported.warnings.length
        ? ` ${imported.warnings.length} warning${imported.warnings.length === 1 ? "" : "s"}: ${imported.warnings
            .slice(0, 3)
            .map((w) => `${w.path}: ${w.message}`)
            .join("; ")}${imported.warnings.length > 3 ? "; …" : ""}`
        : "";
      return await s.importWorkspace(
        imported.workspace,
        `Opened a ${imported.library} ${imported.versionGuess} session dump: ${plural(c.users, "user")}, ${plural(c.clients, "client session")}, ${plural(c.grants, "grant")}, ${plural(c.tokens, "token")}, ${c.revoked} revoked.${warnings}`,
      );
    } catch (e) {
      s.setFailure(toFailure(e));
      return false;
    }
  }
  return s.importStateText(text);
}
