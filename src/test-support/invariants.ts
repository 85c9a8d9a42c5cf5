/**
 * Checks run after every step of the model-based tests. Each throws an `Error` naming what broke;
 * fast-check then reports the seed and path to replay the sequence.
 */
import { SessionError, SessionManager, type ManagerSnapshot } from "../core/index.ts";
import { type GrantRef, type ModelGrant, type ModelToken, type SessionModel } from "./session-model.ts";

export class InvariantError extends Error {}

function fail(message: string): never {
  throw new InvariantError(message);
}

const show = (v: unknown) => JSON.stringify(v);

function sameJson(a: unknown, b: unknown, what: string): void {
  const x = canonical(a);
  const y = canonical(b);
  if (x !== y) fail(`${what}: expected ${y}, got ${x}`);
}

/** JSON with sorted keys (own `__proto__` keys included), for order-insensitive comparison. */
export function canonical(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v === null || typeof v !== "object") return v;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) Object.defineProperty(out, k, { value: sort((v as Record<string, unknown>)[k]), enumerable: true });
    return out;
  };
  return JSON.stringify(sort(value));
}

/**
 * The tree read from `toJSON().db`: every key has 1–3 non-empty parts and the node type of its
 * depth; every `subordinate` id resolves, without duplicates; every stored node is listed by its
 * parent (no orphans); user and client sessions are never left empty (SPEC §5's clean-up).
 */
export function checkTree(db: ManagerSnapshot["db"]): void {
  const keys = Object.keys(db);
  for (const key of keys) {
    const node = db[key];
    const parts = key.split(";;");
    if (parts.length > 3 || parts.some((p) => !p)) fail(`bad key ${show(key)}`);
    const type = ["UserSessionInfo", "ClientSessionInfo", "grant"][parts.length - 1];
    if (node.type !== type) fail(`node ${show(key)} is a ${node.type}, expected ${type}`);
    const ownId = node.type === "UserSessionInfo" ? node.user_id : node.type === "ClientSessionInfo" ? node.client_id : node.id;
    if (ownId !== parts[parts.length - 1]) fail(`node ${show(key)} has id ${show(ownId)}`);
    if (node.type !== "grant") {
      if (node.subordinate.length === 0) fail(`node ${show(key)} has no subordinates but was not removed`);
      if (new Set(node.subordinate).size !== node.subordinate.length) fail(`node ${show(key)} lists a subordinate twice: ${show(node.subordinate)}`);
      for (const child of node.subordinate) if (!Object.hasOwn(db, `${key};;${child}`)) fail(`dangling subordinate ${show(child)} under ${show(key)}`);
    }
    if (parts.length > 1) {
      const parentKey = parts.slice(0, -1).join(";;");
      const parent = Object.hasOwn(db, parentKey) ? db[parentKey] : undefined;
      if (!parent || parent.type === "grant" || !parent.subordinate.includes(parts[parts.length - 1])) fail(`orphan node ${show(key)}`);
    }
  }
}

/** The snapshot holds exactly the model's tree, with the fields the model tracks. */
export function checkAgainstModel(model: SessionModel, snapshot: ManagerSnapshot): void {
  const db = snapshot.db;
  const expected: string[] = [];
  for (const u of model.users) {
    expected.push(u.id);
    const un = db[u.id];
    if (!Object.hasOwn(db, u.id) || un.type !== "UserSessionInfo") fail(`user ${show(u.id)} missing`);
    sameJson(un.subordinate, u.clients.map((c) => c.id), `subordinate of user ${show(u.id)}`);
    if (un.revoked !== u.revoked) fail(`revoked flag of user ${show(u.id)}`);
    for (const c of u.clients) {
      const ck = `${u.id};;${c.id}`;
      expected.push(ck);
      const cn = db[ck];
      if (!cn || cn.type !== "ClientSessionInfo") fail(`client ${show(ck)} missing`);
      sameJson(cn.subordinate, c.grants.map((g) => g.id), `subordinate of client ${show(ck)}`);
      if (cn.revoked !== c.revoked) fail(`revoked flag of client ${show(ck)}: model ${c.revoked}`);
      for (const g of c.grants) {
        const gk = `${ck};;${g.id}`;
        expected.push(gk);
        const gn = db[gk];
        if (!gn || gn.type !== "grant") fail(`grant ${show(gk)} missing`);
        const pick = (x: Record<string, unknown>) => ({ revoked: x.revoked, used: x.used, issued_at: x.issued_at, not_before: x.not_before, expires_at: x.expires_at, scope: x.scope, usage_rules: x.usage_rules });
        sameJson(pick(gn as unknown as Record<string, unknown>), pick(g as unknown as Record<string, unknown>), `grant ${show(gk)}`);
        sameJson(gn.issued_token.map(tokenFields), g.tokens.map(tokenFields), `tokens of grant ${show(gk)}`);
      }
    }
  }
  sameJson(Object.keys(db).sort(), expected.sort(), "keys of the database");
  if (snapshot.clock?.now !== model.now) fail(`clock reads ${snapshot.clock?.now}, model ${model.now}`);
}

function tokenFields(t: Omit<ModelToken, "usage_rules"> & { usage_rules: unknown }) {
  return {
    type: t.type, value: t.value, based_on: t.based_on, revoked: t.revoked, used: t.used, issued_at: t.issued_at,
    not_before: t.not_before, expires_at: t.expires_at, usage_rules: t.usage_rules, scope: t.scope,
  };
}

/** `toJSON` → JSON text → `fromJSON` → `toJSON` gives the same bytes. */
export function checkRoundTrip(manager: SessionManager, text = JSON.stringify(manager.toJSON())): void {
  let restored: SessionManager;
  try {
    restored = SessionManager.fromJSON(JSON.parse(text));
  } catch (e) {
    fail(`fromJSON refused the manager's own snapshot: ${(e as Error).message}`);
  }
  const again = JSON.stringify(restored.toJSON());
  if (again !== text) fail(`toJSON → fromJSON → toJSON differs:\n${text}\n${again}`);
}

function codeOf(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (e) {
    if (!(e instanceof SessionError)) throw e;
    return e.code;
  }
}

/** Lookups and `tokenStatus` agree with the model for every token value of every grant. */
export function checkQueries(manager: SessionManager, model: SessionModel): void {
  const now = model.now;
  for (const user of model.users) {
    sameJson(manager.getSidsByUserId(user.id), user.clients.flatMap((c) => c.grants.map((g) => `${user.id};;${c.id};;${g.id}`)), `getSidsByUserId(${show(user.id)})`);
  }
  const values = new Set<string>(["never-minted"]);
  for (const ref of model.grants()) {
    const seen = new Set<string>();
    for (const token of ref.grant.tokens) {
      values.add(token.value);
      if (seen.has(token.value)) continue; // lookups answer for the first token with a value
      seen.add(token.value);
      const found = manager.findToken(ref.sessionId, token.value);
      if (!found || found.id === undefined || found.based_on !== token.based_on || found.type !== token.type) fail(`findToken(${show(ref.sessionId)}, ${show(token.value)}) is not the first token with that value`);
      for (const at of statusTimes(token, ref.grant)) {
        const got = manager.tokenStatus(ref.sessionId, token.value, at);
        sameJson(got, model.tokenStatus(ref, token, at), `tokenStatus(${show(ref.sessionId)}, ${show(token.value)}, ${at})`);
      }
      sameJson(manager.tokenStatus(ref.sessionId, token.value), model.tokenStatus(ref, token, now), "tokenStatus with the clock's now");
    }
    if (codeOf(() => manager.tokenStatus(ref.sessionId, "never-minted")) !== "unknown_token") fail("tokenStatus of an unknown value must throw UnknownToken");
  }
  for (const value of values) {
    const holders = model.sessionsHolding(value);
    const code = codeOf(() => manager.getSessionIdByToken(value));
    const expected = holders.length === 0 ? "unknown_token" : holders.length > 1 ? "ambiguous_token" : null;
    if (code !== expected) fail(`getSessionIdByToken(${show(value)}) gave ${code ?? "a session"}, expected ${expected ?? holders[0]}`);
    if (!code && manager.getSessionIdByToken(value) !== holders[0]) fail(`getSessionIdByToken(${show(value)}) is not ${holders[0]}`);
  }
}

/** The times worth asking about: the edges of the token's and the grant's validity (now is asked separately). */
function statusTimes(token: ModelToken, grant: ModelGrant): number[] {
  const times: number[] = [];
  if (token.expires_at) times.push(token.expires_at, token.expires_at + 1);
  if (token.not_before) times.push(token.not_before - 1, token.not_before);
  if (grant.expires_at) times.push(grant.expires_at + 1);
  return times.filter((t) => Number.isSafeInteger(t) && t >= 0);
}

/**
 * A revocation's returned values against the naive scan: the same values level by level
 * (breadth first: every value of level k before any of level k+1), compared as multisets per level.
 */
export function checkRevocationOrder(returned: string[], expected: { value: string; level: number }[], what: string): void {
  const levels = [...new Set(expected.map((e) => e.level))].sort((a, b) => a - b);
  let offset = 0;
  for (const level of levels) {
    const want = expected.filter((e) => e.level === level).map((e) => e.value).sort();
    const got = returned.slice(offset, offset + want.length).sort();
    if (show(got) !== show(want)) fail(`${what}: level ${level} should revoke ${show(want)}, the list was ${show(returned)} (expected ${show(expected)})`);
    offset += want.length;
  }
  if (offset !== returned.length) fail(`${what}: revoked ${show(returned)}, expected only ${show(expected)}`);
}

/** Expected entries of a manager-level `revokeToken` before it runs (start token, then descendants). */
export function expectedRevocation(model: SessionModel, ref: GrantRef, value: string, recursive: boolean): { value: string; level: number }[] {
  const out = [{ value, level: 0 }];
  if (recursive) for (const d of model.descendants(ref.grant, value)) out.push({ value: d.token.value, level: d.level });
  return out;
}
