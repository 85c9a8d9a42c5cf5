import type { StateCreator } from "zustand";
import { OPERATION_NAMES, type OperationName } from "../ops/index.ts";
import type { AppState, SelectionFill, ViewSlice } from "./types.ts";

type ViewActions = Pick<
  AppState,
  | "select"
  | "setViewport"
  | "toggleCollapsed"
  | "togglePanel"
  | "setConsoleOp"
  | "setDraft"
  | "resetDrafts"
  | "setTimeTravelStep"
  | "setActiveTab"
  | "setTableLevel"
  | "setTableView"
  | "setScenarioGuide"
  | "startAnimation"
  | "stepAnimation"
  | "stopAnimation"
>;

export const initialViewState: ViewSlice = {
  selectedNodeId: null,
  viewport: null,
  collapsed: [],
  openPanels: [],
  consoleOp: "createSession",
  drafts: {},
  outcomes: {},
  animation: null,
  timeTravelStep: null,
  activeTab: "graph",
  scenarioGuide: null,
  tableLevel: "token",
  tableViews: {},
};

type Fill = (fill: SelectionFill) => Record<string, string | undefined>;

const ofUserAndClient: Fill = (f) => ({ userId: f.userId, clientId: f.clientId });
const ofGrant: Fill = (f) => ({ sessionId: f.sessionId });
const ofToken: Fill = (f) => ({ sessionId: f.sessionId, value: f.value });
const nothing: Fill = () => ({});

/**
 * The console fields a selection fills, per operation (a field left undefined keeps its draft):
 * the session id where an operation takes one (the client session's 2-part id for
 * revokeClientSession when a client is selected), the token value where an operation acts on a
 * token, `basedOn` for minting from it, and the user and client ids.
 */
const FILLS: Record<OperationName, Fill> = {
  createSession: ofUserAndClient,
  addGrant: ofUserAndClient,
  // Selecting a grant clears basedOn: mint in the grant, from no token.
  mintToken: (f) => ({ sessionId: f.sessionId, basedOn: f.value ?? (f.sessionId !== undefined ? "" : undefined) }),
  registerUsage: ofToken,
  revokeToken: ofToken,
  revokeGrant: ofGrant,
  revokeClientSession: (f) => ({ sessionId: f.sessionId ?? f.clientSessionId }),
  removeSession: ofGrant,
  advanceClock: nothing,
  setClock: nothing,
  importState: nothing,
};

/** The console drafts with a selection filled in, for every operation (see `FILLS`). */
export function fillDrafts(drafts: ViewSlice["drafts"], fill: SelectionFill): ViewSlice["drafts"] {
  const out: ViewSlice["drafts"] = { ...drafts };
  for (const op of OPERATION_NAMES) {
    const next: Record<string, string> = { ...(out[op] ?? {}) };
    for (const [field, text] of Object.entries(FILLS[op](fill))) if (text !== undefined) next[field] = text;
    out[op] = next;
  }
  return out;
}

let animationIds = 0;

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice & ViewActions> = (set, get) => ({
  ...initialViewState,

  select(nodeId, fill) {
    set((s) => ({ selectedNodeId: nodeId, drafts: fill ? fillDrafts(s.drafts, fill) : s.drafts }));
  },
  setViewport(viewport) {
    set({ viewport });
  },
  toggleCollapsed(nodeId) {
    set((s) => ({ collapsed: s.collapsed.includes(nodeId) ? s.collapsed.filter((id) => id !== nodeId) : [...s.collapsed, nodeId] }));
  },
  togglePanel(name) {
    set((s) => ({ openPanels: s.openPanels.includes(name) ? s.openPanels.filter((p) => p !== name) : [...s.openPanels, name] }));
  },
  setConsoleOp(op) {
    set({ consoleOp: op });
  },
  setDraft(op, field, text) {
    set((s) => ({ drafts: { ...s.drafts, [op]: { ...(s.drafts[op] ?? {}), [field]: text } } }));
  },
  resetDrafts(op) {
    set((s) => {
      const drafts = { ...s.drafts };
      delete drafts[op];
      return { drafts };
    });
  },
  setTimeTravelStep(step) {
    const length = get().journalLength;
    set({ timeTravelStep: step === null || step >= length ? null : Math.max(0, Math.floor(step)), animation: null, outcomes: {} });
  },
  setActiveTab(tab) {
    set({ activeTab: tab });
  },
  setTableLevel(level) {
    set({ tableLevel: level });
  },
  setTableView(level, view) {
    set((s) => ({ tableViews: { ...s.tableViews, [level]: view } }));
  },
  setScenarioGuide(scenarioId) {
    set({ scenarioGuide: scenarioId });
  },
  startAnimation(levels, before) {
    // The first level (what the user acted on) is final at once; one level needs no animation.
    set({ animation: levels.length > 1 ? { id: ++animationIds, levels, shown: 1, before } : null });
  },
  stepAnimation(id) {
    const a = get().animation;
    if (!a || a.id !== id) return;
    set({ animation: a.shown + 1 >= a.levels.length ? null : { ...a, shown: a.shown + 1 } });
  },
  stopAnimation() {
    set({ animation: null });
  },
});
