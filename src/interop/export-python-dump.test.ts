import { describe, expect, test } from "vitest";
import { canonicalJson, firstDifference, Workspace } from "../ops/index.ts";
import { exportPythonDump, exportPythonDumpValue, importPythonDump } from "./index.ts";
import { FIXTURES, fixture, fixtureText, PUBLIC_DIANA, resultOf, T0 } from "./test-fixtures.ts";

/** Equal modulo key order; on failure, says where they differ. */
function expectSameJson(actual: unknown, expected: unknown): void {
  expect(firstDifference(actual, expected)).toBeNull();
  expect(canonicalJson(actual)).toBe(canonicalJson(expected));
}

type Entry = [string, Record<string, unknown>];

describe("exportPythonDump: round trips", () => {
  test.each(FIXTURES)("%s: export(import(dump)) is the dump again, key order aside", (name) => {
    const imported = importPythonDump(fixtureText(name));
    const text = exportPythonDump(imported.workspace, imported.library);
    expectSameJson(JSON.parse(text), fixture(name));
  });

  test.each(FIXTURES)("%s: import → export → import gives the same state", (name) => {
    const first = importPythonDump(fixtureText(name));
    const second = importPythonDump(exportPythonDump(first.workspace, first.library));
    expect(JSON.stringify(second.workspace.manager.toJSON())).toBe(JSON.stringify(first.workspace.manager.toJSON()));
    expect(second.warnings).toEqual(first.warnings);
  });

  test("export finds the kept data in a workspace reloaded from its state file", () => {
    const imported = importPythonDump(fixtureText("idpy-oidc-revoked"));
    const reloaded = Workspace.fromStateFile(imported.workspace.toStateFile());
    expectSameJson(JSON.parse(exportPythonDump(reloaded, "idpy-oidc")), fixture("idpy-oidc-revoked"));
  });

  test("the import result can be exported directly, and a bare manager without what was kept", () => {
    const imported = importPythonDump(fixtureText("oidc-op-code-flow"));
    expectSameJson(exportPythonDumpValue(imported, "oidc-op"), fixture("oidc-op-code-flow"));
    const bare = exportPythonDumpValue(imported.workspace.manager, "oidc-op");
    expect(bare.key).toBeUndefined(); // keys are configuration: not made up
    expect(bare.salt).toBe("natriumklorid");
    // Without the kept data the state itself is still written in full.
    const again = importPythonDump(JSON.stringify(bare));
    expect(JSON.stringify(again.workspace.manager.toJSON().db)).toBe(JSON.stringify(imported.workspace.manager.toJSON().db));
  });
});

describe("exportPythonDump: changes made in the playground", () => {
  test("a revocation after the import is written; everything else stays as the dump had it", () => {
    const imported = importPythonDump(fixtureText("idpy-oidc-code-flow"));
    const ws = imported.workspace;
    const sid = ws.manager.getSidsByUserId("diana")[0];
    const refresh = ws.manager.getGrant(sid).issued_token[2];
    ws.apply({ op: "revokeToken", args: { sessionId: sid, value: refresh.value } });
    const out = JSON.parse(exportPythonDump(ws, "idpy-oidc"));
    const expected = fixture("idpy-oidc-code-flow");
    const grantKey = sid;
    const items = expected.db[grantKey][1].issued_token as Record<string, Record<string, unknown>>[];
    items[2]["idpyoidc.server.session.token.RefreshToken"].revoked = true;
    expectSameJson(out, expected);
  });

  test("tokens minted after the import get the library's fields; the imported ones keep theirs", () => {
    // Minted by the playground's semantics: idpy-oidc's own would also count a use of the refresh token.
    const imported = importPythonDump(fixtureText("idpy-oidc-code-flow"), { semantics: "playground" });
    const ws = imported.workspace;
    const sid = ws.manager.getSidsByUserId("diana")[0];
    const refresh = ws.manager.getGrant(sid).issued_token[2];
    ws.apply({ op: "advanceClock", args: { seconds: 60 } });
    ws.apply({ op: "mintToken", args: { sessionId: sid, type: "access_token", basedOn: refresh.value, value: "at-new", expiresIn: 3600 } });
    // (a refresh token may not mint ID tokens under its usage rules, so this one stands alone)
    ws.apply({ op: "mintToken", args: { sessionId: sid, type: "id_token", value: "idt-new" } });
    const out = JSON.parse(exportPythonDump(ws, "idpy-oidc"));
    const grant = out.db[sid][1];
    expect(grant.used).toBe(6);
    expect(grant.issued_token).toHaveLength(6);
    expect(grant.issued_token[4]).toEqual({
      "idpyoidc.server.session.token.AccessToken": {
        expires_at: T0 + 11 + 60 + 3600,
        issued_at: T0 + 71,
        not_before: 0,
        revoked: false,
        usage_rules: {},
        used: 0,
        based_on: refresh.value,
        claims: {},
        id: expect.stringMatching(/^[0-9a-f]{32}$/),
        name: "AccessToken",
        resources: [],
        scope: ["openid", "email"],
        token_class: "access_token",
        value: "at-new",
        token_type: "bearer",
      },
    });
    // The playground cannot make the encrypted session id a server hands out: the library's empty default.
    expect(grant.issued_token[5]["idpyoidc.server.session.token.IDToken"]).toMatchObject({ name: "IDToken", session_id: "", value: "idt-new" });
    expect(grant.issued_token.slice(0, 4)).toEqual(fixture("idpy-oidc-code-flow").db[sid][1].issued_token);
  });

  test("a state built in the playground is written as idpy-oidc writes it", () => {
    const ws = new Workspace({ name: "w", seed: "seed", start_time: T0, settings: { salt: "natriumklorid" } });
    const { sessionId } = resultOf<{ sessionId: string }>(ws.apply({
      op: "createSession",
      args: {
        userId: "diana",
        authReq: { client_id: "client_1", redirect_uri: "https://example.com/cb", scope: ["openid", "email"], response_type: "code" },
        authnEvent: { uid: "diana", authn_info: "pwd", authn_time: T0, valid_until: T0 + 3600 },
      },
    }));
    const code = resultOf<{ value: string }>(ws.apply({ op: "mintToken", args: { sessionId, type: "authorization_code" } })).value;
    ws.apply({ op: "addGrant", args: { userId: "diana", clientId: "client_2", grant: {} } });
    const out = JSON.parse(exportPythonDump(ws, "idpy-oidc"));
    const grantId = sessionId.split(";;")[2];
    expect(Object.keys(out)).toEqual(["db"]); // no crypt_config: the server keeps its own
    expect(out.db.diana).toEqual([
      "idpyoidc.server.session.info.UserSessionInfo",
      { subordinate: ["diana;;client_1", "diana;;client_2"], revoked: false, type: "UserSessionInfo", extra_args: {}, id: "diana" },
    ]);
    expect(out.db["diana;;client_1"][1].subordinate).toEqual([sessionId]);
    const [cls, grant] = out.db[sessionId] as Entry;
    expect(cls).toBe("idpyoidc.server.session.grant.Grant");
    expect(grant.authorization_request).toEqual({
      "idpyoidc.message.oidc.AuthorizationRequest": { client_id: "client_1", redirect_uri: "https://example.com/cb", scope: "openid email", response_type: "code" },
    });
    expect(grant.authentication_event).toEqual({ "idpyoidc.server.authn_event.AuthnEvent": { uid: "diana", authn_info: "pwd", authn_time: T0, valid_until: T0 + 3600 } });
    expect(grant.sub).toBe(PUBLIC_DIANA);
    expect(grant).not.toHaveProperty("authorization_details"); // None is left out
    expect(grant.token_map).toEqual({
      authorization_code: "idpyoidc.server.session.token.AuthorizationCode",
      access_token: "idpyoidc.server.session.token.AccessToken",
      refresh_token: "idpyoidc.server.session.token.RefreshToken",
      id_token: "idpyoidc.server.session.token.IDToken",
    });
    const codeEntry = (grant.issued_token as Record<string, Record<string, unknown>>[])[0]["idpyoidc.server.session.token.AuthorizationCode"];
    expect(codeEntry).toMatchObject({ token_class: "authorization_code", name: "AuthorizationCode", value: code, used: 0 });
    expect(codeEntry).not.toHaveProperty("based_on");
    const empty = Object.entries(out.db).find(([k]) => k.startsWith("diana;;client_2;;"))![1] as Entry;
    expect(empty[1]).not.toHaveProperty("issued_token"); // an empty list is left out, as the libraries do
    expect(grantId).toMatch(/^[0-9a-f]{32}$/);

    // It reads back as the same state.
    const back = importPythonDump(JSON.stringify(out), { salt: "natriumklorid" });
    const db = back.workspace.manager.toJSON().db;
    expect(db[sessionId]).toEqual({ ...ws.manager.toJSON().db[sessionId], authorization_request: { ...ws.manager.getGrant(sessionId).authorization_request, scope: "openid email" } });
  });

  test("the same state is written as oidc-op writes it: its modules, user_id / client_id, bare ids and its salt", () => {
    const imported = importPythonDump(fixtureText("idpy-oidc-two-clients-pairwise"));
    const out = JSON.parse(exportPythonDump(imported.workspace, "oidc-op"));
    expect(Object.keys(out).sort()).toEqual(["db", "salt"]); // idpy-oidc's crypt_config is not oidc-op's
    expect(out.salt).toBe("natriumklorid");
    expect(out.db.diana).toEqual([
      "oidcop.session.info.UserSessionInfo",
      { subordinate: ["client_1", "client_2"], revoked: false, type: "UserSessionInfo", extra_args: {}, user_id: "diana" },
    ]);
    expect(out.db["diana;;client_1"][1]).toMatchObject({ client_id: "client_1", subordinate: ["f2c4a5374737e44f6520b35a19e7ca8f", "1782feb59b17dbe6bc6927a08dc5731f"] });
    const [cls, grant] = out.db["diana;;client_1;;f2c4a5374737e44f6520b35a19e7ca8f"] as Entry;
    expect(cls).toBe("oidcop.session.grant.Grant");
    expect(Object.keys(grant.authorization_request as object)).toEqual(["oidcmsg.oidc.AuthorizationRequest"]);
    expect(Object.keys(grant.authentication_event as object)).toEqual(["oidcop.authn_event.AuthnEvent"]);
    expect(Object.values(grant.token_map as object)).toEqual([
      "oidcop.session.token.AuthorizationCode",
      "oidcop.session.token.AccessToken",
      "oidcop.session.token.RefreshToken",
      "oidcop.session.token.IDToken",
    ]);
    // Read back as oidc-op, it is the same tree.
    const back = importPythonDump(JSON.stringify(out));
    expect(back.library).toBe("oidc-op");
    expect(back.warnings).toEqual([]);
    expect(JSON.stringify(back.workspace.manager.toJSON().db)).toBe(JSON.stringify(imported.workspace.manager.toJSON().db));
  });

  test("an oidc-op dump written for idpy-oidc uses full keys, id and its token classes, and drops oidc-op's key and salt", () => {
    const imported = importPythonDump(fixtureText("oidc-op-code-flow"));
    const out = JSON.parse(exportPythonDump(imported.workspace, "idpy-oidc"));
    expect(Object.keys(out)).toEqual(["db"]);
    expect(out.db["diana;;client_1"][1]).toMatchObject({ id: "client_1", subordinate: ["diana;;client_1;;e5df1c22599552b125faac6f6831bb2d"] });
    expect(out.db["diana;;client_1"][1]).not.toHaveProperty("client_id");
    const grant = out.db["diana;;client_1;;e5df1c22599552b125faac6f6831bb2d"][1];
    expect(grant.issued_token.map((t: object) => Object.keys(t)[0])).toEqual([
      "idpyoidc.server.session.token.AuthorizationCode",
      "idpyoidc.server.session.token.AccessToken",
      "idpyoidc.server.session.token.RefreshToken",
      "idpyoidc.server.session.token.IDToken",
    ]);
    const back = importPythonDump(JSON.stringify(out), { salt: "natriumklorid" });
    expect(JSON.stringify(back.workspace.manager.toJSON().db)).toBe(JSON.stringify(imported.workspace.manager.toJSON().db));
  });

  test("the layout can be chosen: older oidc-op spells the token type `type`", () => {
    const imported = importPythonDump(fixtureText("oidc-op-code-flow"));
    const out = JSON.parse(exportPythonDump(imported.workspace, "oidc-op", { layout: { token_type_field: "type" }, kept: null }));
    const token = Object.values(out.db["diana;;client_1;;e5df1c22599552b125faac6f6831bb2d"][1].issued_token[1])[0] as Record<string, unknown>;
    expect(token.type).toBe("access_token");
    expect(token).not.toHaveProperty("token_class");
    expect(token).not.toHaveProperty("token_type"); // 1.x access tokens had none
  });

  test("refuses a flavour it does not know", () => {
    const imported = importPythonDump(fixtureText("oidc-op-code-flow"));
    expect(() => exportPythonDump(imported.workspace, "oidcendpoint" as never)).toThrow(/flavour/);
  });
});
