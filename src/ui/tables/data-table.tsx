import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnFiltersState,
  type FilterFn,
  type Header,
  type SortingState,
  type Updater,
  type VisibilityState,
} from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useId, useRef, type KeyboardEvent } from "react";
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

export interface RowLike {
  id: string;
  search: string;
}

/** Global search: every id and value of the row, case-insensitive, substring. */
export function searchRows<Row extends RowLike>(): FilterFn<Row> {
  return (row, _columnId, filterValue) => {
    const q = String(filterValue ?? "").trim().toLowerCase();
    return !q || row.original.search.includes(q);
  };
}

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
 * An accessible, virtualized table: a real `<table>` with `aria-rowcount` / `aria-rowindex` (only the
 * rows in view are in the DOM), sortable headers as buttons with `aria-sort`, labelled filters and
 * search, column visibility, and row selection through a button in the key column (arrow keys move
 * the selection). The table owns no data: rows come from the projection of the core state.
 */
export function DataTable<Row extends RowLike>({ label, rows, columns, state, onStateChange, filters = [], selectedId, onSelect, rowHeight = 40 }: DataTableProps<Row>) {
  const ids = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const latest = useRef(state);
  latest.current = state;
  const update = (patch: Partial<TableUiState>) => onStateChange({ ...latest.current, ...patch });

  const isKey = (c: { columnDef: { meta?: unknown } }) => (c.columnDef.meta as TableColumnMeta | undefined)?.isKey === true;

  const table = useReactTable<Row>({
    data: rows,
    columns,
    state: { sorting: state.sorting, columnFilters: state.columnFilters, globalFilter: state.globalFilter, columnVisibility: state.columnVisibility },
    onSortingChange: (u) => update({ sorting: apply(u, latest.current.sorting) }),
    onColumnFiltersChange: (u) => update({ columnFilters: apply(u, latest.current.columnFilters) }),
    onGlobalFilterChange: (u) => update({ globalFilter: apply(u, latest.current.globalFilter) }),
    onColumnVisibilityChange: (u) => update({ columnVisibility: apply(u, latest.current.columnVisibility) }),
    getRowId: (row) => row.id,
    // One call per row: the row's own haystack holds every id, whichever column asks.
    globalFilterFn: searchRows<Row>(),
    getColumnCanGlobalFilter: isKey,
    sortDescFirst: false,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });

  const shownRows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({ count: shownRows.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 10 });
  const items = virtualizer.getVirtualItems();
  const visibleColumns = table.getVisibleLeafColumns();
  const paddingTop = items.length ? items[0].start : 0;
  const paddingBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;

  // A selection made elsewhere (the graph) scrolls its row into view.
  const selectedIndex = selectedId === null ? -1 : shownRows.findIndex((r) => r.id === selectedId);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: "auto" });
  }, [selectedIndex, virtualizer]);

  // The focusable select button: the selected row's when it is in view, else the first one in view.
  const tabStop = items.some((i) => i.index === selectedIndex) ? selectedIndex : (items[0]?.index ?? -1);

  const focusRow = (index: number) => {
    virtualizer.scrollToIndex(index, { align: "auto" });
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLButtonElement>(`tr[data-row-index="${index}"] .dt-select`)?.focus());
  };

  const onRowKey = (e: KeyboardEvent, index: number) => {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
    let next: number;
    if (e.key in moves) next = index + moves[e.key];
    else if (e.key === "Home" && e.ctrlKey) next = 0;
    else if (e.key === "End" && e.ctrlKey) next = shownRows.length - 1;
    else return;
    e.preventDefault();
    next = Math.max(0, Math.min(shownRows.length - 1, next));
    onSelect(shownRows[next].original);
    focusRow(next);
  };

  const filterValue = (columnId: string) => (state.columnFilters.find((f) => f.id === columnId)?.value as string | undefined) ?? "";
  const setFilter = (columnId: string, value: string) =>
    update({ columnFilters: [...state.columnFilters.filter((f) => f.id !== columnId), ...(value ? [{ id: columnId, value }] : [])] });

  const total = rows.length;
  const captionId = `${ids}-caption`;

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
      <div ref={scroller} className="dt-scroll" data-testid={`${label} scroller`}>
        <table className="dt-table" aria-labelledby={captionId} aria-rowcount={shownRows.length + 1} style={{ width: table.getTotalSize() }}>
          <caption id={captionId} className="visually-hidden">
            {label}
          </caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} aria-rowindex={1}>
                {group.headers.map((header) => (
                  <HeaderCell key={header.id} header={header} />
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {paddingTop > 0 && (
              <tr aria-hidden="true" className="dt-pad">
                <td colSpan={visibleColumns.length} style={{ height: paddingTop }} />
              </tr>
            )}
            {items.map((item) => {
              const row = shownRows[item.index];
              const selected = row.id === selectedId;
              return (
                <tr
                  key={row.id}
                  aria-rowindex={item.index + 2}
                  aria-current={selected ? "true" : undefined}
                  data-row-index={item.index}
                  data-row-id={row.id}
                  className={selected ? "is-selected" : undefined}
                  style={{ height: rowHeight }}
                  onClick={(e) => {
                    if ((e.target as HTMLElement).closest("button, a, input, select")) return;
                    onSelect(row.original);
                  }}
                >
                  {row.getVisibleCells().map((cell) => {
                    const content = flexRender(cell.column.columnDef.cell, cell.getContext());
                    return (
                      <td key={cell.id}>
                        {isKey(cell.column) ? (
                          <button
                            type="button"
                            className="dt-select"
                            tabIndex={item.index === tabStop ? 0 : -1}
                            aria-current={selected ? "true" : undefined}
                            onClick={() => onSelect(row.original)}
                            onKeyDown={(e) => onRowKey(e, item.index)}
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
            })}
            {paddingBottom > 0 && (
              <tr aria-hidden="true" className="dt-pad">
                <td colSpan={visibleColumns.length} style={{ height: paddingBottom }} />
              </tr>
            )}
          </tbody>
        </table>
        {shownRows.length === 0 && <p className="dt-empty">{total === 0 ? "Nothing here yet." : "No row matches the search and filters."}</p>}
      </div>
    </div>
  );
}
