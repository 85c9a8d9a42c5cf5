import type { Problem } from "../core/index.ts";
import type { JournalEntry, OperationName, WorkspaceSettings } from "../ops/index.ts";
import type { OpenWorkspace, PersistStatus, WorkspaceMeta, WorkspaceRepository } from "../persistence/types.ts";

/** What happened to the last operation issued from one place in the UI (a console form, the inspector). */
export type Outcome =
  | { ok: true; seq: number; op: OperationName; result: unknown }
  | {
      ok: false;
      seq?: number;
      op?: string;
      code: string;
      message: string;
      /** `MintingNotAllowed.reason`: grant_inactive, not_supported or token_inactive. */
      reason?: string;
      /** `InvalidArgument` / `InvalidStateFile` problems, each with its path. */
      problems?: Problem[];
    };

/** The latest change to the document, so views can react to it (animate a revocation, pan to a new node). */
export interface LastChange {
  /** Increases with every change. */
  id: number;
  kind: "apply" | "undo" | "redo" | "open" | "reload";
  entry?: JournalEntry;
}

/** A failure that is not an operation's refusal: storage, import, share link. */
export interface Failure {
  code: string;
  message: string;
  problems?: Problem[];
}

export interface DocumentSlice {
  repository: WorkspaceRepository;
  storage: PersistStatus;
  ready: boolean;
  workspaces: WorkspaceMeta[];
  open: OpenWorkspace | null;
  /** Journal entries of the open workspace. */
  journalLength: number;
  /** Entries that Redo would bring back. */
  redoLength: number;
  /** Bumped on every document change, so selectors can memoise on it. */
  version: number;
  lastChange: LastChange | null;
  failure: Failure | null;
  /** Something to tell the user that is not an error (an import's warnings, a copied link). */
  notice: string | null;
  /** What the page is busy with that can take seconds (importing a large file, opening a workspace), or null. */
  busy: string | null;
}

export interface SelectionFill {
  userId?: string;
  clientId?: string;
  /** 3-part session id (grant or token selected). */
  sessionId?: string;
  /** `user;;client` (client session selected). */
  clientSessionId?: string;
  /** Token value (token selected). */
  value?: string;
}

/** A revocation wave being drawn: nodes turn revoked level by level. Never changes state. */
export interface RevocationAnimation {
  id: number;
  /** Graph node ids per level, in breadth-first order. */
  levels: string[][];
  /** Levels already shown in their final state. */
  shown: number;
  /** What each animated node looked like before, shown until its level is reached. */
  before: Record<string, { status: string; warnings: string[] }>;
}

/**
 * What a table shows besides its rows: sorting, filters, search and visible columns (TanStack
 * Table's state, as plain data). Kept in the store so it survives leaving the Tables tab.
 */
export interface TableView {
  sorting: { id: string; desc: boolean }[];
  columnFilters: { id: string; value: unknown }[];
  globalFilter: string;
  columnVisibility: Record<string, boolean>;
}

export interface ViewSlice {
  selectedNodeId: string | null;
  viewport: { x: number; y: number; zoom: number } | null;
  collapsed: readonly string[];
  openPanels: readonly string[];
  consoleOp: OperationName;
  /** Console field texts the user typed or a selection filled: op → field → text. */
  drafts: Record<string, Record<string, string>>;
  /** Last outcome per origin ("console:mintToken", "inspector", "clock"). */
  outcomes: Record<string, Outcome>;
  animation: RevocationAnimation | null;
  /** Journal step shown instead of the present (time travel), or null. */
  timeTravelStep: number | null;
  /** The centre view: the session graph or the tables. Kept when another workspace opens. */
  activeTab: "graph" | "tables";
  /** The guided scenario whose explanation panel is open for the open workspace, or null. */
  scenarioGuide: string | null;
  /** The table level on screen in the Tables tab ("user", "client", "grant", "token"). Kept when another workspace opens. */
  tableLevel: string;
  /** Per table level, what the user set (absent: the table's defaults). Kept when another workspace opens. */
  tableViews: Readonly<Record<string, TableView>>;
}

export interface Actions {
  init(): Promise<void>;
  applyOperation(operation: { op: OperationName; args: unknown }, origin?: string): Promise<JournalEntry | undefined>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  createWorkspace(name?: string, settings?: WorkspaceSettings): Promise<void>;
  openWorkspace(id: string): Promise<void>;
  renameWorkspace(id: string, name: string): Promise<void>;
  deleteWorkspace(id: string): Promise<void>;
  forkAt(step: number): Promise<void>;
  importStateText(text: string): Promise<boolean>;
  importWorkspace(workspace: import("../ops/index.ts").Workspace, notice?: string): Promise<boolean>;
  /** The open workspace's state file, as the browser downloads it. */
  exportState(): Promise<{ fileName: string; blob: Blob } | null>;
  dismissFailure(): void;
  setNotice(text: string | null): void;
  setFailure(failure: Failure | null): void;
  /** Asks the browser again for persistent storage; `storage.persisted` holds the answer. */
  requestPersistentStorage(): Promise<void>;

  select(nodeId: string | null, fill?: SelectionFill): void;
  setViewport(viewport: { x: number; y: number; zoom: number }): void;
  toggleCollapsed(nodeId: string): void;
  togglePanel(name: string): void;
  setConsoleOp(op: OperationName): void;
  setDraft(op: string, field: string, text: string): void;
  resetDrafts(op: string): void;
  setTimeTravelStep(step: number | null): void;
  setActiveTab(tab: ViewSlice["activeTab"]): void;
  setTableLevel(level: string): void;
  setTableView(level: string, view: TableView): void;
  setScenarioGuide(scenarioId: string | null): void;
  startAnimation(levels: string[][], before: RevocationAnimation["before"]): void;
  stepAnimation(id: number): void;
  stopAnimation(): void;
}

export type AppState = DocumentSlice & ViewSlice & Actions;
