import { createColumnHelper, type ColumnDef } from "@tanstack/react-table";
import { describe, expect, it } from "vitest";
import { columnIdOf, queryRows } from "./row-model.ts";

interface R {
  id: string;
  search: string;
  type: string;
  used: number;
  based_on: string | null;
}
const h = createColumnHelper<R>();
const columns = [
  h.accessor("type", {}),
  h.accessor("used", {}),
  h.accessor((r) => r.based_on ?? "", { id: "based_on" }),
] as ColumnDef<R, unknown>[];
const row = (id: string, type: string, used: number, based_on: string | null = null): R => ({ id, type, used, based_on, search: `${id}\n${based_on ?? ""}`.toLowerCase() });
const rows = [row("c1", "code", 1), row("a1", "access", 0, "c1"), row("r1", "refresh", 0, "c1"), row("a2", "access", 2, "r1")];
const none = { sorting: [], columnFilters: [], globalFilter: "" };
const ids = (out: readonly R[]) => out.map((r) => r.id);

describe("queryRows", () => {
  it("returns the projection itself when nothing is sorted, filtered or searched", () => {
    expect(queryRows(rows, columns, none)).toBe(rows);
  });

  it("sorts by a column's accessor, ascending and descending, keeping ties in their order", () => {
    expect(ids(queryRows(rows, columns, { ...none, sorting: [{ id: "type", desc: false }] }))).toEqual(["a1", "a2", "c1", "r1"]);
    expect(ids(queryRows(rows, columns, { ...none, sorting: [{ id: "type", desc: true }] }))).toEqual(["r1", "c1", "a1", "a2"]);
    // An accessor function column (based_on, with "" for none).
    expect(ids(queryRows(rows, columns, { ...none, sorting: [{ id: "based_on", desc: false }] }))).toEqual(["c1", "a1", "r1", "a2"]);
  });

  it("sorts by several columns in order", () => {
    const out = queryRows(rows, columns, { ...none, sorting: [{ id: "type", desc: false }, { id: "used", desc: true }] });
    expect(ids(out)).toEqual(["a2", "a1", "c1", "r1"]);
  });

  it("filters a column to one value and searches every id, case-insensitively", () => {
    expect(ids(queryRows(rows, columns, { ...none, columnFilters: [{ id: "type", value: "access" }] }))).toEqual(["a1", "a2"]);
    expect(ids(queryRows(rows, columns, { ...none, globalFilter: " C1 " }))).toEqual(["c1", "a1", "r1"]);
    expect(ids(queryRows(rows, columns, { ...none, globalFilter: "c1", columnFilters: [{ id: "type", value: "refresh" }] }))).toEqual(["r1"]);
    expect(ids(queryRows(rows, columns, { ...none, columnFilters: [{ id: "type", value: "" }] }))).toEqual(ids(rows));
  });

  it("names columns as TanStack does: id, else accessorKey", () => {
    expect(columns.map((c) => columnIdOf(c))).toEqual(["type", "used", "based_on"]);
  });
});
