// The normalized form the oracle traces record a library's session database in
// (fixtures/oracle-traces/README.md, "Trace format"), computed from a profile's objects.
import { unpackSessionKey } from "../keys.ts";
import { truthy, PyGrant, PyNode, PyToken, type PyRecord } from "./python-objects.ts";
import { isEncryptedSessionId, type PythonSessionManager } from "./python-session-manager.ts";

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

export function tokenRecord(t: PyToken, now: number): Record<string, unknown> {
  const r: Record<string, unknown> = {
    type: t.token_class,
    value: t.value,
    based_on: t.based_on,
    revoked: t.revoked,
    used: t.used,
    issued_at: t.issued_at,
    expires_at: t.expires_at,
    not_before: t.not_before,
    usage_rules: clone(t.usage_rules),
    scope: clone(t.scope),
    is_active: t.isActive(now),
  };
  if (truthy(t.claims)) r.claims = clone(t.claims);
  if (truthy(t.resources)) r.resources = clone(t.resources);
  return r;
}

export function grantRecord(g: PyGrant, now: number): Record<string, unknown> {
  return {
    revoked: g.revoked,
    used: g.used,
    scope: clone(g.scope),
    claims: clone(g.claims),
    resources: clone(g.resources),
    issued_at: g.issued_at,
    expires_at: g.expires_at,
    not_before: g.not_before,
    usage_rules: clone(g.usage_rules),
    sub: g.sub,
    is_active: g.isActive(now),
    issued_token: g.issued_token.map((t) => tokenRecord(t, now)),
  };
}

export function nodeRecord(n: PyNode): Record<string, unknown> {
  return { revoked: n.revoked, subordinate: [...n.subordinate], [n.idField]: n.id };
}

function recordFields(r: PyRecord, now: number): Record<string, unknown> {
  return r instanceof PyGrant ? grantRecord(r, now) : nodeRecord(r);
}

/** The kind a key and its value make: a one-part user key, a two-part client key, a three-part grant key, else "other". */
function kindOf(key: string, r: PyRecord): "user" | "client" | "grant" | "other" {
  // A record under an encrypted session id (the token endpoint's `set(unpack_session_key(sid), grant)`) is a one-part key.
  if (isEncryptedSessionId(key)) return "other";
  const parts = unpackSessionKey(key).length;
  if (r instanceof PyGrant) return parts === 3 ? "grant" : "other";
  if (r.kind === "user") return parts === 1 ? "user" : "other";
  return parts === 2 ? "client" : "other";
}

/** `state`: the whole database, in insertion order, at the manager's clock. */
export function normalizeState(sm: PythonSessionManager): { clock: number; db: Record<string, unknown> } {
  const now = sm.now();
  const db: Record<string, unknown> = {};
  for (const [key, r] of sm.db) {
    const kind = kindOf(key, r);
    db[key] = kind === "other" ? { kind, class: r.className, ...recordFields(r, now) } : { kind, ...recordFields(r, now) };
  }
  return { clock: now, db };
}

/** A returned value, encoded as the traces encode it (tokens, grants, nodes and messages by class). */
export function encodeValue(v: unknown, now: number, messageClass?: (key: string) => string | undefined): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof PyToken) return { class: v.className, ...tokenRecord(v, now) };
  if (v instanceof PyGrant) return { class: "Grant", id: v.id };
  if (v instanceof PyNode) return { class: v.className, ...nodeRecord(v) };
  if (Array.isArray(v)) return v.map((x) => encodeValue(x, now));
  if (typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const cls = messageClass?.(k);
      out[k] = cls && x !== null && x !== undefined ? { class: cls, value: clone(x) } : encodeValue(x, now);
    }
    return out;
  }
  return v;
}
