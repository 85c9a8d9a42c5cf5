import { describe, expect, test } from "vitest";
import type { Grant } from "../core/index.ts";
import { replay, Workspace } from "../ops/index.ts";
import { exportPythonDumpValue, importPythonDump, importPythonDumpValue, keptFields } from "./index.ts";
import { FIXTURES, fixture, fixtureText, PAIRWISE_DIANA, PUBLIC_DIANA, resultOf, T0, type FixtureName } from "./test-fixtures.ts";
import { caughtStateFile } from "../test-support/caught-state-file.ts";

function open(name: FixtureName) {
  return importPythonDump(fixtureText(name));
}

function grantsOf(ws: Workspace): Grant[] {
  const m = ws.manager;
  return m.getSidsByUserId("diana").map((sid) => m.getGrant(sid));
}

function tokenFieldsOf(name: FixtureName, grantKey: string): Record<string, unknown>[] {
  // issued_token is left out of the dump when a grant has none
  const items = (fixture(name).db[grantKey][1].issued_token ?? []) as Record<string, Record<string, unknown>>[];
  return items.map((wrapped) => Object.values(wrapped)[0]);
}

describe("importPythonDump: the fixtures", () => {
  // Expected numbers from the fixtures' README, not from the importer's output.
  const expected: Record<FixtureName, { users: number; clients: number; grants: number; tokens: number; revoked: number }> = {
    // diana at client_1; a code, then an access, refresh and ID token from it; nothing revoked.
    "idpy-oidc-code-flow": { users: 1, clients: 1, grants: 1, tokens: 4, revoked: 0 },
    // diana: client_1 (two grants) and client_2 (one grant), no tokens.
    "idpy-oidc-two-clients-pairwise": { users: 1, clients: 2, grants: 3, tokens: 0, revoked: 0 },
    // the code flow plus a second access token from the refresh token; that refresh token and
    // that access token revoked; a second grant revoked.
    "idpy-oidc-revoked": { users: 1, clients: 1, grants: 2, tokens: 5, revoked: 3 },
    "oidc-op-code-flow": { users: 1, clients: 1, grants: 1, tokens: 4, revoked: 0 },
  };

  test.each(FIXTURES)("%s opens with the README's counts of users, clients, grants, tokens and revoked flags", (name) => {
    const result = open(name);
    expect(result.counts).toEqual(expected[name]);
    expect(result.library).toBe(name.startsWith("oidc-op") ? "oidc-op" : "idpy-oidc");
    expect(result.warnings).toEqual([]);
    // The same numbers, counted in the workspace's state.
    const db = result.workspace.manager.toJSON().db;
    const nodes = Object.values(db);
    const grants = nodes.filter((n) => n.type === "grant");
    const tokens = grants.flatMap((g) => g.issued_token);
    expect(nodes.filter((n) => n.type === "UserSessionInfo")).toHaveLength(expected[name].users);
    expect(nodes.filter((n) => n.type === "ClientSessionInfo")).toHaveLength(expected[name].clients);
    expect(grants).toHaveLength(expected[name].grants);
    expect(tokens).toHaveLength(expected[name].tokens);
    expect(nodes.filter((n) => n.revoked).length + tokens.filter((t) => t.revoked).length).toBe(expected[name].revoked);
  });

  test("the journal starts with a single importState entry naming the library and its version guess", () => {
    const { workspace, versionGuess } = open("idpy-oidc-code-flow");
    expect(versionGuess).toBe("4.x–5.x");
    expect(workspace.journal).toHaveLength(1);
    const entry = workspace.journal[0];
    expect(entry).toMatchObject({ seq: 1, at: workspace.start_time, result: {} });
    expect(entry.operation.op).toBe("importState");
    expect(entry.operation.args).toMatchObject({ source: "idpy-oidc 4.x–5.x", strict: false });
    expect(open("oidc-op-code-flow").workspace.journal[0].operation.args).toMatchObject({ source: "oidc-op 2.x" });
  });

  test("everything after the import replays, through a state file too", () => {
    const { workspace } = open("idpy-oidc-revoked");
    const sid = workspace.manager.getSidsByUserId("diana")[0];
    const firstAccess = workspace.manager.getGrant(sid).issued_token[1].value;
    workspace.apply({ op: "revokeToken", args: { sessionId: sid, value: firstAccess } });
    workspace.apply({ op: "createSession", args: { userId: "erik", clientId: "client_1" } });
    expect(JSON.stringify(replay(workspace.base, workspace.journal).toJSON())).toBe(JSON.stringify(workspace.manager.toJSON()));
    const reloaded = Workspace.fromStateFile(workspace.toStateFile());
    expect(JSON.stringify(reloaded.manager.toJSON())).toBe(JSON.stringify(workspace.manager.toJSON()));
  });

  test("the same dump opens as the same workspace, whatever its key order", () => {
    const a = open("idpy-oidc-code-flow").workspace;
    const reordered = fixture("idpy-oidc-code-flow");
    const text = JSON.stringify({ crypt_config: reordered.crypt_config, db: Object.fromEntries(Object.entries(reordered.db).reverse()) });
    const b = importPythonDump(text).workspace;
    expect(b.seed).toBe(a.seed);
    expect(b.start_time).toBe(a.start_time);
  });

  test.each(FIXTURES)("%s: tokens keep their values, times, flags, counters and scopes exactly", (name) => {
    const { workspace } = open(name);
    for (const grant of grantsOf(workspace)) {
      const key = Object.keys(fixture(name).db).find((k) => k.endsWith(";;" + grant.id))!;
      const source = tokenFieldsOf(name, key);
      expect(grant.issued_token.map((t) => t.type)).toEqual(source.map((s) => s.token_class));
      grant.issued_token.forEach((t, i) => {
        const s = source[i];
        expect({
          value: t.value,
          based_on: t.based_on,
          id: t.id,
          issued_at: t.issued_at,
          expires_at: t.expires_at,
          not_before: t.not_before,
          revoked: t.revoked,
          used: t.used,
          usage_rules: t.usage_rules,
          scope: t.scope,
        }).toEqual({
          value: s.value,
          based_on: s.based_on ?? null,
          id: s.id,
          issued_at: s.issued_at,
          expires_at: s.expires_at,
          not_before: s.not_before,
          revoked: s.revoked,
          used: s.used,
          usage_rules: s.usage_rules,
          scope: s.scope,
        });
      });
    }
  });

  test("the code has used 2 in idpy-oidc (minting counts a use there) and 1 in oidc-op; both grants used 4", () => {
    for (const [name, codeUsed] of [["idpy-oidc-code-flow", 2], ["oidc-op-code-flow", 1]] as const) {
      const [grant] = grantsOf(open(name).workspace);
      const code = grant.issued_token.find((t) => t.type === "authorization_code")!;
      expect(code.used).toBe(codeUsed);
      expect(code.usage_rules.max_usage).toBe(1);
      expect(code.maxUsageReached()).toBe(true);
      expect(grant.used).toBe(4);
      // access, refresh and ID token all minted from the code
      expect(grant.childrenOf(code.value).map((t) => t.type)).toEqual(["access_token", "refresh_token", "id_token"]);
    }
  });

  test("the grant keeps its request (scope as a space-separated string) and authentication event, unwrapped", () => {
    const [grant] = grantsOf(open("idpy-oidc-code-flow").workspace);
    expect(grant.authorization_request).toEqual({
      client_id: "client_1",
      redirect_uri: "https://example.com/cb",
      scope: "openid email",
      state: "STATE",
      response_type: "code",
    });
    expect(grant.authentication_event).toEqual({
      uid: "diana",
      authn_info: "urn:oasis:names:tc:SAML:2.0:ac:classes:InternetProtocolPassword",
      authn_time: T0,
      valid_until: T0 + 3600,
    });
    expect(grant.scope).toEqual(["openid", "email"]);
    expect(grant.sub).toBe(PUBLIC_DIANA);
  });

  test("pairwise grants all carry the sector's sub, and client_1 lists both of its grants", () => {
    const { workspace } = open("idpy-oidc-two-clients-pairwise");
    const m = workspace.manager;
    const grants = grantsOf(workspace);
    expect(grants).toHaveLength(3);
    expect(new Set(grants.map((g) => g.sub))).toEqual(new Set([PAIRWISE_DIANA]));
    expect(m.getUserInfo("diana").subordinate).toEqual(["client_1", "client_2"]);
    expect(m.grants({ userId: "diana", clientId: "client_1" }).map((g) => g.scope)).toEqual([
      ["openid", "email"],
      ["openid", "profile"],
    ]);
    expect(m.grants({ userId: "diana", clientId: "client_2" }).map((g) => g.issued_at)).toEqual([T0 + 5]);
  });

  test("idpy-oidc-revoked: the refresh token and the access token from it are revoked, the first access and ID token are not, and the second grant is", () => {
    const { workspace } = open("idpy-oidc-revoked");
    const [first, second] = grantsOf(workspace);
    const [code, access1, refresh, idToken, access2] = first.issued_token;
    expect([code.type, access1.type, refresh.type, idToken.type, access2.type]).toEqual([
      "authorization_code", "access_token", "refresh_token", "id_token", "access_token",
    ]);
    expect(access2.based_on).toBe(refresh.value);
    expect(refresh.revoked).toBe(true);
    expect(access2.revoked).toBe(true);
    expect(access1.revoked).toBe(false);
    expect(idToken.revoked).toBe(false);
    expect(code.revoked).toBe(false);
    expect(refresh.used).toBe(2);
    expect(first.revoked).toBe(false);
    expect(second.revoked).toBe(true);
    expect(second.issued_token).toEqual([]);
    expect(second.authentication_event?.authn_info).toBeNull();
  });

  test("the virtual clock starts at the dump's latest issue time, so statuses read as they did on the server", () => {
    const flow = open("idpy-oidc-code-flow");
    expect(flow.workspace.start_time).toBe(T0 + 11); // the code exchange
    const revoked = open("idpy-oidc-revoked");
    expect(revoked.workspace.start_time).toBe(T0 + 76); // the second, revoked grant
    const m = revoked.workspace.manager;
    const sid = m.getSidsByUserId("diana")[0];
    const [code, access1, refresh, idToken, access2] = m.getGrant(sid).issued_token;
    expect(m.tokenStatus(sid, code.value).reasons).toEqual(["max_usage_reached"]);
    expect(m.tokenStatus(sid, access1.value)).toMatchObject({ effective: true, reasons: [] });
    expect(m.tokenStatus(sid, idToken.value)).toMatchObject({ effective: true });
    expect(m.tokenStatus(sid, refresh.value).reasons).toEqual(["revoked"]);
    expect(m.tokenStatus(sid, access2.value).reasons).toEqual(["revoked"]);
    expect(importPythonDump(fixtureText("idpy-oidc-code-flow"), { startTime: T0 + 4000 }).workspace.start_time).toBe(T0 + 4000);
  });

  test("session ids handed to clients stay opaque text: the ID token's session_id is kept as written", () => {
    const result = open("oidc-op-code-flow");
    const [grant] = grantsOf(result.workspace);
    const idToken = grant.issued_token[3];
    const source = tokenFieldsOf("oidc-op-code-flow", "diana;;client_1;;e5df1c22599552b125faac6f6831bb2d")[3];
    expect(idToken.value).toBe(source.value);
    const kept = keptFields(result.workspace, "diana;;client_1;;" + grant.id, idToken.value);
    expect(kept.find((f) => f.name === "session_id")).toMatchObject({ value: source.session_id, kind: "python_field" });
    expect(kept.find((f) => f.name === "session_id")!.message).toMatch(/opaque/);
  });

  test("sessions created after the import get the server's subjects: the salt is the one that reproduces the dump's", () => {
    for (const name of ["idpy-oidc-code-flow", "oidc-op-code-flow"] as const) {
      const { workspace } = open(name);
      expect(workspace.manager.salt).toBe("natriumklorid");
      const { sessionId } = resultOf<{ sessionId: string }>(workspace.apply({ op: "createSession", args: { userId: "diana", clientId: "client_9", authReq: { client_id: "client_9", scope: "openid" } } }));
      expect(workspace.manager.getGrant(sessionId).sub).toBe(PUBLIC_DIANA);
    }
  });

  test("a dump holding no usable salt gets one drawn from the seed, with a warning", () => {
    const dump = fixture("oidc-op-code-flow");
    dump.salt = "not-the-servers";
    const result = importPythonDump(JSON.stringify(dump), { seed: "s" });
    expect(result.workspace.manager.salt).toBe("not-the-servers");
    expect(result.warnings.map((w) => w.code)).toEqual(["salt_unconfirmed"]);
    delete dump.salt;
    delete dump.key;
    const bare = importPythonDump(JSON.stringify(dump), { seed: "s" });
    expect(bare.workspace.manager.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(bare.warnings.map((w) => w.code)).toEqual(["salt_unconfirmed"]);
  });
});

describe("importPythonDump: shapes of other versions", () => {
  test("accepts bare ids in idpy-oidc subordinate lists, and full keys in oidc-op ones", () => {
    const idpy = fixture("idpy-oidc-two-clients-pairwise");
    idpy.db.diana[1].subordinate = ["client_1", "client_2"];
    const a = importPythonDump(JSON.stringify(idpy));
    expect(a.warnings).toEqual([]);
    expect(a.workspace.manager.getUserInfo("diana").subordinate).toEqual(["client_1", "client_2"]);

    const op = fixture("oidc-op-code-flow");
    op.db["diana;;client_1"][1].subordinate = ["diana;;client_1;;e5df1c22599552b125faac6f6831bb2d"];
    const b = importPythonDump(JSON.stringify(op));
    expect(b.warnings).toEqual([]);
    expect(b.counts.grants).toBe(1);
  });

  test("reads a token's type from `type` (older versions) when it has no `token_class`", () => {
    const dump = fixture("oidc-op-code-flow");
    for (const item of dump.db["diana;;client_1;;e5df1c22599552b125faac6f6831bb2d"][1].issued_token as Record<string, Record<string, unknown>>[]) {
      const token = Object.values(item)[0];
      token.type = token.token_class;
      delete token.token_class;
    }
    const result = importPythonDump(JSON.stringify(dump));
    expect(result.versionGuess).toBe("1.x");
    expect(result.layout.token_type_field).toBe("type");
    expect(result.warnings).toEqual([]);
    const [grant] = grantsOf(result.workspace);
    expect(grant.issued_token.map((t) => t.type)).toEqual(["authorization_code", "access_token", "refresh_token", "id_token"]);
  });

  test("a parsed dump can be opened too, and the workspace shares nothing with it", () => {
    const dump = fixture("idpy-oidc-code-flow");
    const result = importPythonDumpValue(dump);
    const before = JSON.stringify(exportPythonDumpValue(result, "idpy-oidc"));
    dump.db["diana;;client_1;;f2c4a5374737e44f6520b35a19e7ca8f"][1].token_map = { edited: "x" };
    dump.db.diana[1].extra_args = { edited: true };
    expect(JSON.stringify(exportPythonDumpValue(result, "idpy-oidc"))).toBe(before);
  });

  test("keeps BYTES: values as the text they are", () => {
    const dump = fixture("idpy-oidc-code-flow");
    dump.db.diana[1].extra_args = { blob: "BYTES:AAEC" };
    const result = importPythonDump(JSON.stringify(dump));
    expect(result.workspace.manager.getUserInfo("diana").extra).toEqual({ blob: "BYTES:AAEC" });
  });

  test("a dump with class names from both libraries opens as the majority's, with a warning", () => {
    const dump = fixture("idpy-oidc-code-flow");
    dump.db.diana[0] = "oidcop.session.info.UserSessionInfo";
    const result = importPythonDump(JSON.stringify(dump));
    expect(result.library).toBe("idpy-oidc");
    expect(result.warnings.map((w) => w.code)).toContain("mixed_libraries");
  });
});

describe("importPythonDump: damage that cannot be read", () => {
  test("text that is not JSON is refused with its line and column", () => {
    const e = caughtStateFile(() => importPythonDump(fixtureText("idpy-oidc-code-flow").slice(0, 300)));
    expect(e.problems[0].message).toMatch(/line \d+, column \d+/);
  });

  test("a dump without db, or with a db of the wrong type, is refused at db", () => {
    expect(caughtStateFile(() => importPythonDump("{}")).problems).toEqual([{ path: "db", message: expect.stringMatching(/missing/) }]);
    expect(caughtStateFile(() => importPythonDump('{"db": []}')).problems[0].path).toBe("db");
    expect(caughtStateFile(() => importPythonDump("[1, 2]")).problems[0].path).toBe("");
    expect(caughtStateFile(() => importPythonDump('{"db": {}}')).problems[0].message).toMatch(/library/);
    expect(importPythonDump('{"db": {}}', { library: "oidc-op", startTime: T0 }).counts).toEqual({ users: 0, clients: 0, grants: 0, tokens: 0, revoked: 0 });
  });

  test("a playground state file is refused by name", () => {
    const ws = new Workspace({ name: "w", seed: "s", start_time: T0 });
    expect(caughtStateFile(() => importPythonDump(ws.toStateFile())).problems[0].message).toMatch(/state file/);
  });

  test("fields of the wrong type are all listed with their JSON paths", () => {
    const dump = fixture("idpy-oidc-code-flow");
    const grantKey = "diana;;client_1;;f2c4a5374737e44f6520b35a19e7ca8f";
    dump.db.diana[1].revoked = "no";
    dump.db[grantKey][1].used = -1;
    const code = (dump.db[grantKey][1].issued_token as Record<string, Record<string, unknown>>[])[0]["idpyoidc.server.session.token.AuthorizationCode"];
    code.scope = "openid email";
    code.expires_at = 1.5;
    dump.db["diana;;client_1"] = ["idpyoidc.server.session.info.ClientSessionInfo"] as never;
    const e = caughtStateFile(() => importPythonDump(JSON.stringify(dump)));
    expect(e.problems.map((p) => p.path).sort()).toEqual(
      [
        'db.diana[1].revoked',
        'db["diana;;client_1"]',
        `db["${grantKey}"][1].used`,
        `db["${grantKey}"][1].issued_token[0]["idpyoidc.server.session.token.AuthorizationCode"].expires_at`,
        `db["${grantKey}"][1].issued_token[0]["idpyoidc.server.session.token.AuthorizationCode"].scope`,
      ].sort(),
    );
  });

  test("a token whose type nothing names is refused", () => {
    const dump = fixture("idpy-oidc-code-flow");
    const items = dump.db["diana;;client_1;;f2c4a5374737e44f6520b35a19e7ca8f"][1].issued_token as Record<string, Record<string, unknown>>[];
    const token = items[1]["idpyoidc.server.session.token.AccessToken"];
    delete token.token_class;
    items[1] = { "myapp.tokens.Special": token };
    const e = caughtStateFile(() => importPythonDump(JSON.stringify(dump)));
    expect(e.problems[0].path).toMatch(/issued_token\[1\]\["myapp.tokens.Special"\].token_class$/);
  });
});

describe("importPythonDump: the library's profile", () => {
  test("a dump opens under its library's profile, and what is done next behaves as that library would", () => {
    const idpy = open("idpy-oidc-code-flow").workspace;
    expect(idpy.settings.semantics).toBe("idpy-oidc-5.0");
    expect(open("oidc-op-code-flow").workspace.settings.semantics).toBe("oidc-op-2.4");
    const sid = idpy.manager.getSidsByUserId("diana")[0];
    const refresh = idpy.manager.getGrant(sid).issued_token.find((t) => t.type === "refresh_token")!;
    const before = refresh.used;
    idpy.apply({ op: "mintToken", args: { sessionId: sid, type: "access_token", basedOn: refresh.value, value: "at-new" } });
    // idpy-oidc's Grant.mint_token counts the mint as a use of the refresh token.
    expect(idpy.manager.getGrant(sid).issued_token.find((t) => t.value === refresh.value)!.used).toBe(before + 1);
  });

  test("the caller can open a dump under the playground's semantics instead", () => {
    const { workspace } = importPythonDump(fixtureText("idpy-oidc-code-flow"), { semantics: "playground" });
    expect(workspace.settings.semantics).toBeUndefined();
    expect(workspace.semantics).toBe("playground");
  });
});
