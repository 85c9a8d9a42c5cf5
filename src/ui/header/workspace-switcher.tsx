import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { selectWorkspaceId, selectWorkspaces } from "../../store/index.ts";
import { plural } from "../format.ts";
import { useAppStore, useStoreApi } from "../store-context.tsx";

/** Pick, create, rename and delete (after confirming) workspaces. */
export function WorkspaceSwitcher() {
  const store = useStoreApi();
  const workspaces = useAppStore(selectWorkspaces);
  const currentId = useAppStore(selectWorkspaceId);
  const current = workspaces.find((w) => w.id === currentId);
  const [mode, setMode] = useState<"idle" | "rename" | "delete">("idle");
  const [name, setName] = useState("");
  const selectId = useId();
  const nameId = useId();
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (mode === "delete" && !d.open) d.showModal?.();
    if (mode !== "delete" && d.open) d.close();
  }, [mode]);

  const rename = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (currentId && trimmed) void store.getState().renameWorkspace(currentId, trimmed);
    setMode("idle");
  };

  return (
    <div className="workspace-switcher" role="group" aria-label="Workspaces">
      <label htmlFor={selectId}>Workspace</label>
      <select id={selectId} value={currentId ?? ""} onChange={(e) => void store.getState().openWorkspace(e.target.value)}>
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name} ({plural(w.length, "step")})
          </option>
        ))}
      </select>
      {/* Short words in the compact header; the names say what they act on. */}
      <button type="button" onClick={() => void store.getState().createWorkspace()} aria-label="New workspace">
        New
      </button>
      <button
        type="button"
        onClick={() => {
          setName(current?.name ?? "");
          setMode("rename");
        }}
        disabled={!current}
        aria-label="Rename workspace"
      >
        Rename
      </button>
      <button type="button" onClick={() => setMode("delete")} disabled={!current} aria-label="Delete workspace">
        Delete
      </button>
      {mode === "rename" && (
        <form className="rename-form" onSubmit={rename}>
          <label htmlFor={nameId}>New name</label>
          <input id={nameId} value={name} maxLength={200} autoFocus onChange={(e) => setName(e.target.value)} />
          <button type="submit">Save name</button>
          <button type="button" onClick={() => setMode("idle")}>
            Cancel
          </button>
        </form>
      )}
      <dialog ref={dialog} className="confirm-dialog" aria-labelledby={`${nameId}-confirm`} onClose={() => setMode("idle")}>
        <h2 id={`${nameId}-confirm`}>Delete workspace “{current?.name}”?</h2>
        <p>Its journal and state are removed from this browser. Export it first if you may need it again.</p>
        <div className="dialog-buttons">
          <button
            type="button"
            className="danger"
            onClick={() => {
              if (currentId) void store.getState().deleteWorkspace(currentId);
              setMode("idle");
            }}
          >
            Delete
          </button>
          <button type="button" autoFocus onClick={() => setMode("idle")}>
            Cancel
          </button>
        </div>
      </dialog>
    </div>
  );
}
