// Between a library profile's objects and the playground's snapshot. The graph, tables and inspector
// draw a `SessionManager`; a workspace under a library draws the library's database through this
// picture of it. What the playground's tree cannot hold is left out of the picture and listed:
// stray records, subordinate entries twice or naming nothing, keys with an empty part.
import { sessionKey, unpackSessionKey } from "../../core/index.ts";
import type { ManagerSnapshot, NodeJSON } from "../../core/index.ts";
import { PyGrant, PyNode, PyToken, type Dict } from "../../core/profiles/python-objects.ts";
import type { PythonSessionManager } from "../../core/profiles/python-session-manager.ts";

/** Shown for an empty key part (idpy-oidc files a session without client_id under client ""). */
export const EMPTY_PART = "(empty)";

export interface LibraryPicture {
  snapshot: ManagerSnapshot;
  /** What the library holds that the picture leaves out, in words. */
  leftOut: string[];
}

const part = (p: string) => (p === "" ? EMPTY_PART : p);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? v.split(" ").filter(Boolean) : []);
const object = (v: unknown): Dict => (v !== null && typeof v === "object" && !Array.isArray(v) ? (JSON.parse(JSON.stringify(v)) as Dict) : {});
const time = (v: unknown): number => (Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : 0);

function rules(v: unknown): Dict {
  const out: Dict = {};
  for (const [k, r] of Object.entries(object(v))) {
    if (r === null || typeof r !== "object" || Array.isArray(r)) continue;
    const x = r as Dict;
    out[k] = {
      ...x,
      ...(x.expires_in !== undefined ? { expires_in: time(x.expires_in) } : {}),
      ...(x.max_usage !== undefined ? { max_usage: time(x.max_usage) } : {}),
      ...(x.supports_minting !== undefined ? { supports_minting: strings(x.supports_minting) } : {}),
    };
  }
  return out;
}

function tokenJSON(t: PyToken) {
  const own = rules({ r: t.usage_rules }).r ?? {};
  return {
    type: t.token_class,
    value: t.value,
    based_on: t.based_on,
    id: t.id,
    scope: strings(t.scope),
    claims: object(t.claims),
    resources: strings(t.resources),
    issued_at: time(t.issued_at),
    not_before: time(t.not_before),
    expires_at: time(t.expires_at),
    revoked: t.revoked,
    used: time(t.used),
    usage_rules: own,
  };
}

function grantJSON(g: PyGrant, id: string): NodeJSON {
  return {
    type: "grant",
    id,
    scope: strings(g.scope),
    claims: object(g.claims),
    resources: strings(g.resources),
    authorization_details: g.authorization_details ?? null,
    authorization_request: g.authorization_request ? object(g.authorization_request) : null,
    authentication_event: g.authentication_event ? object(g.authentication_event) : null,
    sub: g.sub,
    usage_rules: rules(g.usage_rules),
    issued_token: g.issued_token.map(tokenJSON),
    issued_at: time(g.issued_at),
    not_before: time(g.not_before),
    expires_at: time(g.expires_at),
    revoked: g.revoked,
    used: time(g.used),
  } as NodeJSON;
}

/** The library's database as a playground snapshot: user → client → grant, each listed once by its parent. */
export function pictureOf(sm: PythonSessionManager, base: Omit<ManagerSnapshot, "db">): LibraryPicture {
  const leftOut: string[] = [];
  const db: Record<string, NodeJSON> = {};
  const users = new Map<string, { node: PyNode | null; clients: Map<string, { node: PyNode | null; grants: [string, PyGrant][] }> }>();
  const user = (u: string) => {
    let e = users.get(u);
    if (!e) users.set(u, (e = { node: null, clients: new Map() }));
    return e;
  };
  const client = (u: string, c: string) => {
    const e = user(u);
    let x = e.clients.get(c);
    if (!x) e.clients.set(c, (x = { node: null, grants: [] }));
    return x;
  };
  for (const [key, r] of sm.db) {
    const parts = unpackSessionKey(key);
    if (parts.length === 1 && r instanceof PyNode && r.kind === "user") user(parts[0]!).node = r;
    else if (parts.length === 2 && r instanceof PyNode && r.kind === "client") client(parts[0]!, parts[1]!).node = r;
    else if (parts.length === 3 && r instanceof PyGrant) client(parts[0]!, parts[1]!).grants.push([parts[2]!, r]);
    else leftOut.push(`a stray ${r.className} record under the key "${key}"`);
  }
  for (const [u, ue] of users) {
    if (!ue.node) leftOut.push(`grants of "${u}" whose user session the library no longer holds`);
    db[part(u)] = {
      type: "UserSessionInfo",
      user_id: part(u),
      subordinate: [...ue.clients.keys()].map(part),
      revoked: ue.node?.revoked ?? false,
      extra: {},
    } as NodeJSON;
    for (const [c, ce] of ue.clients) {
      if (!ce.node) leftOut.push(`grants under "${sessionKey(u, c)}", a client session the library no longer holds`);
      const listed = ce.node ? ce.node.subordinate : [];
      if (new Set(listed).size !== listed.length) leftOut.push(`"${sessionKey(u, c)}" lists a grant more than once in its subordinate`);
      db[sessionKey(part(u), part(c))] = {
        type: "ClientSessionInfo",
        client_id: part(c),
        subordinate: ce.grants.map(([g]) => g),
        revoked: ce.node?.revoked ?? false,
        extra: {},
      } as NodeJSON;
      for (const [g, grant] of ce.grants) db[sessionKey(part(u), part(c), g)] = grantJSON(grant, g);
    }
  }
  return { snapshot: { ...base, db } as ManagerSnapshot, leftOut };
}

/**
 * A playground snapshot (an imported state, a Python dump) as the library's own records: nodes list
 * their children as the library does (full keys in idpy-oidc, bare ids in oidc-op).
 */
export function loadSnapshotInto(sm: PythonSessionManager, snapshot: ManagerSnapshot, fullKeys: boolean, idField: (kind: "user" | "client") => "id" | "user_id" | "client_id"): void {
  sm.db.clear();
  for (const [key, json] of Object.entries(snapshot.db)) {
    if (json.type === "grant") {
      const g = new PyGrant(sm.now(), json.id, {
        scope: [...json.scope],
        claims: object(json.claims),
        resources: [...json.resources],
        authorization_details: json.authorization_details,
        authorization_request: json.authorization_request ? object(json.authorization_request) : null,
        authentication_event: json.authentication_event ? object(json.authentication_event) : null,
        usage_rules: object(json.usage_rules),
        issued_at: json.issued_at,
        expires_at: json.expires_at,
        revoked: json.revoked,
        sub: json.sub,
      });
      g.not_before = json.not_before;
      g.used = json.used;
      g.issued_token = json.issued_token.map((t) => {
        const token = new PyToken(sm.now(), { token_class: t.type, based_on: t.based_on, usage_rules: object(t.usage_rules), issued_at: t.issued_at, expires_at: t.expires_at, not_before: t.not_before, revoked: t.revoked, used: t.used, scope: [...t.scope], claims: object(t.claims), resources: [...t.resources] });
        // The constructor filled in type defaults; a loaded token keeps exactly its own rules.
        token.usage_rules = object(t.usage_rules);
        token.value = t.value;
        token.id = t.id;
        return token;
      });
      sm.db.set(key, g);
    } else {
      const kind = json.type === "UserSessionInfo" ? "user" : "client";
      const node = new PyNode(kind, idField(kind), kind === "user" ? (json as { user_id: string }).user_id : (json as { client_id: string }).client_id);
      node.revoked = json.revoked;
      node.subordinate = json.subordinate.map((child) => (fullKeys ? sessionKey(key, child) : child));
      sm.db.set(key, node);
    }
  }
}
