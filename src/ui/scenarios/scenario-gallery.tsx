import { useId, useMemo, useRef, useState } from "react";
import { listScenarios } from "../../scenarios/index.ts";
import { openScenario } from "./open-scenario.ts";
import { useStoreApi } from "../store-context.tsx";
import "./scenarios.css";
import { closeDialog, openDialog } from "../dialog.ts";

/**
 * "Scenarios": a dialog listing every guided scenario. Loading one imports its journal as a new
 * workspace (the open one is never touched) and opens the explanation panel at step 1.
 */
export function ScenarioGallery() {
  const store = useStoreApi();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [loading, setLoading] = useState<string | null>(null);
  const headingId = useId();
  // Built on first open: each scenario is replayed once to produce its steps.
  const scenarios = useMemo(() => (open ? listScenarios() : []), [open]);

  const show = () => {
    setOpen(true);
    openDialog(dialog.current);
  };
  const close = () => {
    closeDialog(dialog.current);
    setOpen(false);
  };

  const load = async (id: string, title: string) => {
    setLoading(id);
    try {
      if (await openScenario(store, id, title)) close();
    } finally {
      setLoading(null);
    }
  };

  return (
    <>
      <button type="button" onClick={show} aria-haspopup="dialog">
        Scenarios
      </button>
      <dialog ref={dialog} className="gallery" aria-labelledby={headingId} onClose={() => setOpen(false)}>
        <div className="gallery-head">
          <h2 id={headingId}>Guided scenarios</h2>
          <button type="button" onClick={close}>
            Close
          </button>
        </div>
        <p className="gallery-intro">Each scenario opens as a new workspace, with an explanation that walks through it step by step on the timeline.</p>
        <ul className="gallery-list">
          {scenarios.map((s) => (
            <li key={s.id}>
              <article aria-labelledby={`${headingId}-${s.id}`} className="gallery-card">
                <h3 id={`${headingId}-${s.id}`}>{s.title}</h3>
                <p>{s.summary}</p>
                <p className="gallery-steps">{s.steps.length} steps</p>
                <button type="button" className="primary" disabled={loading !== null} onClick={() => void load(s.id, s.title)}>
                  {loading === s.id ? "Loading…" : "Load scenario"}
                </button>
              </article>
            </li>
          ))}
        </ul>
      </dialog>
    </>
  );
}
