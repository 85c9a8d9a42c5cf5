// What changed between two states (two steps of a journal, a fork and its origin, or one journal
// under two library profiles): nodes added or removed, and per node the fields a reader cares about.
import { sessionKey, unpackSessionKey } from "../core/index.ts";
import type { ManagerSnapshot, NodeJSON } from "../core/index.ts";

export type DiffNodeKind = "user" | "client" | "grant" | "token";

export interface FieldChange {
  field: "status" | "used" | "revoked" | "expires_at" | "scope" | "subordinate";
  from: unknown;
  to: unknown;
}

export interface StateChange {
  /** The node's key in B's terms: `user`, `user;;client`, `user;;client;;grant`, or that plus `#value` (and `~n` for the n-th token of a repeated value). */
  key: string;
  node: DiffNodeKind;
  change: "added" | "removed" | "changed";
  fields: FieldChange[];
}

type TokenJSON = Extract<NodeJSON, { type: "grant" }>["issued_token"][number];

/** A token's status at `now`, in the words the inspector uses. */
export function tokenStatusWord(t: TokenJSON, now: number): "active" | "revoked" | "used up" | "expired" | "not yet valid" {
  if (t.revoked) return "revoked";
  if (typeof t.usage_rules.max_usage === "number" && t.used >= t.usage_rules.max_usage) return "used up";
  if (t.not_before && now < t.not_before) return "not yet valid";
  if (t.expires_at && now > t.expires_at) return "expired";
  return "active";
}

function grantStatusWord(g: Extract<NodeJSON, { type: "grant" }>, now: number): "active" | "revoked" | "expired" {
  if (g.revoked) return "revoked";
  if (g.expires_at && now > g.expires_at) return "expired";
  return "active";
}

interface Flat {
  node: DiffNodeKind;
  fields: Record<FieldChange["field"], unknown>;
}

function flatten(s: ManagerSnapshot, grantIds: ReadonlyMap<string, string>): Map<string, Flat> {
  const now = s.clock?.now ?? 0;
  const out = new Map<string, Flat>();
  for (const [rawKey, n] of Object.entries(s.db)) {
    const parts = unpackSessionKey(rawKey);
    if (parts.length === 3) parts[2] = grantIds.get(parts[2]!) ?? parts[2]!;
    const key = sessionKey(...parts);
    if (n.type === "UserSessionInfo" || n.type === "ClientSessionInfo") {
      out.set(key, { node: n.type === "UserSessionInfo" ? "user" : "client", fields: { revoked: n.revoked, status: n.revoked ? "revoked" : "active" } as Flat["fields"] });
      continue;
    }
    out.set(key, { node: "grant", fields: { status: grantStatusWord(n, now), revoked: n.revoked, used: n.used, expires_at: n.expires_at, scope: n.scope } as Flat["fields"] });
    const seen = new Map<string, number>();
    for (const t of n.issued_token) {
      const k = seen.get(t.value) ?? 0;
      seen.set(t.value, k + 1);
      out.set(`${key}#${t.value}${k ? `~${k}` : ""}`, {
        node: "token",
        fields: { status: tokenStatusWord(t, now), used: t.used, revoked: t.revoked, expires_at: t.expires_at } as Flat["fields"],
      });
    }
  }
  return out;
}

/**
 * The changes from state `a` to state `b`. `grantIds` maps A's grant ids to B's, for states whose
 * grants were made with different ids (one journal replayed under two profiles).
 */
export function diffStates(a: ManagerSnapshot, b: ManagerSnapshot, options: { grantIds?: ReadonlyMap<string, string> } = {}): StateChange[] {
  const fa = flatten(a, options.grantIds ?? new Map());
  const fb = flatten(b, new Map());
  const changes: StateChange[] = [];
  for (const [key, x] of fa) {
    const y = fb.get(key);
    if (!y) {
      changes.push({ key, node: x.node, change: "removed", fields: [] });
      continue;
    }
    const fields: FieldChange[] = [];
    for (const f of Object.keys(x.fields) as FieldChange["field"][]) {
      if (JSON.stringify(x.fields[f]) !== JSON.stringify(y.fields[f])) fields.push({ field: f, from: x.fields[f], to: y.fields[f] });
    }
    if (fields.length) changes.push({ key, node: x.node, change: "changed", fields });
  }
  for (const [key, y] of fb) if (!fa.has(key)) changes.push({ key, node: y.node, change: "added", fields: [] });
  return changes;
}

/** One change in words: "at_3… (token): active → revoked". */
export function describeChange(c: StateChange): string {
  const name = c.node === "token" ? c.key.slice(c.key.indexOf("#") + 1) : c.key;
  if (c.change !== "changed") return `${name} (${c.node}) ${c.change}`;
  return `${name} (${c.node}): ${c.fields.map((f) => `${f.field} ${JSON.stringify(f.from)} → ${JSON.stringify(f.to)}`).join(", ")}`;
}
