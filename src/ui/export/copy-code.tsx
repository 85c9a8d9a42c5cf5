import { useId, useRef, useState } from "react";
import { toPython, toTypeScript, type PythonTarget } from "../../export/index.ts";
import type { Workspace } from "../../ops/index.ts";
import { getScenario } from "../../scenarios/index.ts";
import { toFailure, type AppState } from "../../store/index.ts";
import { plural } from "../format.ts";
import { useAppStore, useStoreApi } from "../store-context.tsx";
import { copyText } from "./copy-text.ts";
import "./export.css";
import { closeDialog, openDialog } from "../dialog.ts";

type Language = "TypeScript" | "Python";

/** The workspace to export: the whole journal, or its first k entries while step k is viewed. */
function exportedWorkspace(s: AppState): { workspace: Workspace; steps: number; partial: boolean } | null {
  const open = s.open;
  if (!open) return null;
  const all = open.workspace;
  if (s.timeTravelStep === null) return { workspace: all, steps: all.journal.length, partial: false };
  return { workspace: all.fork(s.timeTravelStep, all.name), steps: s.timeTravelStep, partial: true };
}

/** A scenario's explanations as comments on the steps, when its guide is open. */
function stepNotes(s: AppState): string[] | undefined {
  if (!s.scenarioGuide) return undefined;
  try {
    const notes: string[] = [];
    for (const step of getScenario(s.scenarioGuide).steps) notes[step.seq - 1] = step.explanation;
    return notes;
  } catch {
    return undefined;
  }
}

/**
 * "Copy as TypeScript" (a snippet replaying the journal with this library's API) and "Copy as
 * Python" (the same calls against the reference Python API, as a pytest). The text goes to the
 * clipboard; where the clipboard is unavailable it is shown in a read-only text box to copy by hand.
 */
/** Which state is shown: the workspace, its version (any change, undo, import) and the step viewed. */
const shownStateKey = (s: AppState) => `${s.open?.meta.id ?? ""}|${s.version}|${s.timeTravelStep ?? "now"}`;

export function CopyCode() {
  const store = useStoreApi();
  const ids = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  // A message belongs to the state it copied: another workspace, step or change makes it stale.
  const stateKey = useAppStore(shownStateKey);
  const [said, setSaid] = useState({ text: "", key: "" });
  const message = said.key === stateKey ? said.text : "";
  const setMessage = (text: string) => setSaid({ text, key: shownStateKey(store.getState()) });
  const [fallback, setFallback] = useState<{ language: Language; text: string } | null>(null);
  // A workspace under a library profile is written for that library; the user can still pick the other.
  const semantics = useAppStore((s) => s.open?.workspace.semantics ?? "playground");
  const [picked, setTarget] = useState<{ target: PythonTarget; for: string } | null>(null);
  const target: PythonTarget = picked?.for === semantics ? picked.target : semantics === "oidc-op-2.4" ? "oidc-op" : "idpy-oidc";

  const copy = async (language: Language) => {
    const s = store.getState();
    const picked = exportedWorkspace(s);
    if (!picked) return;
    let text: string;
    try {
      const notes = stepNotes(s);
      text = language === "TypeScript" ? toTypeScript(picked.workspace, { stepNotes: notes }) : toPython(picked.workspace, { target, stepNotes: notes });
    } catch (e) {
      s.setFailure(toFailure(e));
      return;
    }
    const what = `${language === "Python" ? `Python (${target})` : "TypeScript"} replay of ${plural(picked.steps, "step")}${picked.partial ? ` (up to the step viewed)` : ""}`;
    if (await copyText(text)) {
      setFallback(null);
      setMessage(`Copied the ${what} to the clipboard.`);
      return;
    }
    setMessage(`The clipboard is not available: the ${what} is shown to copy by hand.`);
    setFallback({ language, text });
    openDialog(dialog.current);
  };

  const close = () => {
    closeDialog(dialog.current);
    setFallback(null);
  };

  return (
    <div className="copy-code" role="group" aria-label="Export as code">
      <button type="button" onClick={() => void copy("TypeScript")}>
        Copy as TypeScript
      </button>
      <button type="button" onClick={() => void copy("Python")}>
        Copy as Python
      </button>
      <label className="copy-target">
        <span className="visually-hidden">Python library</span>
        <select value={target} onChange={(e) => setTarget({ target: e.target.value as PythonTarget, for: semantics })}>
          <option value="idpy-oidc">idpy-oidc</option>
          <option value="oidc-op">oidc-op</option>
        </select>
      </label>
      <p className="copy-message" role="status" aria-live="polite">
        {message}
      </p>
      <dialog ref={dialog} className="copy-dialog" aria-labelledby={`${ids}-title`} onClose={() => setFallback(null)}>
        <h2 id={`${ids}-title`}>{fallback?.language ?? "Code"} replay</h2>
        <p>The clipboard is not available here. Select the text below and copy it.</p>
        <textarea
          readOnly
          aria-label={`${fallback?.language ?? "Code"} code`}
          value={fallback?.text ?? ""}
          rows={18}
          spellCheck={false}
          onFocus={(e) => e.target.select()}
        />
        <div className="dialog-buttons">
          <button type="button" onClick={close}>
            Close
          </button>
        </div>
      </dialog>
    </div>
  );
}
