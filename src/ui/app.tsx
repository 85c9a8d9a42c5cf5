import { useEffect, useState, type DragEvent } from "react";
import { selectReady } from "../store/index.ts";
import { Banners } from "./banners.tsx";
import { ApiConsole } from "./console/api-console.tsx";
import { GraphView } from "./graph/graph-view.tsx";
import { Header } from "./header/header.tsx";
import { importFile } from "./header/import-file.ts";
import { Inspector } from "./inspector/inspector.tsx";
import { ProfilePanel } from "./profiles/profile-panel.tsx";
import { isWideWindow, usePanelOpen } from "./panel-open.ts";
import { SidePanel } from "./side-panel.tsx";
import { useAppStore, useStoreApi } from "./store-context.tsx";
import { Workbench } from "./tables/workbench.tsx";

function isEditable(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

/** The playground: header, API console (left), graph (centre), inspector (right). */
export function App() {
  const store = useStoreApi();
  const ready = useAppStore(selectReady);
  const [dragging, setDragging] = useState(false);
  // On a narrow window the console starts collapsed: the graph and the inspector come first.
  const [consoleOpen, setConsoleOpen] = usePanelOpen("console", isWideWindow);
  const [inspectorOpen, setInspectorOpen] = usePanelOpen("inspector", () => true);

  // Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z (or Ctrl+Y) undo and redo, except while typing in a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || isEditable(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === "z" && !e.shiftKey) {
        e.preventDefault();
        void store.getState().undo();
      } else if ((key === "z" && e.shiftKey) || key === "y") {
        e.preventDefault();
        void store.getState().redo();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [store]);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files?.[0];
    if (file) void importFile(store, file);
  };

  return (
    <div
      className={`app${dragging ? " is-dragging" : ""}`}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes("Files")) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <a className="skip-link" href="#graph-heading">
        Skip to the graph
      </a>
      <Header />
      <Banners />
      {!ready ? (
        <p className="loading" role="status">
          Opening your workspace…
        </p>
      ) : (
        <main className="layout">
          <SidePanel name="API console" side="left" open={consoleOpen} onOpenChange={setConsoleOpen}>
            <ApiConsole />
            <ProfilePanel />
          </SidePanel>
          <section className="graph" aria-labelledby="graph-heading">
            <h2 id="graph-heading" className="visually-hidden" tabIndex={-1}>
              Session graph
            </h2>
            <Workbench graph={<GraphView />} />
          </section>
          <SidePanel name="Inspector" side="right" open={inspectorOpen} onOpenChange={setInspectorOpen}>
            <Inspector />
          </SidePanel>
        </main>
      )}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop a state file or a Python session dump to open it as a new workspace
        </div>
      )}
    </div>
  );
}
