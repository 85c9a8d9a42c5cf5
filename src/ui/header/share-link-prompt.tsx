import { useEffect, useId, useRef, useState } from "react";
import type { Workspace } from "../../ops/index.ts";
import { decodeShareLink, hasShareLink } from "../../persistence/index.ts";
import { selectReady, toFailure } from "../../store/index.ts";
import { plural } from "../format.ts";
import { useAppStore, useStoreApi } from "../store-context.tsx";

/**
 * A page opened from a share link (`#state=…`) asks before importing it: a link can come from
 * anyone, and opening it creates a workspace. The fragment is dropped at once so a reload does not
 * ask again; a damaged or oversized link is refused with the reason, and nothing is created.
 */
export function ShareLinkPrompt() {
  const store = useStoreApi();
  const ready = useAppStore(selectReady);
  const [offer, setOffer] = useState<Workspace | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const headingId = useId();

  useEffect(() => {
    if (!ready) return;
    const take = () => {
      if (!hasShareLink(location.hash)) return;
      const fragment = location.hash;
      history.replaceState(null, "", location.pathname + location.search);
      try {
        setOffer(decodeShareLink(fragment));
      } catch (e) {
        store.getState().setFailure(toFailure(e));
      }
    };
    take();
    // A link pasted into the address bar of an open tab changes only the fragment.
    window.addEventListener("hashchange", take);
    return () => window.removeEventListener("hashchange", take);
  }, [ready, store]);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (offer && !d.open) d.showModal?.();
    if (!offer && d.open) d.close();
  }, [offer]);

  const accept = () => {
    const workspace = offer;
    setOffer(null);
    if (workspace) void store.getState().importWorkspace(workspace, "Opened the workspace from the share link as a new workspace.");
  };

  return (
    <dialog ref={dialog} className="confirm-dialog" aria-labelledby={headingId} onClose={() => setOffer(null)}>
      <h2 id={headingId}>Open the shared workspace?</h2>
      {offer && (
        <p>
          This link carries the workspace “{offer.name}” ({plural(offer.journal.length, "step")}). It opens as a new workspace in this browser; your
          workspaces stay as they are.
        </p>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={accept}>
          Open as new workspace
        </button>
        <button type="button" autoFocus onClick={() => setOffer(null)}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
