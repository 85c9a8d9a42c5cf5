import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type CellContext,
  type Column,
  type ColumnDef,
  type ColumnFiltersState,
  type Header,
  type Table,
  type SortingState,
  type Updater,
  type VisibilityState,
} from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useCallback, useEffect, useId, useMemo, useRef, type KeyboardEvent } from "react";
import { queryRows, type RowLike } from "./row-model.ts";
import "./tables.css";

/** What a table remembers while its level is not shown: sorting, filters, search and visible columns. */
export interface TableUiState {
  sorting: SortingState;
  columnFilters: ColumnFiltersState;
  globalFilter: string;
  columnVisibility: VisibilityState;
}

export const EMPTY_TABLE_STATE: TableUiState = { sorting: [], columnFilters: [], globalFilter: "", columnVisibility: {} };

/** A select control above the table that filters one column to one value. */
export interface ColumnFilterSpec {
  columnId: string;
  label: string;
  options: { value: string; label: string }[];
}

export interface TableColumnMeta {
  /** The column whose cell is the row's select button (its text names the row). */
  isKey?: boolean;
  /** Column header in words, for the visibility checkboxes. */
  label: string;
}

export type { RowLike } from "./row-model.ts";

/** Applies a TanStack state updater (a value or a function of the previous value). */
function apply<T>(updater: Updater<T>, previous: T): T {
  return typeof updater === "function" ? (updater as (old: T) => T)(previous) : updater;
}

const ariaSort = (dir: false | "asc" | "desc"): "ascending" | "descending" | "none" => (dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none");

function HeaderCell<Row>({ header }: { header: Header<Row, unknown> }) {
  const column = header.column;
  const label = (column.columnDef.meta as TableColumnMeta | undefined)?.label ?? column.id;
  const content = header.isPlaceholder ? null : flexRender(column.columnDef.header, header.getContext());
  if (!column.getCanSort()) {
    return (
      <th scope="col" role="columnheader" style={{ width: header.getSize() }}>
        {content}
      </th>
    );
  }
  const dir = column.getIsSorted();
  return (
    <th scope="col" role="columnheader" aria-sort={ariaSort(dir)} style={{ width: header.getSize() }}>
      <button type="button" className="dt-sort" onClick={column.getToggleSortingHandler()} title={`Sort by ${label}`}>
        {content}
        <span className="dt-sort-mark" aria-hidden="true">
          {dir === "asc" ? " ▲" : dir === "desc" ? " ▼" : " ↕"}
        </span>
      </button>
    </th>
  );
}

const isKey = (c: { columnDef: { meta?: unknown } }) => (c.columnDef.meta as TableColumnMeta | undefined)?.isKey === true;

interface BodyRowProps<Row extends RowLike> {
  row: Row;
  index: number;
  start: number;
  height: number;
  columns: Column<Row, unknown>[];
  table: Table<Row>;
  selected: boolean;
  tabStop: boolean;
  onSelect: (row: Row) => void;
  onKey: (e: KeyboardEvent, index: number) => void;
}

/**
 * One body row, rendered from the column definitions' cell functions. Memoised: while scrolling,
 * only the rows that come into view render; the others just move.
 */
function BodyRowView<Row extends RowLike>({ row, index, start, height, columns, table, selected, tabStop, onSelect, onKey }: BodyRowProps<Row>) {
  return (
    <tr
      role="row"
      aria-rowindex={index + 2}
      aria-current={selected ? "true" : undefined}
      data-row-index={index}
      data-row-id={row.id}
      className={selected ? "is-selected" : undefined}
      style={{ height, transform: `translateY(${start}px)` }}
      onClick={(e) => {
        if ((e.target as HTMLElement).closest("button, a, input, select")) return;
        onSelect(row);
      }}
    >
      {columns.map((column) => {
        const value = column.accessorFn ? column.accessorFn(row, index) : undefined;
        // The part of TanStack's cell context the column definitions read.
        const context = { getValue: () => value, renderValue: () => value, row: { original: row, index, id: row.id }, column, table } as unknown as CellContext<Row, unknown>;
        const content = flexRender(column.columnDef.cell, context);
        return (
          <td key={column.id} role="cell" style={{ width: column.getSize() }}>
            {isKey(column) ? (
              <button
                type="button"
                className="dt-select"
                tabIndex={tabStop ? 0 : -1}
                aria-current={selected ? "true" : undefined}
                onClick={() => onSelect(row)}
                onKeyDown={(e) => onKey(e, index)}
              >
                {content}
              </button>
            ) : (
              content
            )}
          </td>
        );
      })}
    </tr>
  );
}

const BodyRow = memo(BodyRowView) as typeof BodyRowView;

/** TanStack holds the columns and their state; the rows never go through its row model. */
const NO_ROWS: never[] = [];

export interface DataTableProps<Row extends RowLike> {
  /** The table's accessible name (its caption). */
  label: string;
  rows: Row[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- column value types differ per column
  columns: ColumnDef<Row, any>[];
  state: TableUiState;
  onStateChange: (next: TableUiState) => void;
  filters?: ColumnFilterSpec[];
  selectedId: string | null;
  onSelect: (row: Row) => void;
  rowHeight?: number;
}

/**
 * An accessible, virtualized table: a `<table>` with `aria-rowcount` / `aria-rowindex` (only the rows
 * in view are in the DOM, positioned in a tall body, so no layout of the rows out of view), sortable
 * headers as buttons with `aria-sort`, labelled filters and search, column visibility, and row
 * selection through a button in the key column (arrow keys move the selection). TanStack Table
 * holds the columns and their state (sorting, filters, search, visibility); the rows it is given
 * are those in view, after `queryRows` sorted and filtered the whole projection (see there why).
 * The table owns no data: rows come from the projection of the core state.
 */
export function DataTable<Row extends RowLike>({ label, rows, columns, state, onStateChange, filters = [], selectedId, onSelect, rowHeight = 40 }: DataTableProps<Row>) {
  const ids = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const latest = useRef(state);
  latest.current = state;
  const update = (patch: Partial<TableUiState>) => onStateChange({ ...latest.current, ...patch });

  const shownRows = useMemo(
    () => queryRows(rows, columns, { sorting: state.sorting, columnFilters: state.columnFilters, globalFilter: state.globalFilter }),
    [rows, columns, state.sorting, state.columnFilters, state.globalFilter],
  );
  const virtualizer = useVirtualizer({ count: shownRows.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 8 });
  const items = virtualizer.getVirtualItems();
  const first = items.length ? items[0].index : 0;
  const last = items.length ? items[items.length - 1].index : -1;

  const table = useReactTable<Row>({
    data: NO_ROWS,
    columns,
    state: { sorting: state.sorting, columnFilters: state.columnFilters, globalFilter: state.globalFilter, columnVisibility: state.columnVisibility },
    onSortingChange: (u) => update({ sorting: apply(u, latest.current.sorting) }),
    onColumnFiltersChange: (u) => update({ columnFilters: apply(u, latest.current.columnFilters) }),
    onGlobalFilterChange: (u) => update({ globalFilter: apply(u, latest.current.globalFilter) }),
    onColumnVisibilityChange: (u) => update({ columnVisibility: apply(u, latest.current.columnVisibility) }),
    getRowId: (row) => row.id,
    // Sorting and filtering are done by queryRows over every row.
    manualSorting: true,
    manualFiltering: true,
    autoResetPageIndex: false,
    autoResetExpanded: false,
    sortDescFirst: false,
    getCoreRowModel: getCoreRowModel(),
  });
  const visibleColumns = table.getVisibleLeafColumns();

  // A selection made elsewhere (the graph) scrolls its row into view.
  const selectedIndex = useMemo(() => (selectedId === null ? -1 : shownRows.findIndex((r) => r.id === selectedId)), [shownRows, selectedId]);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: "auto" });
  }, [selectedIndex, virtualizer]);

  // The focusable select button: the selected row's when it is in view, else the first one in view.
  const tabStop = selectedIndex >= first && selectedIndex <= last ? selectedIndex : first;

  const focusRow = (index: number) => {
    virtualizer.scrollToIndex(index, { align: "auto" });
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLButtonElement>(`tr[data-row-index="${index}"] .dt-select`)?.focus());
  };

  // Stable callbacks, so the memoised rows do not re-render for a new closure.
  const latestRows = useRef({ shownRows, onSelect });
  latestRows.current = { shownRows, onSelect };
  const select = useCallback((row: Row) => latestRows.current.onSelect(row), []);
  const onRowKey = useCallback((e: KeyboardEvent, index: number) => {
    const { shownRows, onSelect } = latestRows.current;
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
    let next: number;
    if (e.key in moves) next = index + moves[e.key];
    else if (e.key === "Home" && e.ctrlKey) next = 0;
    else if (e.key === "End" && e.ctrlKey) next = shownRows.length - 1;
    else return;
    e.preventDefault();
    next = Math.max(0, Math.min(shownRows.length - 1, next));
    onSelect(shownRows[next]);
    focusRow(next);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- focusRow reads refs only
  }, []);

  const filterValue = (columnId: string) => (state.columnFilters.find((f) => f.id === columnId)?.value as string | undefined) ?? "";
  const setFilter = (columnId: string, value: string) =>
    update({ columnFilters: [...state.columnFilters.filter((f) => f.id !== columnId), ...(value ? [{ id: columnId, value }] : [])] });

  const total = rows.length;
  const captionId = `${ids}-caption`;
  const width = table.getTotalSize();

  return (
    <div className="dt">
      <div className="dt-controls">
        <div className="dt-control">
          <label htmlFor={`${ids}-search`}>Search by id or value</label>
          <input
            id={`${ids}-search`}
            type="search"
            value={state.globalFilter}
            onChange={(e) => update({ globalFilter: e.target.value })}
            placeholder="any id or value"
            spellCheck={false}
            autoComplete="off"
          />
        </div>
        {filters.map((f) => (
          <div className="dt-control" key={f.columnId}>
            <label htmlFor={`${ids}-filter-${f.columnId}`}>{f.label}</label>
            <select id={`${ids}-filter-${f.columnId}`} value={filterValue(f.columnId)} onChange={(e) => setFilter(f.columnId, e.target.value)}>
              <option value="">All</option>
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        ))}
        <details className="dt-columns">
          <summary>Columns</summary>
          <fieldset>
            <legend>Visible columns</legend>
            {table
              .getAllLeafColumns()
              .filter((c) => c.getCanHide())
              .map((c) => (
                <label key={c.id}>
                  <input type="checkbox" checked={c.getIsVisible()} onChange={c.getToggleVisibilityHandler()} /> {(c.columnDef.meta as TableColumnMeta | undefined)?.label ?? c.id}
                </label>
              ))}
          </fieldset>
        </details>
        <p className="dt-count" role="status" aria-live="polite">
          {shownRows.length === total ? `${total} ${total === 1 ? "row" : "rows"}` : `${shownRows.length} of ${total} rows`}
        </p>
      </div>
      <div ref={scroller} className="dt-scroll">
        {/* Explicit roles: the grid layout below must not cost the table its semantics. */}
        <table role="table" className="dt-table" aria-labelledby={captionId} aria-rowcount={shownRows.length + 1} style={{ width }}>
          <caption id={captionId} className="visually-hidden">
            {label}
          </caption>
          <thead role="rowgroup">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} role="row" aria-rowindex={1}>
                {group.headers.map((header) => (
                  <HeaderCell key={header.id} header={header} />
                ))}
              </tr>
            ))}
          </thead>
          <tbody role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = shownRows[item.index];
              return (
                <BodyRow
                  key={row.id}
                  row={row}
                  index={item.index}
                  start={item.start}
                  height={rowHeight}
                  columns={visibleColumns}
                  table={table}
                  selected={row.id === selectedId}
                  tabStop={item.index === tabStop}
                  onSelect={select}
                  onKey={onRowKey}
                />
              );
            })}
          </tbody>
        </table>
        {shownRows.length === 0 && <p className="dt-empty">{total === 0 ? "Nothing here yet." : "No row matches the search and filters."}</p>}
      </div>
    </div>
  );
}
