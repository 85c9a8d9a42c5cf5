import { useEffect, useId, useRef, useState } from "react";
import { formatSize, storageEstimate } from "../../persistence/index.ts";
import type { PersistStatus } from "../../persistence/types.ts";
import { selectOpen, selectStorage } from "../../store/index.ts";
import { closeDialog, openDialog } from "../dialog.ts";
import { useAppStore, useStoreApi } from "../store-context.tsx";

/** What the storage status means for the user's work, in words. */
export function storageText(status: PersistStatus): { where: string; persistence: string } {
  if (status.backend === "memory") {
    return { where: `Memory only: nothing is saved in this browser. ${status.reason ?? ""}`.trim(), persistence: "Not asked: there is no database to keep." };
  }
  const where = "Saved in this browser (IndexedDB): every operation is written before it is shown.";
  if (status.persisted === true) return { where, persistence: "Granted: the browser will not clear the saved workspaces when disk space runs low." };
  if (status.persisted === false) {
    return { where, persistence: "Not granted: the browser may clear the saved workspaces when disk space runs low. Export the ones you need to keep." };
  }
  return { where, persistence: "Unknown: this browser cannot be asked (it has no navigator.storage.persist)." };
}

/**
 * "Settings": where work is saved, whether the browser granted persistent storage (with a button
 * to ask again), how much the site stores, and the open workspace's seed, start time and
 * settings, which make its journal replay the same everywhere.
 */
export function SettingsDialog() {
  const store = useStoreApi();
  const status = useAppStore(selectStorage);
  const open = useAppStore(selectOpen);
  const dialog = useRef<HTMLDialogElement>(null);
  const ids = useId();
  const [shown, setShown] = useState(false);
  const [usage, setUsage] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);

  useEffect(() => {
    if (!shown) return;
    let live = true;
    void storageEstimate().then((e) => {
      if (live) setUsage(e ? `${formatSize(e.usage)} of the ${formatSize(e.quota)} this browser allows this site` : null);
    });
    return () => {
      live = false;
    };
  }, [shown, status]);

  const text = storageText(status);
  const workspace = open?.workspace;
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setShown(true);
          openDialog(dialog.current);
        }}
      >
        Settings
      </button>
      <dialog ref={dialog} className="confirm-dialog settings-dialog" aria-labelledby={`${ids}-title`} onClose={() => setShown(false)}>
        <h2 id={`${ids}-title`}>Settings</h2>
        <dl className="settings-list">
          <dt>Storage</dt>
          <dd>{text.where}</dd>
          <dt>Persistent storage</dt>
          <dd>
            {text.persistence}{" "}
            {status.backend === "indexeddb" && status.persisted !== true && (
              <button
                type="button"
                disabled={asking}
                onClick={() => {
                  setAsking(true);
                  void store
                    .getState()
                    .requestPersistentStorage()
                    .finally(() => setAsking(false));
                }}
              >
                Ask for persistent storage
              </button>
            )}
          </dd>
          {usage && (
            <>
              <dt>Space used</dt>
              <dd>{usage}</dd>
            </>
          )}
          {workspace && (
            <>
              <dt>Workspace seed</dt>
              <dd>
                <code>{workspace.seed}</code>
              </dd>
              <dt>Start time (virtual clock)</dt>
              <dd>
                <code>{workspace.start_time}</code> ({new Date(workspace.start_time * 1000).toISOString()})
              </dd>
              <dt>Workspace settings</dt>
              <dd>
                {/* Focusable, so a long one can be scrolled from the keyboard. */}
                <pre className="settings-json" tabIndex={0} role="region" aria-label="Workspace settings as JSON">
                  {JSON.stringify(workspace.settings, null, 2)}
                </pre>
              </dd>
            </>
          )}
        </dl>
        <div className="dialog-buttons">
          <button type="button" onClick={() => closeDialog(dialog.current)}>
            Close
          </button>
        </div>
      </dialog>
    </>
  );
}
