import { useMemo, useState } from "react";
import { listScenarios } from "../../scenarios/index.ts";
import { useStoreApi } from "../store-context.tsx";
import { openScenario } from "./open-scenario.ts";

/** How many scenarios the empty graph offers; the gallery ("Scenarios") has them all. */
const OFFERED = 3;

/**
 * What an empty workspace shows in place of the graph (on a first visit, the only thing there is):
 * where to start, the first guided scenarios with “Authorization code flow” first, and the
 * console for building a session by hand. Never modal: everything else stays usable.
 */
export function StartHere() {
  const store = useStoreApi();
  const scenarios = useMemo(() => listScenarios().slice(0, OFFERED), []);
  const [loading, setLoading] = useState<string | null>(null);
  const open = async (id: string, title: string) => {
    setLoading(id);
    try {
      await openScenario(store, id, title);
    } finally {
      setLoading(null);
    }
  };
  return (
    <div className="graph-empty start-here">
      <h3>No sessions yet.</h3>
      <p>
        <strong>Start with a guided scenario.</strong> Each one opens as a new workspace and explains every step, on the graph and on the timeline.
      </p>
      <ol className="start-list">
        {scenarios.map((s, i) => (
          <li key={s.id}>
            <button type="button" className={i === 0 ? "primary" : undefined} disabled={loading !== null} onClick={() => void open(s.id, s.title)}>
              {loading === s.id ? "Loading…" : `Open “${s.title}”`}
            </button>
            <span className="start-summary">{s.summary}</span>
          </li>
        ))}
      </ol>
      <p>More in “Scenarios” above the graph. Or build a session by hand: “Create session” in the API console.</p>
    </div>
  );
}
