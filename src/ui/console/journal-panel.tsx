import type { JournalEntry } from "../../ops/index.ts";
import { selectJournal, selectOpenPanels, selectTimeTravelStep } from "../../store/index.ts";
import { formatTime, shortId } from "../format.ts";
import { useAppStore, useStoreApi } from "../store-context.tsx";

const SHOWN = 200;

function summary(e: JournalEntry): string {
  const args = e.operation.args as Record<string, unknown>;
  const what = typeof args.type === "string" ? ` ${args.type}` : typeof args.seconds === "number" ? ` +${args.seconds}s` : "";
  if ("error" in e) return `${e.operation.op}${what}: refused (${e.error.code})`;
  const r = e.result as Record<string, unknown>;
  const out = typeof r.value === "string" ? ` → ${shortId(r.value, 16)}` : typeof r.sessionId === "string" ? ` → ${shortId(r.sessionId, 24)}` : Array.isArray(r.revoked) ? ` → ${r.revoked.length} revoked` : "";
  return `${e.operation.op}${what}${out}`;
}

/** The journal: every operation with its result or refusal; any step can be shown (time travel). */
export function JournalPanel() {
  const store = useStoreApi();
  const journal = useAppStore(selectJournal);
  const step = useAppStore(selectTimeTravelStep);
  const open = useAppStore(selectOpenPanels).includes("journal");
  const from = Math.max(0, journal.length - SHOWN);
  return (
    <section className="journal" aria-labelledby="journal-heading">
      <h2 id="journal-heading">
        <button type="button" className="disclosure" aria-expanded={open} onClick={() => store.getState().togglePanel("journal")}>
          Journal ({journal.length} {journal.length === 1 ? "step" : "steps"})
        </button>
      </h2>
      {open && (
        <>
          {from > 0 && <p className="journal-more">Showing the last {SHOWN} steps.</p>}
          <ul className="journal-list">
            <li>
              <button type="button" className="link" aria-current={step === 0 ? "step" : undefined} onClick={() => store.getState().setTimeTravelStep(0)}>
                Show the state before step 1
              </button>
            </li>
            {journal.slice(from).map((e) => (
              <li key={e.seq} className={"error" in e ? "journal-error" : undefined}>
                <button
                  type="button"
                  className="link"
                  aria-current={step === e.seq || (step === null && e.seq === journal.length) ? "step" : undefined}
                  title={formatTime(e.at)}
                  onClick={() => store.getState().setTimeTravelStep(e.seq)}
                >
                  {e.seq}. {summary(e)}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
