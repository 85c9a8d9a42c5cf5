/**
 * fast-check arbitraries for random operation sequences (SPEC §10), valid and invalid.
 * Commands are generated before the state exists, so they hold *selectors* ("the 3rd grant",
 * "a token of this grant", "now + 40 s") that `resolveOperation` turns into concrete arguments
 * against the model's current state. Ids and values come from small pools so they collide,
 * and the pools hold names that are also Object.prototype members.
 */
import fc from "fast-check";
import type { OperationName } from "../ops/index.ts";
import { isObject, type ModelSettings, type SessionModel } from "./session-model.ts";

const MAX = Number.MAX_SAFE_INTEGER;

export const USER_IDS = ["diana", "bob", "__proto__", "constructor", "toString", "Ådne ü", "diana "];
export const CLIENT_IDS = ["client_1", "client_2", "__proto__", "hasOwnProperty", "javascript:alert(1)"];
export const BAD_IDS = ["", "a;;b", ";;"];
export const TOKEN_VALUES = ["v1", "v2", "__proto__", "constructor", "code_0"];
export const TOKEN_TYPES = ["authorization_code", "access_token", "refresh_token", "id_token", "custom_type", "constructor", "toString", "bogus"];
const RAW_SESSION_IDS = ["", "x", "a;;b;;c;;d", ";;;;", "a;;;;c", "__proto__;;__proto__;;__proto__", "diana;;client_1"];

/** Workspace settings, including custom token types named like Object.prototype members. */
export const SETTINGS: (ModelSettings & { salt?: string })[] = [
  {},
  {
    tokenTypes: { custom_type: { supports_minting: ["access_token"], expires_in: 50 } },
    usagePolicy: { access_token: { expires_in: 30 }, refresh_token: { max_usage: 2 } },
  },
  { tokenTypes: { constructor: { supports_minting: ["constructor", "access_token"] }, toString: { max_usage: 2 } }, usagePolicy: { constructor: { expires_in: 5 } } },
  { salt: "pepper", usagePolicy: { authorization_code: { expires_in: 60 }, id_token: { expires_in: 10 } } },
];

/** Sets a key as an own property even when it is `__proto__` (as JSON.parse would). */
export function withKey<T extends object>(target: T, key: string, value: unknown): T {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

// ---- selectors ---------------------------------------------------------------------------------

export type SessionSel =
  | { kind: "grant"; i: number }
  | { kind: "client"; i: number }
  | { kind: "missingGrant"; i: number }
  | { kind: "missingClient"; i: number }
  | { kind: "missingUser" }
  /** The grant holding the most tokens (where chains are). */
  | { kind: "busiest" }
  | { kind: "raw"; s: string };

/**
 * `own`: a token of the session's grant (a pool value when it has none); `ownIfAny`: the same, or
 * nothing; `parent`: one that others were minted from (else as `own`); `last`: the newest; `first`: the one
 * minted `back` mints ago; `other`: any session's.
 */
export type TokenSel = { kind: "own" | "ownIfAny" | "other" | "parent"; i: number } | { kind: "last" } | { kind: "first"; back: number } | { kind: "pool"; v: string };
export type TimeSel = { rel: number } | { abs: unknown };

const sessionSel: fc.Arbitrary<SessionSel> = fc.oneof(
  { weight: 12, arbitrary: fc.nat(50).map((i) => ({ kind: "grant" as const, i })) },
  { weight: 1, arbitrary: fc.nat(50).map((i) => ({ kind: "client" as const, i })) },
  { weight: 1, arbitrary: fc.nat(50).map((i) => ({ kind: "missingGrant" as const, i })) },
  { weight: 1, arbitrary: fc.nat(50).map((i) => ({ kind: "missingClient" as const, i })) },
  { weight: 1, arbitrary: fc.constant({ kind: "missingUser" as const }) },
  { weight: 1, arbitrary: fc.constantFrom(...RAW_SESSION_IDS).map((s) => ({ kind: "raw" as const, s })) },
);

const tokenSel: fc.Arbitrary<TokenSel> = fc.oneof(
  { weight: 8, arbitrary: fc.nat(50).map((i) => ({ kind: "own" as const, i })) },
  { weight: 1, arbitrary: fc.nat(50).map((i) => ({ kind: "other" as const, i })) },
  { weight: 1, arbitrary: fc.constantFrom(...TOKEN_VALUES).map((v) => ({ kind: "pool" as const, v })) },
);

const timeSel = (invalid: boolean): fc.Arbitrary<TimeSel> =>
  fc.oneof(
    { weight: 12, arbitrary: fc.integer({ min: -60, max: 300 }).map((rel) => ({ rel })) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(0, MAX).map((abs) => ({ abs })) },
    ...(invalid ? [{ weight: 1, arbitrary: fc.constantFrom<unknown>(-1, 1.5, "10", null).map((abs) => ({ abs })) }] : []),
  );

/** An optional field: absent most of the time. */
const opt = <T>(arb: fc.Arbitrary<T>, freq = 3) => fc.option(arb, { nil: undefined, freq });

// ---- specs ---------------------------------------------------------------------------------------

export type OpSpec =
  | { op: "createSession"; args: Record<string, unknown> }
  | { op: "addGrant"; userId: string; clientId: string; grant: Record<string, unknown>; times: Record<string, TimeSel> }
  | {
      op: "mintToken";
      session: SessionSel;
      type: string;
      value?: string;
      basedOn?: TokenSel;
      fields: Record<string, unknown>;
      times: Record<string, TimeSel>;
    }
  | { op: "registerUsage" | "revokeToken"; session: SessionSel; token: TokenSel; recursive?: boolean }
  | { op: "revokeGrant" | "revokeClientSession" | "removeSession"; session: SessionSel }
  | { op: "advanceClock"; seconds: unknown }
  | { op: "setClock"; now: TimeSel }
  | { op: "importState"; kind: "earlier" | "dangling" | "broken" | "notObject"; i: number; strict?: boolean }
  /** Mints each from the one before (`fan` false) or all from the first, as a code exchange does (`fan` true). */
  | { op: "chain"; i: number; types: string[]; value?: string; fan?: boolean }
  | { op: "garbage"; kind: "unknownOp" | "notObject" | "extraKey" | "protoKey" | "wrongType" | "noArgs"; inner: OpSpec };

// Every operation has a spec: a new operation is a compile error here until the arbitraries make it.
type SpecFor<K extends OpSpec["op"]> = K;
export type GeneratedOperations = SpecFor<OperationName>;

/** Mostly one of `valid`, sometimes one of `invalid`. */
function mostly<T>(valid: T[], invalid: T[], weight = 8): fc.Arbitrary<T> {
  return invalid.length ? fc.oneof({ weight, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: fc.constantFrom(...invalid) }) : fc.constantFrom(...valid);
}

const protoClaims = () => withKey({}, "nested", withKey({}, "__proto__", { polluted: true }));

const authReqArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
  {
    weight: 4,
    arbitrary: fc
      .record(
        {
          client_id: mostly<unknown>(CLIENT_IDS, ["a;;b", 5]),
          scope: mostly<unknown>(["openid email", ["openid", "offline_access"], ""], [5]),
          claims: mostly<unknown>([{ userinfo: { email: null } }, null, protoClaims()], ["x"]),
          resource: mostly<unknown>(["https://api.example", ["https://a", "https://b"]], [[1]]),
          sector_identifier_uri: mostly<unknown>(["https://sector.example"], [""]),
          redirect_uri: fc.constantFrom("https://rp.example/cb", "javascript:alert(1)"),
        },
        { requiredKeys: [] },
      )
      .chain((r) => fc.nat(9).map((n) => (n === 0 ? withKey({ ...r }, "__proto__", { polluted: true }) : r))),
  },
);

const rulesArb: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    expires_in: mostly<unknown>([5, 40, 600], [Number.MAX_SAFE_INTEGER], 4),
    supports_minting: fc.constantFrom<unknown>(["access_token", "refresh_token"], ["access_token"], [], ["custom_type", "constructor", "toString"]),
    max_usage: fc.constantFrom<unknown>(0, 1, 2, 3),
  },
  { requiredKeys: [] },
);
const badRulesArb: fc.Arbitrary<Record<string, unknown>> = fc.constantFrom({ max_usage: -1 }, { expires_in: 1.5 }, { supports_minting: "access_token" }, { max_usage: "2" });
const rulesPerTypeArb = fc.dictionary(fc.constantFrom(...TOKEN_TYPES), fc.oneof({ weight: 12, arbitrary: rulesArb }, { weight: 1, arbitrary: badRulesArb }), { maxKeys: 2 });

const createSessionSpec: fc.Arbitrary<OpSpec> = fc
  .record(
    {
      userId: mostly(USER_IDS, BAD_IDS),
      clientId: mostly<unknown>(CLIENT_IDS, BAD_IDS),
      authReq: authReqArb,
      authnEvent: fc.constantFrom<unknown>(null, { uid: "diana", authn_info: "pwd", authn_time: 1, valid_until: 2 }),
      subType: mostly<unknown>(["public", "pairwise", "ephemeral"], ["custom_sub", "constructor"], 6),
      sectorIdentifier: mostly<unknown>(["https://sector.example"], [""]),
      tokenUsageRules: rulesPerTypeArb,
      scopes: fc.constantFrom<unknown>(["openid", "profile"], "openid offline_access", []),
    },
    { requiredKeys: ["userId", "clientId"] },
  )
  .chain((args) => fc.nat(5).map((n) => (n === 0 ? { ...args, clientId: undefined } : args)))
  .map((args) => ({ op: "createSession" as const, args }));

const grantFieldsArb: fc.Arbitrary<{ grant: Record<string, unknown>; times: Record<string, TimeSel> }> = fc.record({
  grant: fc
    .record(
      {
        scope: mostly<unknown>([["openid"], []], ["openid"]),
        claims: mostly<unknown>([{ a: 1 }, withKey({}, "__proto__", { polluted: true })], [[]]),
        resources: mostly<unknown>([["r1"]], [[1]]),
        authorization_details: fc.constantFrom<unknown>(null, [{ type: "payment" }]),
        authorization_request: mostly<unknown>([null, { client_id: "x" }], ["req"]),
        authentication_event: mostly<unknown>([null, { uid: "u", authn_time: 1, valid_until: 2 }], [7]),
        usage_rules: rulesPerTypeArb,
        revoked: mostly<unknown>([false, true, false], ["yes"]),
        sub: mostly<unknown>(["sub-1"], [5]),
        extra: fc.constantFrom<string | undefined>(undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, "used", "id", "__proto__"),
      },
      { requiredKeys: [] },
    )
    .map(({ extra, ...g }) => {
      // Rarely an unknown field, or an own `__proto__` key (as JSON.parse makes it).
      const out: Record<string, unknown> = { ...g };
      if (extra) withKey(out, extra, extra === "__proto__" ? { polluted: true } : 3);
      return out;
    }),
  times: fc.record({ issued_at: timeSel(true), expires_in: timeSel(true), expires_at: timeSel(true), not_before: timeSel(true) }, { requiredKeys: [] }),
});

const addGrantSpec: fc.Arbitrary<OpSpec> = fc
  .record({
    userId: mostly(USER_IDS, BAD_IDS),
    clientId: mostly(CLIENT_IDS, BAD_IDS),
    fields: grantFieldsArb,
  })
  .map(({ userId, clientId, fields }) => ({ op: "addGrant" as const, userId, clientId, grant: fields.grant, times: fields.times }));

const mintSpec: fc.Arbitrary<OpSpec> = fc
  .record(
    {
      session: sessionSel,
      type: mostly(["authorization_code", "access_token", "refresh_token", "id_token", "custom_type", "constructor", "toString"], ["bogus", ""], 10),
      value: mostly(TOKEN_VALUES, [""]),
      basedOn: tokenSel,
      fields: fc.record(
        {
          usageRules: fc.oneof({ weight: 8, arbitrary: rulesArb }, { weight: 1, arbitrary: badRulesArb }),
          scope: mostly<unknown>([[], ["openid"], ["email", "profile"]], ["openid"]),
          claims: mostly<unknown>([{ a: 1 }, protoClaims()], ["x"]),
          resources: mostly<unknown>([["https://api"]], [[2]]),
        },
        { requiredKeys: [] },
      ),
      times: fc.record({ expiresIn: timeSel(true), expiresAt: timeSel(true), notBefore: timeSel(true) }, { requiredKeys: [] }),
    },
    { requiredKeys: ["session", "type", "fields", "times"] },
  )
  .map((r) => ({ op: "mintToken" as const, ...r }));

const tokenOpSpec = (op: "registerUsage" | "revokeToken"): fc.Arbitrary<OpSpec> => {
  // Revocations aim at tokens others were minted from, in the grant holding the chains, half the time.
  const aim = op === "revokeToken" ? 3 : 1;
  return fc
    .record({
      session: fc.oneof({ weight: 3, arbitrary: sessionSel }, { weight: aim, arbitrary: fc.constant<SessionSel>({ kind: "busiest" }) }),
      token: fc.oneof({ weight: 3, arbitrary: tokenSel }, { weight: aim, arbitrary: fc.nat(50).map((i): TokenSel => ({ kind: "parent", i })) }),
      recursive: fc.constantFrom(true, true, true, false, undefined),
    })
    .map((r) => ({ op, ...r }));
};

const sessionOpSpec = (op: "revokeGrant" | "revokeClientSession" | "removeSession"): fc.Arbitrary<OpSpec> =>
  sessionSel.map((session) => ({ op, session }));

const clockSpec: fc.Arbitrary<OpSpec> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 400 }) }, { weight: 1, arbitrary: fc.constantFrom<unknown>(0, -5, 2.5, MAX, "60") })
      .map((seconds) => ({ op: "advanceClock" as const, seconds })),
  },
  { weight: 1, arbitrary: timeSel(true).map((now) => ({ op: "setClock" as const, now })) },
);

const importSpec: fc.Arbitrary<OpSpec> = fc.record({
  kind: fc.constantFrom("earlier", "earlier", "dangling", "broken", "notObject"),
  i: fc.nat(50),
  strict: opt(fc.boolean(), 1),
}).map((r) => ({ op: "importState" as const, ...r }));

/** The common case: a well-formed session, as a login makes it. */
const plainCreateSpec: fc.Arbitrary<OpSpec> = fc
  .record(
    {
      userId: fc.constantFrom(...USER_IDS),
      clientId: fc.constantFrom(...CLIENT_IDS),
      scopes: fc.constantFrom<unknown>(["openid", "profile"], "openid offline_access", []),
      tokenUsageRules: fc.dictionary(fc.constantFrom(...TOKEN_TYPES), rulesArb, { maxKeys: 1 }),
    },
    { requiredKeys: ["userId", "clientId"] },
  )
  .map((args) => ({ op: "createSession" as const, args }));

/** The common case: a mint in an existing grant, often from one of its tokens, with few options. */
const plainMintSpec: fc.Arbitrary<OpSpec> = fc
  .record(
    {
      session: fc.nat(50).map((i): SessionSel => ({ kind: "grant", i })),
      type: fc.constantFrom("authorization_code", "access_token", "refresh_token", "refresh_token", "id_token", "custom_type", "constructor", "toString"),
      value: fc.constantFrom(...TOKEN_VALUES),
      basedOn: fc.nat(50).map((i): TokenSel => ({ kind: "ownIfAny", i })),
      expiresIn: fc.integer({ min: 1, max: 300 }),
    },
    { requiredKeys: ["session", "type"] },
  )
  .map(({ expiresIn, ...r }) => ({
    op: "mintToken" as const,
    ...r,
    fields: {},
    times: (expiresIn === undefined ? {} : { expiresIn: { abs: expiresIn } }) as Record<string, TimeSel>,
  }));

/**
 * A token chain as a code flow makes it: a code, then tokens minted each from the one before
 * (code → refresh → refresh → access …). Expanded into single mints by `expandSpec`.
 */
const chainSpec: fc.Arbitrary<OpSpec> = fc
  .record({
    i: fc.nat(50),
    types: fc.array(fc.constantFrom("refresh_token", "refresh_token", "refresh_token", "access_token", "id_token"), { minLength: 2, maxLength: 4 }),
    value: fc.option(fc.constantFrom(...TOKEN_VALUES), { nil: undefined, freq: 4 }),
    fan: fc.boolean(),
  })
  .map(({ i, types, value, fan }) => ({ op: "chain" as const, i, types: ["authorization_code", ...types], value, fan }));

const validSpec: fc.Arbitrary<OpSpec> = fc.oneof(
  { weight: 4, arbitrary: chainSpec },
  { weight: 4, arbitrary: plainCreateSpec },
  { weight: 3, arbitrary: createSessionSpec },
  { weight: 2, arbitrary: addGrantSpec },
  { weight: 14, arbitrary: plainMintSpec },
  { weight: 4, arbitrary: mintSpec },
  { weight: 4, arbitrary: tokenOpSpec("registerUsage") },
  { weight: 7, arbitrary: tokenOpSpec("revokeToken") },
  { weight: 1, arbitrary: sessionOpSpec("revokeGrant") },
  { weight: 1, arbitrary: sessionOpSpec("revokeClientSession") },
  { weight: 2, arbitrary: sessionOpSpec("removeSession") },
  { weight: 3, arbitrary: clockSpec },
  { weight: 1, arbitrary: importSpec },
);

/** Operations mangled so that the schema must refuse them (only meaningful for JSON operations). */
const garbageSpec: fc.Arbitrary<OpSpec> = fc
  .record({ kind: fc.constantFrom("unknownOp", "notObject", "extraKey", "protoKey", "wrongType", "noArgs") as fc.Arbitrary<"unknownOp">, inner: validSpec })
  .map((r) => ({ op: "garbage" as const, ...r }));

/** Well-formed sessions to start a run with, so that later operations find something to act on. */
export const prologueSpec: fc.Arbitrary<OpSpec[]> = fc.array(plainCreateSpec, { minLength: 1, maxLength: 3 });

/** A spec as single-operation specs: a `chain` becomes its mints (each from the one minted before). */
export function expandSpec(spec: OpSpec): OpSpec[] {
  if (spec.op !== "chain") return [spec];
  return spec.types.map((type, k) => ({
    op: "mintToken" as const,
    session: { kind: "grant" as const, i: spec.i },
    type,
    // A repeated value now and then, so chains share values (based_on is a value, not a token).
    ...(k === 2 && spec.value !== undefined ? { value: spec.value } : {}),
    ...(k > 0 ? { basedOn: spec.fan && k > 1 ? { kind: "first" as const, back: k } : { kind: "last" as const } } : {}),
    fields: {},
    times: {},
  }));
}

/** Any operation spec; `withGarbage` adds schema-breaking operations (for the JSON path). */
export function opSpec(withGarbage: boolean): fc.Arbitrary<OpSpec> {
  return withGarbage ? fc.oneof({ weight: 25, arbitrary: validSpec }, { weight: 1, arbitrary: garbageSpec }) : validSpec;
}

// ---- resolution ------------------------------------------------------------------------------------

export interface Resolved {
  /** The JSON operation (for `garbage`, deliberately malformed). */
  operation: { op: string; args: Record<string, unknown> } | unknown;
  /** Set when the outcome is fixed by construction rather than predicted by the model. */
  expected?: { ok: true } | { ok: false; code: string };
}

const FAKE_GRANT = "0".repeat(32);

export function resolveSession(sel: SessionSel, model: SessionModel): string {
  const grants = model.grants();
  if (sel.kind === "raw") return sel.s;
  if (sel.kind === "missingUser" || grants.length === 0) return `ghost;;client_1;;${FAKE_GRANT}`;
  if (sel.kind === "busiest") return grants.reduce((a, b) => (b.grant.tokens.length > a.grant.tokens.length ? b : a)).sessionId;
  const r = grants[sel.i % grants.length];
  switch (sel.kind) {
    case "grant":
      return r.sessionId;
    case "client":
      return `${r.user.id};;${r.client.id}`;
    case "missingGrant":
      return `${r.user.id};;${r.client.id};;${FAKE_GRANT}`;
    case "missingClient":
      return `${r.user.id};;no_such_client;;${r.grant.id}`;
  }
}

export function resolveToken(sel: TokenSel, model: SessionModel, sessionId: string): string | undefined {
  if (sel.kind === "pool") return sel.v;
  const tokens = sel.kind === "other" ? model.grants().flatMap((r) => r.grant.tokens) : (model.grantOf(sessionId)?.tokens ?? []);
  if (sel.kind === "last") return tokens.length ? tokens[tokens.length - 1].value : undefined;
  if (sel.kind === "first") return tokens.length >= sel.back ? tokens[tokens.length - sel.back].value : undefined;
  if (tokens.length === 0) return sel.kind === "ownIfAny" ? undefined : TOKEN_VALUES[sel.i % TOKEN_VALUES.length];
  if (sel.kind === "parent") {
    const parents = tokens.filter((t) => tokens.some((c) => c.based_on === t.value));
    if (parents.length) return parents[sel.i % parents.length].value;
  }
  return tokens[sel.i % tokens.length].value;
}

export function resolveTime(sel: TimeSel, now: number): unknown {
  return "rel" in sel ? Math.max(0, now + sel.rel) : sel.abs;
}

/** A snapshot source for `importState`: the manager's snapshots so far (JSON text). */
export interface SnapshotHistory {
  snapshots: string[];
}

/**
 * Turns a spec into a concrete operation against the model's current state.
 * `history` supplies earlier snapshots for `importState`.
 */
export function resolveOperation(spec: OpSpec, model: SessionModel, history: SnapshotHistory): Resolved {
  switch (spec.op) {
    case "createSession":
      return { operation: { op: "createSession", args: cleanArgs(spec.args) } };
    case "addGrant": {
      const grant: Record<string, unknown> = {};
      for (const k of Object.keys(spec.grant)) withKey(grant, k, spec.grant[k]);
      for (const [k, t] of Object.entries(spec.times)) grant[k] = resolveTime(t, model.now);
      return { operation: { op: "addGrant", args: { userId: spec.userId, clientId: spec.clientId, grant } } };
    }
    case "mintToken": {
      const sessionId = resolveSession(spec.session, model);
      const args: Record<string, unknown> = { sessionId, type: spec.type, ...spec.fields };
      if (spec.value !== undefined) args.value = spec.value;
      const basedOn = spec.basedOn && resolveToken(spec.basedOn, model, sessionId);
      if (basedOn !== undefined) args.basedOn = basedOn;
      for (const [k, t] of Object.entries(spec.times)) args[k] = resolveTime(t, model.now);
      return { operation: { op: "mintToken", args } };
    }
    case "registerUsage":
    case "revokeToken": {
      const sessionId = resolveSession(spec.session, model);
      const args: Record<string, unknown> = { sessionId, value: resolveToken(spec.token, model, sessionId) ?? "v1" };
      if (spec.op === "revokeToken" && spec.recursive !== undefined) args.recursive = spec.recursive;
      return { operation: { op: spec.op, args } };
    }
    case "revokeGrant":
    case "revokeClientSession":
    case "removeSession":
      return { operation: { op: spec.op, args: { sessionId: resolveSession(spec.session, model) } } };
    case "advanceClock":
      return { operation: { op: "advanceClock", args: { seconds: spec.seconds } } };
    case "setClock":
      return { operation: { op: "setClock", args: { now: resolveTime(spec.now, model.now) } } };
    case "importState":
      return resolveImport(spec, history);
    case "chain":
      throw new Error("expand a chain with expandSpec first");
    case "garbage":
      return { operation: mangle(spec.kind, resolveOperation(expandSpec(spec.inner)[0], model, history).operation), expected: { ok: false, code: "invalid_argument" } };
  }
}

function cleanArgs(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(args)) if (args[k] !== undefined) out[k] = args[k];
  return out;
}

function resolveImport(spec: Extract<OpSpec, { op: "importState" }>, history: SnapshotHistory): Resolved {
  const base = history.snapshots[spec.i % history.snapshots.length];
  const strictArg = spec.strict === undefined ? {} : { strict: spec.strict };
  const op = (snapshot: unknown, ok: boolean): Resolved => ({
    operation: { op: "importState", args: { source: "property test", snapshot, ...strictArg } },
    expected: ok ? { ok: true } : { ok: false, code: "invalid_state_file" },
  });
  if (spec.kind === "notObject") return op([5, "x", null, []][spec.i % 4], false);
  const snapshot = JSON.parse(base) as { db: Record<string, Record<string, unknown>> };
  if (spec.kind === "earlier") return op(snapshot, true);
  const keys = Object.keys(snapshot.db);
  if (spec.kind === "broken") {
    const userKey = keys.find((k) => !k.includes(";;"));
    if (userKey) (snapshot.db[userKey].subordinate as string[]).push("ghost_client");
    else withKey(snapshot.db, "ghost;;client", { type: "ClientSessionInfo", client_id: "client", subordinate: [], revoked: false, extra: {} });
    return op(snapshot, false);
  }
  // dangling: one token's based_on names a value no token has
  const grantKey = keys.find((k) => k.split(";;").length === 3 && (snapshot.db[k].issued_token as unknown[]).length > 0);
  if (!grantKey) return op(snapshot, true);
  const tokens = snapshot.db[grantKey].issued_token as Record<string, unknown>[];
  tokens[spec.i % tokens.length].based_on = "no-such-value";
  return op(snapshot, spec.strict === false);
}

const TYPED_KEYS: Record<OperationName, string> = {
  createSession: "userId",
  addGrant: "grant",
  mintToken: "sessionId",
  registerUsage: "value",
  revokeToken: "sessionId",
  revokeGrant: "sessionId",
  revokeClientSession: "sessionId",
  removeSession: "sessionId",
  advanceClock: "seconds",
  setClock: "now",
  importState: "source",
};

function mangle(kind: string, operation: unknown): unknown {
  const o = operation as { op: string; args: Record<string, unknown> };
  switch (kind) {
    case "unknownOp":
      return { op: ["deleteEverything", "toString", "__proto__", ""][o.op.length % 4], args: o.args };
    case "notObject":
      return [null, 42, "createSession", [o]][o.op.length % 4];
    case "extraKey":
      return { op: o.op, args: { ...o.args, unexpected: true } };
    case "protoKey":
      return { op: o.op, args: withKey({ ...o.args }, "__proto__", { polluted: true }) };
    case "wrongType":
      return { op: o.op, args: { ...o.args, [TYPED_KEYS[o.op as OperationName]]: isObject(o.args[TYPED_KEYS[o.op as OperationName]]) ? "not an object" : { not: "a string" } } };
    case "noArgs":
      return { op: o.op };
    default:
      throw new Error(`unknown mangle ${kind}`);
  }
}
