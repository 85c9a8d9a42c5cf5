import { createColumnHelper, type ColumnDef } from "@tanstack/react-table";
import { expiryText, formatDuration, formatTime } from "../format.ts";
import { NODE_STATUSES, STATUS_PRESENTATION, type NodeStatus } from "../graph/node-status.ts";
import { StatusIcon } from "../graph/status-icon.tsx";
import { tokenBadge } from "../graph/project-graph.ts";
import type { ColumnFilterSpec, TableColumnMeta } from "./data-table.tsx";
import type { ClientRow, GrantRow, TableLevel, TokenRow, UserRow } from "./table-rows.ts";

const meta = (label: string, extra: Partial<TableColumnMeta> = {}): TableColumnMeta => ({ label, ...extra });

/** "5m ago", "in 2m", "now": an instant relative to virtual now. */
export function relativeTime(at: number, now: number): string {
  if (at === now) return "now";
  return at < now ? `${formatDuration(now - at)} ago` : `in ${formatDuration(at - now)}`;
}

function TimeCell({ relative, at }: { relative: string; at: number }) {
  return (
    <span className="dt-time">
      <span>{relative}</span>
      {at ? <span className="dt-abs">{formatTime(at)}</span> : null}
    </span>
  );
}

function StatusCell({ status, reasons, warnings }: { status: NodeStatus; reasons?: readonly string[]; warnings?: readonly string[] }) {
  const p = STATUS_PRESENTATION[status];
  return (
    <span className={`dt-status status-${status}`}>
      <StatusIcon status={status} />{" "}
      {p.label}
      {reasons && reasons.length > 0 && (
        <span className="dt-reasons">
          {" — "}
          {reasons.map((r, i) => (
            <code key={r}>
              {r}
              {i < reasons.length - 1 ? ", " : ""}
            </code>
          ))}
        </span>
      )}
      {warnings?.includes("ancestor_revoked") && (
        <span className="dt-warning">
          {" · "}
          <StatusIcon status="warning" />{" "}
          <code>ancestor_revoked</code>
        </span>
      )}
    </span>
  );
}

const mono = (text: string | null | undefined) => (text ? <code className="dt-mono">{text}</code> : <span className="dt-none">—</span>);

const u = createColumnHelper<UserRow>();
const c = createColumnHelper<ClientRow>();
const g = createColumnHelper<GrantRow>();
const t = createColumnHelper<TokenRow>();

// Sorting compares raw values (ids, numbers, booleans): "basic" is the cheapest comparator, which
// matters for 100,000 rows.
const sortingFn = "basic" as const;

export function userColumns(): ColumnDef<UserRow, any>[] { // eslint-disable-line @typescript-eslint/no-explicit-any
  return [
    u.accessor("user_id", { header: "User id", cell: (x) => mono(x.getValue()), sortingFn, enableHiding: false, size: 260, meta: meta("User id", { isKey: true }) }),
    u.accessor("clients", { header: "Client sessions", sortingFn, size: 140, meta: meta("Client sessions") }),
    u.accessor("status", { header: "Status", cell: (x) => <StatusCell status={x.getValue()} />, sortingFn, filterFn: "equals", size: 260, meta: meta("Status") }),
  ];
}

export function clientColumns(): ColumnDef<ClientRow, any>[] { // eslint-disable-line @typescript-eslint/no-explicit-any
  return [
    c.accessor("client_session_id", { header: "Client session id", cell: (x) => mono(x.getValue()), sortingFn, enableHiding: false, size: 280, meta: meta("Client session id", { isKey: true }) }),
    c.accessor("user_id", { header: "User id", cell: (x) => mono(x.getValue()), sortingFn, size: 160, meta: meta("User id") }),
    c.accessor("client_id", { header: "Client id", cell: (x) => mono(x.getValue()), sortingFn, size: 160, meta: meta("Client id") }),
    c.accessor("grants", { header: "Grants", sortingFn, size: 100, meta: meta("Grants") }),
    c.accessor("status", { header: "Status", cell: (x) => <StatusCell status={x.getValue()} />, sortingFn, filterFn: "equals", size: 260, meta: meta("Status") }),
  ];
}

export function grantColumns(now: number): ColumnDef<GrantRow, any>[] { // eslint-disable-line @typescript-eslint/no-explicit-any
  return [
    g.accessor("session_id", { header: "Session id", cell: (x) => mono(x.getValue()), sortingFn, enableHiding: false, size: 320, meta: meta("Session id", { isKey: true }) }),
    g.accessor("grant_id", { header: "Grant id", cell: (x) => mono(x.getValue()), sortingFn, size: 260, meta: meta("Grant id") }),
    g.accessor("user_id", { header: "User id", cell: (x) => mono(x.getValue()), sortingFn, size: 120, meta: meta("User id") }),
    g.accessor("client_id", { header: "Client id", cell: (x) => mono(x.getValue()), sortingFn, size: 120, meta: meta("Client id") }),
    g.accessor("sub", { header: "sub", cell: (x) => mono(x.getValue()), sortingFn, size: 200, meta: meta("sub") }),
    g.accessor("scope", { header: "Scope", sortingFn, size: 140, meta: meta("Scope") }),
    g.accessor("tokens", { header: "Tokens", sortingFn, size: 80, meta: meta("Tokens") }),
    g.accessor("issued_at", { header: "Issued", cell: (x) => <TimeCell relative={relativeTime(x.getValue(), now)} at={x.getValue()} />, sortingFn, size: 190, meta: meta("Issued") }),
    g.accessor("expires_at", { header: "Expires", cell: (x) => <TimeCell relative={expiryText(x.getValue(), now)} at={x.getValue()} />, sortingFn, size: 190, meta: meta("Expires") }),
    g.accessor("status", { header: "Status", cell: (x) => <StatusCell status={x.getValue()} />, sortingFn, filterFn: "equals", size: 260, meta: meta("Status") }),
  ];
}

export function tokenColumns(now: number): ColumnDef<TokenRow, any>[] { // eslint-disable-line @typescript-eslint/no-explicit-any
  // What decides usability comes first (type, value, effective status, uses, own flag, expiry); the
  // long ids after.
  return [
    t.accessor("type", {
      header: "Type",
      cell: (x) => (
        <span className="dt-type">
          <span className="dt-badge" aria-hidden="true">
            {tokenBadge(x.getValue())}
          </span>{" "}
          {x.getValue()}
        </span>
      ),
      sortingFn,
      filterFn: "equals",
      size: 170,
      meta: meta("Type"),
    }),
    t.accessor("value", { header: "Value", cell: (x) => mono(x.getValue()), sortingFn, enableHiding: false, size: 200, meta: meta("Value", { isKey: true }) }),
    t.accessor("status", {
      header: "Effective status",
      cell: (x) => <StatusCell status={x.getValue()} reasons={x.row.original.reasons} warnings={x.row.original.warnings} />,
      sortingFn,
      filterFn: "equals",
      size: 300,
      meta: meta("Effective status"),
    }),
    t.accessor("used", {
      header: "used / max_usage",
      cell: (x) => {
        const max = x.row.original.max_usage;
        return `${x.getValue()} / ${max === undefined ? "no limit" : max}`;
      },
      sortingFn,
      size: 130,
      meta: meta("used / max_usage"),
    }),
    t.accessor("is_active", {
      header: "Own is_active",
      cell: (x) => (x.getValue() ? <span className="dt-yes"><span aria-hidden="true">✓ </span>true</span> : <span className="dt-no"><span aria-hidden="true">✕ </span>false</span>),
      sortingFn,
      size: 110,
      meta: meta("Own is_active"),
    }),
    t.accessor("expires_at", { header: "Expires", cell: (x) => <TimeCell relative={expiryText(x.getValue(), now)} at={x.getValue()} />, sortingFn, size: 180, meta: meta("Expires") }),
    t.accessor("issued_at", { header: "Issued", cell: (x) => <TimeCell relative={relativeTime(x.getValue(), now)} at={x.getValue()} />, sortingFn, size: 180, meta: meta("Issued") }),
    // A token minted from nothing sorts as "" (first), never as null, which compares with nothing.
    t.accessor((r) => r.based_on ?? "", { id: "based_on", header: "based_on", cell: (x) => mono(x.getValue() || null), sortingFn, size: 200, meta: meta("based_on") }),
    t.accessor("session_id", { header: "Session id", cell: (x) => mono(x.getValue()), sortingFn, size: 240, meta: meta("Session id") }),
    t.accessor("token_id", { header: "Token id", cell: (x) => mono(x.getValue()), sortingFn, size: 260, meta: meta("Token id") }),
  ];
}

/** Columns hidden until asked for (wide ids that the search finds anyway). */
export const HIDDEN_BY_DEFAULT: Record<TableLevel, Record<string, boolean>> = {
  user: {},
  client: {},
  grant: { grant_id: false },
  token: { token_id: false },
};

const STATUS_OPTIONS = NODE_STATUSES.map((s) => ({ value: s, label: STATUS_PRESENTATION[s].label }));

/** The per-column filters above a level's table: status everywhere, and the token type for tokens. */
export function filtersFor(level: TableLevel, tokenTypes: readonly string[]): ColumnFilterSpec[] {
  const status: ColumnFilterSpec = { columnId: "status", label: "Filter by status", options: STATUS_OPTIONS };
  if (level !== "token") return [status];
  return [{ columnId: "type", label: "Filter by type", options: tokenTypes.map((x) => ({ value: x, label: x })) }, status];
}
