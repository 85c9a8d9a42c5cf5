import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { InvalidStateFile } from "./errors.ts";
import { isSnapshotShape, managerSnapshotSchema, parseSnapshot, parseTokenFast, tokenSchema } from "./snapshot.ts";
import { authnEvent, AUTH_REQ, withSession } from "./test-helpers.ts";

const validToken = {
  type: "access_token",
  value: "at_1",
  based_on: "code_1",
  id: "t1",
  scope: ["openid"],
  claims: { userinfo: { email: null } },
  resources: [],
  issued_at: 1_700_000_000,
  not_before: 0,
  expires_at: 0,
  revoked: false,
  used: 0,
  usage_rules: { supports_minting: ["id_token"], max_usage: 1, extra_rule: { kept: true } },
};

// Values a token field may hold after JSON.parse or a structured clone (IndexedDB), good and bad.
const edgeValues: unknown[] = [undefined, NaN, Infinity, -0, -1, 1.5, 2 ** 53, Number.MAX_SAFE_INTEGER, "", "x", [], {}, ["a", 1], ["a"], [null], Object.create(null), new Date(0), null, true, 0];
const fieldValue = fc.oneof(fc.jsonValue(), fc.constantFrom(...edgeValues));
const tokenKeys = Object.keys(validToken) as (keyof typeof validToken)[];
const ruleKeys = ["expires_in", "supports_minting", "max_usage"] as const;

const mutatedToken = fc
  .record({
    fields: fc.dictionary(fc.constantFrom(...tokenKeys), fieldValue, { maxKeys: 3 }),
    rules: fc.dictionary(fc.constantFrom(...ruleKeys), fieldValue, { maxKeys: 2 }),
    drop: fc.subarray(tokenKeys, { maxLength: 2 }),
  })
  .map(({ fields, rules, drop }) => {
    const token: Record<string, unknown> = { ...validToken, usage_rules: { ...validToken.usage_rules, ...rules }, ...fields };
    for (const key of drop) delete token[key];
    return token;
  });

describe("the fast token check", () => {
  it("agrees with tokenSchema on every edge value in every field", () => {
    const same = (input: unknown) => expect(parseTokenFast(input) !== z.INVALID, JSON.stringify(input)).toBe(tokenSchema.safeParse(input).success);
    for (const value of edgeValues) {
      same(value);
      for (const key of tokenKeys) same({ ...validToken, [key]: value });
      for (const key of ruleKeys) same({ ...validToken, usage_rules: { ...validToken.usage_rules, [key]: value } });
    }
    for (const key of tokenKeys) {
      const { [key]: _, ...without } = validToken;
      same(without);
    }
  });

  it("accepts exactly the tokens tokenSchema accepts", () => {
    fc.assert(
      fc.property(fc.oneof(mutatedToken, fieldValue), (input) => {
        expect(parseTokenFast(input) !== z.INVALID).toBe(tokenSchema.safeParse(input).success);
      }),
      { numRuns: 3000 },
    );
  });

  it("still reports a bad token field with its path, through zod", () => {
    const grant = {
      type: "grant",
      id: "g1",
      scope: [],
      claims: {},
      resources: [],
      authorization_details: null,
      authorization_request: null,
      authentication_event: null,
      sub: "s",
      usage_rules: {},
      issued_token: [validToken, { ...validToken, value: "at_2", used: -1 }],
      issued_at: 0,
      not_before: 0,
      expires_at: 0,
      revoked: false,
      used: 0,
    };
    const snapshot = {
      salt: "s",
      db: {
        u: { type: "UserSessionInfo", user_id: "u", subordinate: ["c"], revoked: false, extra: {} },
        "u;;c": { type: "ClientSessionInfo", client_id: "c", subordinate: ["g1"], revoked: false, extra: {} },
        "u;;c;;g1": grant,
      },
      random: null,
      clock: null,
      token_types: {},
      usage_policy: {},
    };
    let error: unknown;
    try {
      parseSnapshot(snapshot);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidStateFile);
    expect((error as InvalidStateFile).problems.map((p) => p.path)).toEqual(['db["u;;c;;g1"].issued_token[1].used']);
  });
});

/** A snapshot with every kind of node and field filled in: rules, claims, requests, a revoked token, a second client. */
function richSnapshot(): Record<string, unknown> {
  const { manager, sid } = withSession({ usagePolicy: { access_token: { expires_in: 600 } }, tokenTypes: { device_code: { max_usage: 1 } } });
  const code = manager.mintToken(sid, "authorization_code", { claims: { userinfo: { email: null } }, scope: ["openid", "email"] });
  const at = manager.mintToken(sid, "access_token", { basedOn: code.value, resources: ["https://rs.example"] });
  manager.mintToken(sid, "device_code");
  manager.revokeToken(sid, at.value);
  manager.createSession({ authnEvent: authnEvent(), authReq: { ...AUTH_REQ, client_id: "client_2" }, userId: "diana" });
  return JSON.parse(JSON.stringify(manager.toJSON()));
}

/** Every path in a JSON value (the root included), parents before children. */
function pathsIn(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const out = [path];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsIn(v, [...path, i])));
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) out.push(...pathsIn(v, [...path, k]));
  return out;
}

/** A copy of `root` with the value at `path` replaced (or, for `DELETE`, removed); unchanged when the path is no longer there. */
function withValueAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value === DELETE ? undefined : value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const step of path.slice(0, -1)) {
    if (parent === null || typeof parent !== "object") return copy;
    parent = parent[step] as Record<string | number, unknown>;
  }
  if (parent === null || typeof parent !== "object") return copy;
  const last = path[path.length - 1];
  if (value === DELETE) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = value;
  return copy;
}
const DELETE = Symbol("delete");

const describeValue = (value: unknown) => (value === DELETE ? "(deleted)" : Object.prototype.toString.call(value) + " " + (JSON.stringify(value) ?? String(value)));

describe("the fast snapshot shape check", () => {
  const rich = richSnapshot();
  const paths = pathsIn(rich);

  it("accepts a real snapshot, as the schema does", () => {
    expect(managerSnapshotSchema.safeParse(rich).success).toBe(true);
    expect(isSnapshotShape(rich)).toBe(true);
  });

  it("agrees with managerSnapshotSchema on every edge value at every path, and on every deletion", () => {
    for (const path of paths) {
      const here = path.reduce<unknown>((v, step) => (v as Record<string | number, unknown>)[step], rich);
      // A list one longer (a tuple must not be), besides the edge values and a deletion.
      const longer = Array.isArray(here) && here.length > 0 ? [[...here, here[here.length - 1]]] : [];
      for (const value of [...edgeValues, ...longer, DELETE]) {
        const input = withValueAt(rich, path, value);
        expect(isSnapshotShape(input), `${JSON.stringify(path)} = ${describeValue(value)}`).toBe(managerSnapshotSchema.safeParse(input).success);
      }
    }
  });

  it("agrees with managerSnapshotSchema on random values put anywhere", () => {
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.oneof(fc.jsonValue(), fc.constantFrom(...edgeValues, DELETE)), fc.constantFrom(...paths), fc.jsonValue(), (p1, v1, p2, v2) => {
        const input = withValueAt(withValueAt(rich, p1, v1), p2, v2);
        expect(isSnapshotShape(input)).toBe(managerSnapshotSchema.safeParse(input).success);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("SessionManager.validateJSON", () => {
  it("refuses what fromJSON refuses, with the same problems, and returns a good snapshot as it is", async () => {
    const { SessionManager } = await import("./session-manager.ts");
    const manager = new SessionManager();
    const sid = manager.createSession({ userId: "diana", clientId: "client_1", authReq: { scope: "openid" } });
    manager.mintToken(sid, "authorization_code");
    const good = manager.toJSON();
    expect(SessionManager.validateJSON(good)).toBe(good);
    const bad = JSON.parse(JSON.stringify(good));
    bad.db["diana;;client_1"].subordinate.push("nope");
    const problems = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as InvalidStateFile).problems;
      }
      return null;
    };
    const expected = problems(() => SessionManager.fromJSON(bad, { pathPrefix: ["snapshot"] }));
    expect(expected).not.toBeNull();
    expect(problems(() => SessionManager.validateJSON(bad, { pathPrefix: ["snapshot"] }))).toEqual(expected);
  });
});
