import { lazy, Suspense, useId, useRef, type KeyboardEvent, type ReactNode } from "react";
import { selectActiveTab, selectJournalLength, selectTimeTravelStep, type AppState } from "../../store/index.ts";
import { useAppStore, useStoreApi } from "../store-context.tsx";
import { Timeline } from "../timeline/timeline.tsx";
// The styles of the lazily loaded parts stay in the first screen's CSS, in the order they had: the
// workbench's own layout is in tables.css, and the buttons of the gallery and export show at once.
import "../export/export.css";
import "../scenarios/scenarios.css";
import "./tables.css";

// Loaded after the first screen, each in a chunk of its own (the initial JS stays small): the tables
// (TanStack Table and Virtual), code export, and the scenarios with their journals.
const TablesView = lazy(() => import("./tables-view.tsx").then((m) => ({ default: m.TablesView })));
const CopyCode = lazy(() => import("../export/copy-code.tsx").then((m) => ({ default: m.CopyCode })));
const ScenarioGallery = lazy(() => import("../scenarios/scenario-gallery.tsx").then((m) => ({ default: m.ScenarioGallery })));
const ScenarioGuide = lazy(() => import("../scenarios/scenario-guide.tsx").then((m) => ({ default: m.ScenarioGuide })));

const TABS: readonly { tab: AppState["activeTab"]; label: string }[] = [
  { tab: "graph", label: "Graph" },
  { tab: "tables", label: "Tables" },
];

/**
 * The centre of the page: the Graph and Tables tabs over the state shown, the scenario explanation,
 * and the timeline. While a past step is shown, both views say so ("Viewing step k of n") and are
 * read only.
 */
export function Workbench({ graph }: { graph: ReactNode }) {
  const store = useStoreApi();
  const tab = useAppStore(selectActiveTab);
  const step = useAppStore(selectTimeTravelStep);
  const length = useAppStore(selectJournalLength);
  const ids = useId();
  const tabRefs = useRef(new Map<string, HTMLButtonElement>());
  const markerId = `${ids}-viewing`;

  const onTabKey = (e: KeyboardEvent, index: number) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft" && e.key !== "Home" && e.key !== "End") return;
    e.preventDefault();
    const next = e.key === "Home" ? 0 : e.key === "End" ? TABS.length - 1 : (index + (e.key === "ArrowRight" ? 1 : -1) + TABS.length) % TABS.length;
    store.getState().setActiveTab(TABS[next].tab);
    tabRefs.current.get(TABS[next].tab)?.focus();
  };

  return (
    <div className="workbench">
      <div className="wb-bar">
        <div className="wb-tabs" role="tablist" aria-label="View">
          {TABS.map((t, i) => (
            <button
              key={t.tab}
              ref={(el) => {
                if (el) tabRefs.current.set(t.tab, el);
              }}
              type="button"
              role="tab"
              id={`${ids}-tab-${t.tab}`}
              aria-selected={tab === t.tab}
              aria-controls={`${ids}-panel`}
              tabIndex={tab === t.tab ? 0 : -1}
              onClick={() => store.getState().setActiveTab(t.tab)}
              onKeyDown={(e) => onTabKey(e, i)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <div className="wb-actions">
          <Suspense fallback={null}>
            <ScenarioGallery />
            <CopyCode />
          </Suspense>
        </div>
      </div>
      <Suspense fallback={null}>
        <ScenarioGuide />
      </Suspense>
      <div
        className={`wb-panel${step !== null ? " is-past" : ""}`}
        role="tabpanel"
        id={`${ids}-panel`}
        aria-labelledby={`${ids}-tab-${tab}`}
        aria-describedby={step !== null ? markerId : undefined}
        data-viewing-step={step ?? undefined}
      >
        {step !== null && (
          <p id={markerId} className="wb-viewing">
            <span aria-hidden="true">◀ </span>
            Viewing step {step} of {length} <span className="wb-readonly">(read only)</span>
          </p>
        )}
        {tab === "graph" ? (
          graph
        ) : (
          <Suspense fallback={<p className="wb-loading">Loading the tables…</p>}>
            <TablesView />
          </Suspense>
        )}
      </div>
      <Timeline />
    </div>
  );
}
