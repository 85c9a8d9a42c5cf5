import { useEffect, useRef, useState } from "react";
import { exportPythonDump, PYTHON_LIBRARIES, type PythonLibrary } from "../../interop/index.ts";
import { toFailure, type AppStore } from "../../store/index.ts";
import { useStoreApi } from "../store-context.tsx";
import { dumpFileName } from "./dump-file-name.ts";
import { downloadText } from "./download-text.ts";

/** Writes the open workspace as `flavour`'s `SessionManager.dump()` and downloads `<name>.<flavour>.dump.json`. */
export function exportPythonDumpFile(store: AppStore, flavour: PythonLibrary): boolean {
  const s = store.getState();
  const open = s.open;
  if (!open) return false;
  try {
    downloadText(dumpFileName(open.workspace.name, flavour), exportPythonDump(open.workspace, flavour));
    return true;
  } catch (e) {
    s.setFailure(toFailure(e));
    return false;
  }
}

/**
 * "Open Python dump" (a file picker) and "Export Python dump" (idpy-oidc or oidc-op), for the
 * header beside Import and Export. `onFile` is the header's import, which tells a dump from a
 * state file by its content, as a drop onto the page does.
 */
export function PythonDumpActions({ onFile }: { onFile: (file: File) => void }) {
  const store = useStoreApi();
  const input = useRef<HTMLInputElement>(null);
  const [menu, setMenu] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!menu) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !menuRef.current?.contains(e.target as Node)) setMenu(false);
    };
    document.addEventListener("keydown", close);
    document.addEventListener("pointerdown", close);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("pointerdown", close);
    };
  }, [menu]);

  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        Open Python dump
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label="Python session dump file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (file) onFile(file);
        }}
      />
      <div className="dump-export" ref={menuRef}>
        <button type="button" aria-expanded={menu} aria-controls={menu ? "dump-export-choices" : undefined} onClick={() => setMenu((m) => !m)}>
          Export Python dump
        </button>
        {menu && (
          <div id="dump-export-choices" className="dump-export-choices" role="group" aria-label="Write the dump for">
            {PYTHON_LIBRARIES.map((flavour) => (
              <button
                key={flavour}
                type="button"
                onClick={() => {
                  setMenu(false);
                  exportPythonDumpFile(store, flavour);
                }}
              >
                {flavour}
              </button>
            ))}
          </div>
        )}
      </div>
    </>
  );
}
