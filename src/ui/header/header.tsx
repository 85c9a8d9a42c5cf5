import { useRef, useState } from "react";
import { offerShareLink } from "../../persistence/index.ts";
import { selectCanRedo, selectCanUndo, selectOpen } from "../../store/index.ts";
import { useAppStore, useStoreApi } from "../store-context.tsx";
import { downloadBlob } from "../python-dump/download-text.ts";
import { PythonDumpActions } from "../python-dump/python-dump-actions.tsx";
import { exportNotice } from "./export-notice.ts";
import { importFile } from "./import-file.ts";
import { SettingsDialog } from "./settings-dialog.tsx";
import { ShareLinkPrompt } from "./share-link-prompt.tsx";
import { VirtualClock } from "./virtual-clock.tsx";
import { WorkspaceSwitcher } from "./workspace-switcher.tsx";

/** Workspace switcher, virtual clock, Undo/Redo, Export/Import/Share link. */
export function Header() {
  const store = useStoreApi();
  const canUndo = useAppStore(selectCanUndo);
  const canRedo = useAppStore(selectCanRedo);
  const open = useAppStore(selectOpen);
  const fileInput = useRef<HTMLInputElement>(null);
  const [share, setShare] = useState<{ url: string; copied: boolean } | null>(null);

  const exportState = async () => {
    const file = await store.getState().exportState();
    if (!file) return;
    const notice = exportNotice(file.fileName, downloadBlob(file.fileName, file.blob));
    if (notice) store.getState().setNotice(notice);
  };

  const shareLink = async () => {
    if (!open) return;
    const offer = offerShareLink(open.workspace);
    if (!offer.ok) {
      setShare(null);
      store.getState().setFailure({ code: offer.error.code, message: offer.error.message });
      return;
    }
    const url = `${location.href.split("#")[0]}#${offer.fragment}`;
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      // No clipboard permission: the link is shown to copy by hand.
    }
    setShare({ url, copied });
  };

  return (
    <header className="app-header">
      <h1>OIDC Session Playground</h1>
      <WorkspaceSwitcher />
      {/* Ordered to wrap into two rows at 1280 px: workspace, history and files; then the clock and Python dumps. */}
      <div className="header-actions" role="group" aria-label="History and files">
        <button type="button" onClick={() => void store.getState().undo()} disabled={!canUndo} aria-keyshortcuts="Control+Z">
          Undo
        </button>
        <button type="button" onClick={() => void store.getState().redo()} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z">
          Redo
        </button>
        <button type="button" onClick={exportState}>
          Export
        </button>
        <button type="button" onClick={() => fileInput.current?.click()}>
          Import
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file) void importFile(store, file);
          }}
        />
        <button type="button" onClick={() => void shareLink()}>
          Share link
        </button>
        <SettingsDialog />
      </div>
      <VirtualClock />
      <div className="header-actions" role="group" aria-label="Python session dumps">
        <PythonDumpActions onFile={(file) => void importFile(store, file)} />
      </div>
      {share && (
        <div className="share-panel" role="status">
          <label>
            {share.copied ? "Link copied. " : "Copy this link: "}
            <input type="text" readOnly value={share.url} onFocus={(e) => e.target.select()} aria-label="Shareable link to this workspace" />
          </label>
          <button type="button" onClick={() => setShare(null)}>
            Close
          </button>
        </div>
      )}
      <ShareLinkPrompt />
    </header>
  );
}
