import { useEffect, useId, useMemo, useRef, type KeyboardEvent } from "react";
import { selectSelectedNodeId, selectTableLevel, selectTableViews } from "../../store/index.ts";
import { selectionFill } from "../graph/graph-view.tsx";
import { selectGraph, selectShownManager } from "../graph/graph-selectors.ts";
import { useAppStore, useStoreApi } from "../store-context.tsx";
import { clientColumns, filtersFor, grantColumns, HIDDEN_BY_DEFAULT, tokenColumns, userColumns } from "./columns.tsx";
import { DataTable, EMPTY_TABLE_STATE, type TableUiState } from "./data-table.tsx";
import { tableRowsFor, type TableLevel, type TableRow } from "./table-rows.ts";

export const LEVELS: readonly { level: TableLevel; label: string }[] = [
  { level: "user", label: "User sessions" },
  { level: "client", label: "Client sessions" },
  { level: "grant", label: "Grants" },
  { level: "token", label: "Tokens" },
];

const KIND_BY_PREFIX: Record<string, TableLevel> = { u: "user", c: "client", g: "grant", t: "token" };

/** The level of a graph node id (graph ids are kind-prefixed: `u:`, `c:`, `g:`, `t:`). */
export function levelOf(nodeId: string | null): TableLevel | null {
  return nodeId ? (KIND_BY_PREFIX[nodeId.slice(0, nodeId.indexOf(":"))] ?? null) : null;
}

const INITIAL_STATES: Record<TableLevel, TableUiState> = {
  user: { ...EMPTY_TABLE_STATE, columnVisibility: HIDDEN_BY_DEFAULT.user },
  client: { ...EMPTY_TABLE_STATE, columnVisibility: HIDDEN_BY_DEFAULT.client },
  grant: { ...EMPTY_TABLE_STATE, columnVisibility: HIDDEN_BY_DEFAULT.grant },
  token: { ...EMPTY_TABLE_STATE, columnVisibility: HIDDEN_BY_DEFAULT.token },
};

const isLevel = (level: string): level is TableLevel => LEVELS.some((l) => l.level === level);

/**
 * One table per level: user sessions, client sessions, grants and tokens, for the state shown
 * (the present, or the step being viewed). Selecting a row selects the same node as the graph
 * does; a node selected elsewhere opens its level and scrolls to its row.
 */
export function TablesView() {
  const store = useStoreApi();
  const graph = useAppStore(selectGraph);
  const manager = useAppStore(selectShownManager);
  const selectedId = useAppStore(selectSelectedNodeId);
  // Level, sorting, filters and columns live in the store's view state, so they are as the user
  // left them after a visit to the graph.
  const storedLevel = useAppStore(selectTableLevel);
  const level: TableLevel = isLevel(storedLevel) ? storedLevel : "token";
  const setLevel = (l: TableLevel) => store.getState().setTableLevel(l);
  const views = useAppStore(selectTableViews);
  const ids = useId();
  const tabRefs = useRef(new Map<TableLevel, HTMLButtonElement>());

  useEffect(() => {
    const l = levelOf(selectedId);
    if (l) store.getState().setTableLevel(l);
  }, [selectedId, store]);

  const rows = graph && manager ? tableRowsFor(graph, manager) : null;
  const now = rows?.now ?? 0;
  const tokenTypes = useMemo(() => [...new Set(rows?.tokens.map((r) => r.type) ?? [])].sort(), [rows]);
  const columns = useMemo(
    () => ({ user: userColumns(), client: clientColumns(), grant: grantColumns(now), token: tokenColumns(now) }),
    [now],
  );

  const onSelect = (row: TableRow) => {
    const node = graph?.byId.get(row.id);
    if (node) store.getState().select(row.id, selectionFill(node));
  };

  const count: Record<TableLevel, number> = { user: rows?.users.length ?? 0, client: rows?.clients.length ?? 0, grant: rows?.grants.length ?? 0, token: rows?.tokens.length ?? 0 };

  const onTabKey = (e: KeyboardEvent, index: number) => {
    const delta = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    let next = index + delta;
    if (e.key === "Home") next = 0;
    else if (e.key === "End") next = LEVELS.length - 1;
    else if (!delta) return;
    e.preventDefault();
    next = (next + LEVELS.length) % LEVELS.length;
    setLevel(LEVELS[next].level);
    tabRefs.current.get(LEVELS[next].level)?.focus();
  };

  const setState = (next: TableUiState) => store.getState().setTableView(level, next);
  const common = { state: (views[level] as TableUiState | undefined) ?? INITIAL_STATES[level], onStateChange: setState, selectedId, filters: filtersFor(level, tokenTypes) };
  const label = LEVELS.find((l) => l.level === level)!.label;

  return (
    <div className="tables">
      <div className="tables-levels" role="tablist" aria-label="Table level">
        {LEVELS.map((l, i) => (
          <button
            key={l.level}
            ref={(el) => {
              if (el) tabRefs.current.set(l.level, el);
            }}
            type="button"
            role="tab"
            id={`${ids}-tab-${l.level}`}
            aria-selected={level === l.level}
            aria-controls={`${ids}-panel`}
            tabIndex={level === l.level ? 0 : -1}
            onClick={() => setLevel(l.level)}
            onKeyDown={(e) => onTabKey(e, i)}
          >
            {l.label} <span className="tables-count">({count[l.level]})</span>
          </button>
        ))}
      </div>
      <div className="tables-panel" role="tabpanel" id={`${ids}-panel`} aria-labelledby={`${ids}-tab-${level}`}>
        {!rows ? null : level === "user" ? (
          <DataTable key="user" label={label} rows={rows.users} columns={columns.user} onSelect={onSelect} {...common} />
        ) : level === "client" ? (
          <DataTable key="client" label={label} rows={rows.clients} columns={columns.client} onSelect={onSelect} {...common} />
        ) : level === "grant" ? (
          <DataTable key="grant" label={label} rows={rows.grants} columns={columns.grant} onSelect={onSelect} {...common} />
        ) : (
          <DataTable key="token" label={label} rows={rows.tokens} columns={columns.token} onSelect={onSelect} {...common} rowHeight={44} />
        )}
      </div>
    </div>
  );
}
