import type { SessionManager } from "../core/index.ts";
import type { AppState } from "./types.ts";

// Selectors live at module scope so components subscribe to stable functions.

export const selectOpen = (s: AppState) => s.open;
export const selectVersion = (s: AppState) => s.version;
export const selectReady = (s: AppState) => s.ready;
export const selectWorkspaces = (s: AppState) => s.workspaces;
export const selectStorage = (s: AppState) => s.storage;
export const selectFailure = (s: AppState) => s.failure;
export const selectNotice = (s: AppState) => s.notice;
export const selectSelectedNodeId = (s: AppState) => s.selectedNodeId;
export const selectCollapsed = (s: AppState) => s.collapsed;
export const selectOpenPanels = (s: AppState) => s.openPanels;
export const selectConsoleOp = (s: AppState) => s.consoleOp;
export const selectDrafts = (s: AppState) => s.drafts;
export const selectOutcomes = (s: AppState) => s.outcomes;
export const selectAnimation = (s: AppState) => s.animation;
export const selectTimeTravelStep = (s: AppState) => s.timeTravelStep;
export const selectActiveTab = (s: AppState) => s.activeTab;
export const selectBusy = (s: AppState) => s.busy;
export const selectTableLevel = (s: AppState) => s.tableLevel;
export const selectTableViews = (s: AppState) => s.tableViews;
export const selectScenarioGuide = (s: AppState) => s.scenarioGuide;
export const selectLastChange = (s: AppState) => s.lastChange;
export const selectJournalLength = (s: AppState) => s.journalLength;
export const selectCanUndo = (s: AppState) => s.journalLength > 0;
export const selectCanRedo = (s: AppState) => s.redoLength > 0;
export const selectWorkspaceName = (s: AppState) => s.open?.meta.name ?? "";
export const selectWorkspaceId = (s: AppState) => s.open?.meta.id ?? null;

/** The live manager of the open workspace (read it; change it only through operations). */
export const selectManager = (s: AppState): SessionManager | null => s.open?.workspace.manager ?? null;

/** Virtual now of the open workspace; depends on `version`, so it is re-read after every change. */
export const selectNow = (s: AppState): number | null => (s.version >= 0 ? (s.open?.workspace.manager.clock.now() ?? null) : null);

let journalCache: { open: unknown; version: number; value: readonly import("../ops/index.ts").JournalEntry[] } | null = null;
/** The open workspace's journal as an array that changes identity with the version. */
export function selectJournal(s: AppState): readonly import("../ops/index.ts").JournalEntry[] {
  if (!s.open) return [];
  if (!journalCache || journalCache.open !== s.open || journalCache.version !== s.version) {
    journalCache = { open: s.open, version: s.version, value: [...s.open.workspace.journal] };
  }
  return journalCache.value;
}
