import { sessionIdParts, type Grant, type SessionManager } from "../../core/index.ts";
import type { NodeStatus } from "../graph/node-status.ts";
import type { GraphNodeModel, ProjectedGraph } from "../graph/project-graph.ts";

// Table rows are a projection of the same projected graph the graph view draws (which is itself a
// projection of the core state, memoised on the store's version): the tables never hold state of
// their own, and a row's `id` is the graph node id, so selecting a row selects the node.

interface RowBase {
  /** The graph node id (the store's selection). */
  id: string;
  status: NodeStatus;
  /** Every id and value of the row, lower-cased, for the global search. */
  search: string;
}

export interface UserRow extends RowBase {
  kind: "user";
  user_id: string;
  clients: number;
  revoked: boolean;
}

export interface ClientRow extends RowBase {
  kind: "client";
  user_id: string;
  client_id: string;
  /** `user;;client`. */
  client_session_id: string;
  grants: number;
  revoked: boolean;
}

export interface GrantRow extends RowBase {
  kind: "grant";
  session_id: string;
  grant_id: string;
  user_id: string;
  client_id: string;
  sub: string;
  scope: string;
  tokens: number;
  issued_at: number;
  expires_at: number;
  revoked: boolean;
}

export interface TokenRow extends RowBase {
  kind: "token";
  type: string;
  value: string;
  /** The token's own `id`. */
  token_id: string;
  session_id: string;
  based_on: string | null;
  issued_at: number;
  expires_at: number;
  used: number;
  max_usage: number | undefined;
  /** The token's own `is_active()`, which ignores its grant and client session. */
  is_active: boolean;
  /** Why the token is not usable (`tokenStatus` reasons), empty when it is. */
  reasons: readonly string[];
  warnings: readonly string[];
}

export type TableRow = UserRow | ClientRow | GrantRow | TokenRow;
export type TableLevel = TableRow["kind"];

export interface TableRows {
  now: number;
  users: UserRow[];
  clients: ClientRow[];
  grants: GrantRow[];
  tokens: TokenRow[];
}

const haystack = (...parts: (string | null | undefined)[]) => parts.filter((p): p is string => !!p).join("\n").toLowerCase();

/**
 * The four tables' rows for a projected graph, in the graph's order (users, then down each user's
 * clients, grants and tokens in insertion order). The manager is read only for what the graph
 * model does not carry (grant `issued_at` and `sub`, token ids).
 */
export function projectTableRows(graph: ProjectedGraph, manager: SessionManager): TableRows {
  const out: TableRows = { now: graph.now, users: [], clients: [], grants: [], tokens: [] };
  let grantCache: { sessionId: string; grant: Grant | undefined } | null = null;
  const grantOf = (sessionId: string): Grant | undefined => {
    if (grantCache?.sessionId !== sessionId) {
      let grant: Grant | undefined;
      try {
        grant = manager.getGrant(sessionId);
      } catch {
        grant = undefined;
      }
      grantCache = { sessionId, grant };
    }
    return grantCache.grant;
  };
  for (const node of graph.nodes) {
    switch (node.kind) {
      case "user":
        out.users.push(userRow(graph, node));
        break;
      case "client":
        out.clients.push(clientRow(graph, node));
        break;
      case "grant":
        out.grants.push(grantRow(node, grantOf(node.sessionId!)));
        break;
      case "token":
        out.tokens.push(tokenRow(node, grantOf(node.sessionId!)));
        break;
    }
  }
  return out;
}

function userRow(graph: ProjectedGraph, node: GraphNodeModel): UserRow {
  return {
    kind: "user",
    id: node.id,
    status: node.status,
    user_id: node.userId,
    clients: graph.children.get(node.id)?.length ?? 0,
    revoked: node.status === "revoked",
    search: haystack(node.userId),
  };
}

function clientRow(graph: ProjectedGraph, node: GraphNodeModel): ClientRow {
  return {
    kind: "client",
    id: node.id,
    status: node.status,
    user_id: node.userId,
    client_id: node.clientId ?? "",
    client_session_id: node.contractId,
    grants: graph.children.get(node.id)?.length ?? 0,
    revoked: node.status === "revoked",
    search: haystack(node.contractId),
  };
}

function grantRow(node: GraphNodeModel, grant: Grant | undefined): GrantRow {
  const sessionId = node.sessionId!;
  const grantId = node.grant?.id ?? sessionIdParts(sessionId).grantId;
  return {
    kind: "grant",
    id: node.id,
    status: node.status,
    session_id: sessionId,
    grant_id: grantId,
    user_id: node.userId,
    client_id: node.clientId ?? "",
    sub: grant?.sub ?? "",
    scope: (node.grant?.scope ?? []).join(" "),
    tokens: node.grant?.tokenCount ?? 0,
    issued_at: grant?.issued_at ?? 0,
    expires_at: node.grant?.expires_at ?? 0,
    revoked: grant?.revoked ?? node.status === "revoked",
    search: haystack(sessionId, grantId, grant?.sub),
  };
}

function tokenRow(node: GraphNodeModel, grant: Grant | undefined): TokenRow {
  const t = node.token!;
  const tokenId = grant?.issued_token[t.index]?.id ?? "";
  return {
    kind: "token",
    id: node.id,
    status: node.status,
    type: t.type,
    value: t.value,
    token_id: tokenId,
    session_id: node.sessionId!,
    based_on: t.based_on,
    issued_at: t.issued_at,
    expires_at: t.expires_at,
    used: t.used,
    max_usage: t.max_usage,
    is_active: t.active,
    reasons: t.reasons,
    warnings: node.warnings,
    search: haystack(t.value, tokenId, node.sessionId, t.based_on),
  };
}

const cache = new WeakMap<ProjectedGraph, TableRows>();

/** The rows for a projected graph, computed once per graph (the graph changes with the store's version). */
export function tableRowsFor(graph: ProjectedGraph, manager: SessionManager): TableRows {
  let rows = cache.get(graph);
  if (!rows) {
    rows = projectTableRows(graph, manager);
    cache.set(graph, rows);
  }
  return rows;
}
