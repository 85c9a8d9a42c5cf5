import { useEffect, useId, useMemo, useRef } from "react";
import { getScenario, type Scenario } from "../../scenarios/index.ts";
import { selectJournalLength, selectScenarioGuide, selectTimeTravelStep } from "../../store/index.ts";
import { shortId } from "../format.ts";
import { selectionFill } from "../graph/graph-view.tsx";
import { selectGraph } from "../graph/graph-selectors.ts";
import { usePanelOpen } from "../panel-open.ts";
import { useAppStore, useStoreApi } from "../store-context.tsx";
import { focusNodeIds, guideStep, highlightCss } from "./guide-step.ts";
import "./scenarios.css";

function loadGuide(id: string | null): Scenario | null {
  if (!id) return null;
  try {
    return getScenario(id);
  } catch {
    return null;
  }
}

/**
 * The explanation panel of a loaded scenario. It steps through the journal with the timeline
 * (the step shown is the time-travel step), says what step k does, and selects and outlines the
 * nodes it changes in the graph.
 */
export function ScenarioGuide() {
  const store = useStoreApi();
  const guideId = useAppStore(selectScenarioGuide);
  const travel = useAppStore(selectTimeTravelStep);
  const length = useAppStore(selectJournalLength);
  const graph = useAppStore(selectGraph);
  const headingId = useId();
  const scenario = useMemo(() => loadGuide(guideId), [guideId]);
  const g = scenario ? guideStep(scenario, travel, length) : null;
  const focus = useMemo(() => (g?.entry && graph ? focusNodeIds(graph, g.entry.focus) : []), [g?.entry, graph]);

  // Each new step selects the first node it changes (so the inspector explains it); other changes
  // to the graph leave the user's own selection alone.
  const selectedFor = useRef<string | null>(null);
  const stepKey = g ? `${guideId}#${g.step}` : null;
  useEffect(() => {
    if (!stepKey || selectedFor.current === stepKey) return;
    selectedFor.current = stepKey;
    const first = focus[0];
    const node = first ? graph?.byId.get(first) : undefined;
    if (node) store.getState().select(node.id, selectionFill(node));
  }, [stepKey, focus, graph, store]);

  const [textOpen, setTextOpen] = usePanelOpen("guide-text", () => true);
  if (!scenario || !g) return null;
  const go = (k: number) => store.getState().setTimeTravelStep(k >= length ? null : Math.max(0, k));
  const css = highlightCss(g.entry ? g.entry.focus.filter((f) => focus.some((id) => graph?.byId.get(id)?.contractId === f)) : []);

  return (
    <section className="guide" aria-labelledby={headingId}>
      <div className="guide-head">
        <h2 id={headingId}>Scenario: {scenario.title}</h2>
        <p className="guide-count">{g.step === 0 ? `Before step 1 of ${g.total}` : g.entry ? `Step ${g.step} of ${g.total}` : `Step ${g.step} (added after the scenario's ${g.total} steps)`}</p>
        <div className="guide-buttons" role="group" aria-label="Scenario steps">
          <button type="button" onClick={() => go(g.step - 1)} disabled={g.step <= 0}>
            Previous step
          </button>
          <button type="button" onClick={() => go(g.step + 1)} disabled={g.step >= length}>
            Next step
          </button>
          <button type="button" aria-expanded={textOpen} aria-controls={`${headingId}-body`} onClick={() => setTextOpen(!textOpen)}>
            {textOpen ? "Hide text" : "Show text"}
          </button>
          <button type="button" className="link" onClick={() => store.getState().setScenarioGuide(null)}>
            Close explanation
          </button>
        </div>
      </div>
      <div className="guide-body" id={`${headingId}-body`} aria-live="polite" hidden={!textOpen}>
        {g.step === 0 ? (
          <p>{scenario.summary} Nothing exists yet: choose “Next step” (or use the arrow keys in the timeline) to walk through it.</p>
        ) : g.entry ? (
          <>
            <p className="guide-explanation">
              {g.entry.expectError && (
                <span className="guide-refused">
                  <span aria-hidden="true">✕ </span>Refused with <code>{g.entry.expectError}</code>.{" "}
                </span>
              )}
              {g.entry.explanation}
            </p>
            {focus.length > 0 && (
              <div className="guide-focus">
                <span>Changes:</span>
                <ul>
                  {focus.map((id) => {
                    const node = graph!.byId.get(id)!;
                    return (
                      <li key={id}>
                        <button type="button" className="link" onClick={() => store.getState().select(id, selectionFill(node))} title={node.ariaLabel}>
                          {node.kind} {shortId(node.contractId, 22)}
                        </button>
                      </li>
                    );
                  })}
                </ul>
              </div>
            )}
          </>
        ) : (
          <p>This step is not part of the scenario: it was added after loading it.</p>
        )}
      </div>
      {css && <style>{css}</style>}
    </section>
  );
}
