import { z } from "zod";
import { InvalidStateFile, type Problem } from "./errors.ts";
import { deepNesting, formatPath, isPlainObject, isStringArray, MAX_NESTING } from "./json.ts";
import { DIVIDER } from "./keys.ts";

const time = z.int().nonnegative();
const id = z.string().min(1).refine((s) => !s.includes(DIVIDER), { message: `must not contain "${DIVIDER}"` });

// The schemas only validate: parseSnapshot hands back the input itself, so key order and own
// `__proto__` keys survive (zod's output reorders keys and skips `__proto__`, which would break the
// byte-for-byte round trip and drop a user named "__proto__"), and 100,000 tokens are checked
// without copying each one. The constructors copy what they keep.

/** A record checked entry by entry over every own key (zod's record skips `__proto__`). */
function ownRecord<T extends z.ZodType>(value: T) {
  return z.custom<Record<string, z.output<T>>>().superRefine((input, ctx) => {
    if (!isPlainObject(input)) {
      ctx.addIssue({ code: "custom", message: "expected an object" });
      return;
    }
    for (const key of Object.keys(input)) {
      const parsed = value.safeParse(input[key]);
      if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: [key, ...issue.path] } as never);
    }
  });
}

export const usageRulesSchema = z.looseObject({
  expires_in: time.optional(),
  supports_minting: z.array(z.string()).optional(),
  max_usage: time.optional(),
});

const jsonObject = z.record(z.string(), z.unknown());

export const tokenSchema = z.object({
  type: z.string().min(1),
  value: z.string(),
  based_on: z.string().nullable(),
  id: z.string(),
  scope: z.array(z.string()),
  claims: jsonObject,
  resources: z.array(z.string()),
  issued_at: time,
  not_before: time,
  expires_at: time,
  revoked: z.boolean(),
  used: time,
  usage_rules: usageRulesSchema,
});

type TokenJSON = z.output<typeof tokenSchema>;

const isTime = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

const isId = (v: unknown): boolean => typeof v === "string" && v.length > 0 && !v.includes(DIVIDER);

// The snapshot schemas written out by hand, as yes/no checks that allocate nothing. They accept
// exactly what the schemas accept for JSON data (property tests compare the two); parseSnapshot
// asks zod only when they say no, for the problems and their paths.

function isUsageRules(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  return (v.expires_in === undefined || isTime(v.expires_in)) && (v.max_usage === undefined || isTime(v.max_usage)) && (v.supports_minting === undefined || isStringArray(v.supports_minting));
}

function isRulesRecord(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  for (const key of Object.keys(v)) if (!isUsageRules(v[key])) return false;
  return true;
}

/** `tokenSchema` as a yes/no check. */
function isTokenShape(input: unknown): boolean {
  if (!isPlainObject(input)) return false;
  const { type, value, based_on, id, scope, claims, resources, issued_at, not_before, expires_at, revoked, used, usage_rules } = input;
  if (typeof type !== "string" || type.length < 1 || typeof value !== "string" || typeof id !== "string") return false;
  if (based_on !== null && typeof based_on !== "string") return false;
  if (!isStringArray(scope) || !isStringArray(resources) || !z.util.isPlainObject(claims)) return false;
  if (!isTime(issued_at) || !isTime(not_before) || !isTime(expires_at) || !isTime(used) || typeof revoked !== "boolean") return false;
  return isUsageRules(usage_rules);
}

function isSessionInfoShape(node: Record<string, unknown>): boolean {
  const { subordinate } = node;
  if (!Array.isArray(subordinate) || typeof node.revoked !== "boolean" || !z.util.isPlainObject(node.extra)) return false;
  for (let i = 0; i < subordinate.length; i++) if (!isId(subordinate[i])) return false;
  return true;
}

function isGrantShape(node: Record<string, unknown>): boolean {
  const { scope, claims, resources, authorization_request: request, authentication_event: event, issued_token: tokens } = node;
  // authorization_details may hold anything, but zod wants the key there.
  if (!("authorization_details" in node)) return false;
  if (!isId(node.id) || !isStringArray(scope) || !z.util.isPlainObject(claims) || !isStringArray(resources) || typeof node.sub !== "string") return false;
  if ((request !== null && !z.util.isPlainObject(request)) || (event !== null && !z.util.isPlainObject(event))) return false;
  if (!isTime(node.issued_at) || !isTime(node.not_before) || !isTime(node.expires_at) || !isTime(node.used) || typeof node.revoked !== "boolean") return false;
  if (!isRulesRecord(node.usage_rules) || !Array.isArray(tokens)) return false;
  for (let i = 0; i < tokens.length; i++) if (!isTokenShape(tokens[i])) return false;
  return true;
}

/** `nodeSchema` as a yes/no check. */
function isNodeShape(node: unknown): boolean {
  if (!isPlainObject(node)) return false;
  if (node.type === "UserSessionInfo") return isId(node.user_id) && isSessionInfoShape(node);
  if (node.type === "ClientSessionInfo") return isId(node.client_id) && isSessionInfoShape(node);
  return node.type === "grant" && isGrantShape(node);
}

/** `managerSnapshotSchema` as a yes/no check. */
export function isSnapshotShape(input: unknown): boolean {
  if (!isPlainObject(input)) return false;
  const { db, random, clock } = input;
  if (typeof input.salt !== "string" || !isPlainObject(db)) return false;
  if (random !== null) {
    if (!isPlainObject(random) || typeof random.seed !== "string") return false;
    const { state } = random;
    if (!Array.isArray(state) || state.length !== 4 || !state.every((n) => Number.isSafeInteger(n))) return false;
  }
  if (clock !== null && (!isPlainObject(clock) || !isTime(clock.now))) return false;
  if (!isRulesRecord(input.token_types) || !isRulesRecord(input.usage_policy)) return false;
  for (const key of Object.keys(db)) if (!isNodeShape(db[key])) return false;
  return true;
}

/**
 * `tokenSchema`'s parser for zod's fast path (zod runs it when the whole snapshot fails the
 * check above and the problems are wanted): the token copied when valid, else `z.INVALID`, so
 * zod's own parser runs and reports the problems with their paths.
 */
export function parseTokenFast(input: unknown): TokenJSON | typeof z.INVALID {
  if (!isTokenShape(input)) return z.INVALID;
  const t = input as TokenJSON;
  // Fresh output with the schema's keys only, as zod's own parse gives (parseSnapshot reads the input, not this).
  return {
    type: t.type,
    value: t.value,
    based_on: t.based_on,
    id: t.id,
    scope: t.scope.slice(),
    claims: { ...t.claims },
    resources: t.resources.slice(),
    issued_at: t.issued_at,
    not_before: t.not_before,
    expires_at: t.expires_at,
    revoked: t.revoked,
    used: t.used,
    usage_rules: { ...t.usage_rules },
  };
}

/** `tokenSchema` with the hand-written fast path in front (zod's hook for a parser made without `new Function`, which the CSP forbids). */
const restoredTokenSchema = z.withParser(tokenSchema, parseTokenFast);

const sessionInfoFields = {
  subordinate: z.array(id),
  revoked: z.boolean(),
  extra: jsonObject,
};

export const userSessionInfoSchema = z.object({ type: z.literal("UserSessionInfo"), user_id: id, ...sessionInfoFields });
export const clientSessionInfoSchema = z.object({ type: z.literal("ClientSessionInfo"), client_id: id, ...sessionInfoFields });

export const grantSchema = z.object({
  type: z.literal("grant"),
  id,
  scope: z.array(z.string()),
  claims: jsonObject,
  resources: z.array(z.string()),
  authorization_details: z.unknown(),
  authorization_request: jsonObject.nullable(),
  authentication_event: jsonObject.nullable(),
  sub: z.string(),
  usage_rules: ownRecord(usageRulesSchema),
  issued_token: z.array(restoredTokenSchema),
  issued_at: time,
  not_before: time,
  expires_at: time,
  revoked: z.boolean(),
  used: time,
});

export const nodeSchema = z.discriminatedUnion("type", [userSessionInfoSchema, clientSessionInfoSchema, grantSchema]);

/** The JSON a `SessionManager` saves itself as (`manager.toJSON()`). */
export const managerSnapshotSchema = z.object({
  salt: z.string(),
  db: ownRecord(nodeSchema),
  random: z.object({ seed: z.string(), state: z.tuple([z.int(), z.int(), z.int(), z.int()]) }).nullable(),
  clock: z.object({ now: time }).nullable(),
  token_types: ownRecord(usageRulesSchema),
  usage_policy: ownRecord(usageRulesSchema),
});

export type ManagerSnapshot = z.infer<typeof managerSnapshotSchema>;
export type NodeJSON = z.infer<typeof nodeSchema>;

/**
 * Turns zod's issues into problems with readable JSON paths under `prefix`. An unknown key is
 * reported at that key (zod puts it at the enclosing object, which for the whole file is ""), and
 * a union that matched no branch reports the branch that came closest, so the path names the field.
 */
export function zodProblems(error: z.ZodError, prefix: readonly PropertyKey[] = []): Problem[] {
  return issueProblems(error.issues, prefix);
}

function issueProblems(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[]): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.push({ path: formatPath([...path, key]), message: "is not a field here; remove it" });
    } else if (issue.code === "invalid_union" && issue.errors.length > 0) {
      const closest = issue.errors.reduce((best, branch) => (branch.length < best.length ? branch : best));
      out.push(...issueProblems(closest, path));
    } else {
      out.push({ path: formatPath(path), message: issue.message });
    }
  }
  return out;
}

/** Checks shape and structure of a snapshot; returns it typed, or throws `InvalidStateFile` listing every problem. */
export function parseSnapshot(
  input: unknown,
  options: { prefix?: readonly PropertyKey[]; knownTypes?: readonly string[]; strict?: boolean } = {},
): { snapshot: ManagerSnapshot; warnings: Problem[] } {
  const prefix = options.prefix ?? [];
  // Restoring copies claims and requests recursively: refuse absurd nesting before it overflows the stack.
  const deep = deepNesting(input, MAX_NESTING);
  // The path keeps its first 4 steps, counted from the file when the snapshot sits in one (as a state file's own check counts them).
  if (deep) throw new InvalidStateFile([{ path: formatPath([...prefix, ...deep].slice(0, Math.max(4, prefix.length))), message: `nests JSON more than ${MAX_NESTING} levels deep` }]);
  if (!isSnapshotShape(input)) {
    const parsed = managerSnapshotSchema.safeParse(input);
    if (!parsed.success) throw new InvalidStateFile(zodProblems(parsed.error, prefix));
  }
  // Validated: use the input itself (see above), not zod's reordered copy.
  const snapshot = input as ManagerSnapshot;
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const at = (...p: PropertyKey[]) => formatPath([...prefix, "db", ...p]);
  const known = new Set([...(options.knownTypes ?? []), ...Object.keys(snapshot.token_types)]);
  const db = snapshot.db;
  for (const [key, node] of Object.entries(db)) {
    const parts = key.split(DIVIDER);
    if (parts.length > 3 || parts.some((p) => p.length === 0)) {
      problems.push({ path: at(key), message: "key must be user, user;;client or user;;client;;grant with non-empty parts" });
      continue;
    }
    const expected = ["UserSessionInfo", "ClientSessionInfo", "grant"][parts.length - 1];
    if (node.type !== expected) {
      problems.push({ path: at(key, "type"), message: `a node under a ${parts.length}-part key must be a ${expected}, not ${node.type}` });
      continue;
    }
    const own = node.type === "UserSessionInfo" ? node.user_id : node.type === "ClientSessionInfo" ? node.client_id : node.id;
    const ownField = node.type === "UserSessionInfo" ? "user_id" : node.type === "ClientSessionInfo" ? "client_id" : "id";
    if (own !== parts[parts.length - 1]) {
      problems.push({ path: at(key, ownField), message: `must equal the last part of its key ("${parts[parts.length - 1]}")` });
    }
    if (node.type !== "grant") {
      const seen = new Set<string>();
      node.subordinate.forEach((child, i) => {
        if (seen.has(child)) problems.push({ path: at(key, "subordinate", i), message: `"${child}" is listed twice` });
        seen.add(child);
        if (!Object.hasOwn(db, key + DIVIDER + child)) {
          problems.push({ path: at(key, "subordinate", i), message: `points to "${key + DIVIDER + child}", which is not in the database` });
        }
      });
    }
    if (parts.length > 1) {
      const parentKey = parts.slice(0, -1).join(DIVIDER);
      const parent = Object.hasOwn(db, parentKey) ? db[parentKey] : undefined;
      if (!parent || parent.type === "grant" || !parent.subordinate.includes(parts[parts.length - 1])) {
        problems.push({ path: at(key), message: `is not reachable: its parent "${parentKey}" ${parent ? "does not list it in subordinate" : "is missing"}` });
      }
    }
    if (node.type === "grant") {
      const firstIndex = new Map<string, number>();
      node.issued_token.forEach((token, i) => {
        if (known.size && !known.has(token.type)) {
          problems.push({ path: at(key, "issued_token", i, "type"), message: `unknown token type "${token.type}"; register it in token_types` });
        }
        if (token.based_on !== null) {
          const parentIndex = firstIndex.get(token.based_on);
          if (parentIndex === undefined) {
            (options.strict === false ? warnings : problems).push({
              path: at(key, "issued_token", i, "based_on"),
              message: `no earlier token of this grant has the value "${token.based_on}"`,
            });
          }
        }
        if (!firstIndex.has(token.value)) firstIndex.set(token.value, i);
      });
    }
  }
  if (problems.length) throw new InvalidStateFile(problems);
  return { snapshot, warnings };
}
