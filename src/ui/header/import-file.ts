import { detectPythonDump } from "../../interop/index.ts";
import { readStateFileText } from "../../persistence/index.ts";
import { toFailure, type AppStore } from "../../store/index.ts";
import { openPythonDumpText } from "../python-dump/open-python-dump.ts";

function measure(name: string, start: number, detail: Record<string, unknown>): void {
  try {
    performance.measure(name, { start, end: performance.now(), detail });
  } catch {
    // No User Timing Level 3.
  }
}

/**
 * Imports a picked or dropped file as a new workspace: a Python `SessionManager.dump()` of
 * idpy-oidc or oidc-op through interop, anything else as a playground state file. Never
 * overwrites the open workspace; failures are shown with their problems.
 */
export async function importFile(store: AppStore, file: Blob & { name?: string }): Promise<boolean> {
  const s = store.getState();
  let text: string;
  const started = performance.now();
  try {
    text = await readStateFileText(file);
    measure("import:read", started, { bytes: file.size });
  } catch (e) {
    s.setFailure(toFailure(e));
    return false;
  }
  if (!looksLikeStateFile(text) && detectPythonDump(text)) return openPythonDumpText(store, text, file.name);
  return s.importStateText(text);
}

/**
 * True when the text opens as a playground state file does (its `format` comes first in every
 * export). Such a file is not a Python dump, so it is not parsed a second time to find out:
 * on a 45 MB file that parse alone is half a second.
 */
export function looksLikeStateFile(text: string): boolean {
  return /^\s*\{\s*"format"\s*:\s*"oidc-session-playground"/.test(text.slice(0, 200));
}
