import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { selectJournal, selectOpen, selectTimeTravelStep } from "../../store/index.ts";
import { usePanelOpen } from "../panel-open.ts";
import { useAppStore, useStoreApi } from "../store-context.tsx";
import { summariseEntry, summaryText, type EntrySummary } from "./summarise-entry.ts";
import "./timeline.css";

const ROW_HEIGHT = 28;
// Each step shown is a replay of the journal up to it: on long journals, a held arrow key moves the
// cursor at once and the state follows when the key rests.
const LONG_JOURNAL = 1000;
const SETTLE_MS = 150;

/** "Viewing step k of n (read only)" while a past step is shown, else "Now: after step n". */
export function stepLabel(step: number | null, length: number): string {
  return step === null ? `Now: after step ${length} of ${length}` : `Viewing step ${step} of ${length} (read only)`;
}

function EntryRow({ summary }: { summary: EntrySummary }) {
  return (
    <>
      <span className="tl-seq">{summary.seq}</span>
      {summary.error ? (
        <span className="tl-mark tl-mark-error" aria-hidden="true" title="Refused">
          ✕
        </span>
      ) : (
        <span className="tl-mark" aria-hidden="true">
          ✓
        </span>
      )}
      <span className="tl-title">{summary.title}</span>
      {summary.args && <span className="tl-args">{summary.args}</span>}
      {summary.error ? (
        <span className="tl-error" title={summary.error.message}>
          refused: <code>{summary.error.code}</code>
        </span>
      ) : (
        <span className="tl-result">{summary.result}</span>
      )}
      <span className="tl-at">{summary.at}</span>
    </>
  );
}

/**
 * The journal as a timeline: one option per entry, with its arguments, its result or its error
 * code. The selected option is the step shown (time travel; the present is the last entry).
 * Arrow keys step back and forward; "Back to now" returns; "Fork from here" copies the first k
 * entries into a new workspace.
 */
export function Timeline() {
  const store = useStoreApi();
  const journal = useAppStore(selectJournal);
  const step = useAppStore(selectTimeTravelStep);
  const length = journal.length;
  const shown = step ?? length;
  const workspace = useAppStore(selectOpen)?.workspace;
  // Where a library profile did what the playground would not, the step says so.
  const notes = workspace && shown > 0 ? workspace.notesAt(shown) : [];
  const listId = useId();
  const headingId = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  const settle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const active = cursor ?? shown;
  // On a short window the list starts folded: the bar (where you are, step buttons) stays.
  const [listOpen, setListOpen] = usePanelOpen("timeline", () => typeof window === "undefined" || window.innerHeight >= 800);

  // Summaries are made for the options in view only, once per journal version.
  const summaryOf = useMemo(() => {
    const cache = new Map<number, EntrySummary>();
    return (seq: number): EntrySummary => {
      let s = cache.get(seq);
      if (!s) {
        s = summariseEntry(journal[seq - 1]);
        cache.set(seq, s);
      }
      return s;
    };
  }, [journal]);

  // Option 0 is the state before the first step; option k the state after entry k.
  const virtualizer = useVirtualizer({ count: length + 1, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });

  // In the next frame: reading the list's scroll size inside the commit of a click would force a
  // layout of the whole page (with the graph change just made) before it is painted anyway.
  useEffect(() => {
    const frame = requestAnimationFrame(() => virtualizer.scrollToIndex(active, { align: "auto" }));
    return () => cancelAnimationFrame(frame);
  }, [active, virtualizer]);

  useEffect(() => () => clearTimeout(settle.current), []);

  const go = (k: number, now = false) => {
    const target = Math.max(0, Math.min(length, k));
    clearTimeout(settle.current);
    if (length > LONG_JOURNAL && !now) {
      setCursor(target);
      settle.current = setTimeout(() => {
        setCursor(null);
        store.getState().setTimeTravelStep(target >= length ? null : target);
      }, SETTLE_MS);
      return;
    }
    setCursor(null);
    store.getState().setTimeTravelStep(target >= length ? null : target);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowUp: -1, ArrowLeft: -1, ArrowDown: 1, ArrowRight: 1, PageUp: -10, PageDown: 10 };
    if (e.key in moves) go(active + moves[e.key]);
    else if (e.key === "Home") go(0);
    else if (e.key === "End") go(length);
    else return;
    e.preventDefault();
  };

  const optionId = (k: number) => `${listId}-opt-${k}`;
  const label = stepLabel(cursor !== null ? (cursor >= length ? null : cursor) : step, length);

  return (
    <section className={`timeline${listOpen ? "" : " is-folded"}`} aria-labelledby={headingId}>
      <div className="tl-bar">
        <h2 id={headingId}>Timeline</h2>
        <p className={`tl-viewing${step !== null ? " is-past" : ""}`}>
          {label}
        </p>
        {notes.length > 0 && (
          <ul className="tl-library-notes" aria-label={`What the library did at step ${shown}`}>
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
        <div className="tl-buttons" role="group" aria-label="Time travel">
          <button type="button" onClick={() => go(active - 1, true)} disabled={active <= 0} aria-keyshortcuts="ArrowUp">
            Step back
          </button>
          <button type="button" onClick={() => go(active + 1, true)} disabled={active >= length} aria-keyshortcuts="ArrowDown">
            Step forward
          </button>
          <button type="button" onClick={() => go(length, true)} disabled={step === null && cursor === null}>
            Back to now
          </button>
          <button type="button" onClick={() => void store.getState().forkAt(shown)} title={`A new workspace with the first ${shown} entries`}>
            Fork from here
          </button>
          <button type="button" aria-expanded={listOpen} aria-controls={listId} aria-label={listOpen ? "Hide steps" : "Show steps"} onClick={() => setListOpen(!listOpen)}>
            <span aria-hidden="true">{listOpen ? "▾" : "▸"}</span> Steps
          </button>
        </div>
      </div>
      <div
        ref={scroller}
        id={listId}
        className="tl-list"
        hidden={!listOpen}
        role="listbox"
        aria-labelledby={headingId}
        aria-activedescendant={optionId(active)}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((item) => {
            const k = item.index;
            const summary = k === 0 ? null : summaryOf(k);
            const selected = k === active;
            return (
              <div
                key={k}
                id={optionId(k)}
                role="option"
                aria-selected={selected}
                aria-posinset={k + 1}
                aria-setsize={length + 1}
                aria-label={summary ? summaryText(summary) : "Start: before step 1"}
                data-seq={k}
                data-failed={summary?.error ? "true" : undefined}
                className={`tl-option${selected ? " is-selected" : ""}${summary?.error ? " is-failed" : ""}`}
                style={{ position: "absolute", top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onClick={() => go(k, true)}
              >
                {summary ? <EntryRow summary={summary} /> : <span className="tl-start">Start: before step 1 (empty state)</span>}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
