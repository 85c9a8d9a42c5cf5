import type { ColumnDef, ColumnFiltersState, SortingState } from "@tanstack/react-table";

/** What every table row has: the graph node id, and every id and value of the row lower-cased. */
export interface RowLike {
  id: string;
  search: string;
}

export interface RowQuery {
  sorting: SortingState;
  columnFilters: ColumnFiltersState;
  globalFilter: string;
}

type AnyColumn<Row> = ColumnDef<Row, unknown> & { id?: string; accessorKey?: string; accessorFn?: (row: Row, index: number) => unknown };

/** A column's id as TanStack derives it: `id`, else `accessorKey`. */
export function columnIdOf<Row>(column: ColumnDef<Row, unknown>): string | undefined {
  const c = column as AnyColumn<Row>;
  return c.id ?? c.accessorKey;
}

/** Reads a column's value from a row, the way TanStack's accessor does. */
export function columnValue<Row>(column: ColumnDef<Row, unknown>): (row: Row, index: number) => unknown {
  const c = column as AnyColumn<Row>;
  if (c.accessorFn) return c.accessorFn;
  const key = c.accessorKey;
  return (row) => (key === undefined ? undefined : (row as Record<string, unknown>)[key]);
}

/** TanStack's "basic" order: raw values compared with `<` and `>` (ids, numbers, booleans). */
function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return 1;
  if (b === undefined || b === null) return -1;
  return (a as never) > (b as never) ? 1 : (a as never) < (b as never) ? -1 : 0;
}

/**
 * The rows a table shows for its sorting, column filters (exact value) and global search (any id or
 * value, case-insensitive), in order. The table keeps TanStack's state and column definitions but
 * computes the row model itself, over plain arrays: TanStack's row model builds an object with a
 * dozen closures per row, which costs seconds and hundreds of megabytes of garbage for 100,000
 * rows on every change of the state. Sorting is stable; rows that compare equal keep their order.
 */
export function queryRows<Row extends RowLike>(rows: readonly Row[], columns: readonly ColumnDef<Row, unknown>[], query: RowQuery): readonly Row[] {
  const byId = new Map(columns.map((c) => [columnIdOf(c), c]));
  const needle = query.globalFilter.trim().toLowerCase();
  const filters = query.columnFilters
    .filter((f) => f.value !== undefined && f.value !== "" && byId.has(f.id))
    .map((f) => ({ value: f.value, read: columnValue(byId.get(f.id)!) }));

  let out: readonly Row[] = rows;
  if (needle || filters.length) {
    const kept: Row[] = [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (needle && !row.search.includes(needle)) continue;
      let ok = true;
      for (const f of filters) {
        if (f.read(row, i) !== f.value) {
          ok = false;
          break;
        }
      }
      if (ok) kept.push(row);
    }
    out = kept;
  }

  const sorts = query.sorting.filter((s) => byId.has(s.id)).map((s) => ({ desc: s.desc, read: columnValue(byId.get(s.id)!) }));
  if (!sorts.length) return out;
  // Decorate once (one accessor call per row and column), sort indexes, undecorate.
  const keys = sorts.map((s) => out.map((row, i) => s.read(row, i)));
  const order = Array.from(out, (_, i) => i);
  order.sort((a, b) => {
    for (let k = 0; k < sorts.length; k++) {
      const c = compare(keys[k][a], keys[k][b]);
      if (c) return sorts[k].desc ? -c : c;
    }
    return a - b;
  });
  return order.map((i) => out[i]);
}
