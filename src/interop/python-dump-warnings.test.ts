import { describe, expect, test } from "vitest";
import { canonicalJson, firstDifference, Workspace } from "../ops/index.ts";
import { exportPythonDump, importPythonDump, keptDataOf, keptFields, type DumpWarning } from "./index.ts";
import { fixture, T0 } from "./test-fixtures.ts";

const GRANT = "diana;;client_1;;f2c4a5374737e44f6520b35a19e7ca8f";
type Dump = ReturnType<typeof fixture>;
type Tokens = Record<string, Record<string, unknown>>[];

function codeFlow(): Dump {
  return fixture("idpy-oidc-code-flow");
}

function tokensOf(dump: Dump, key = GRANT): Tokens {
  return dump.db[key][1].issued_token as Tokens;
}

/** The token's own fields inside its class wrapper. */
function inner(item: Record<string, Record<string, unknown>>): Record<string, unknown> {
  return Object.values(item)[0];
}

/** Imports the edited dump, checks it writes back exactly, and returns the import. */
function openEdited(dump: Dump) {
  const text = JSON.stringify(dump);
  // These tests change the tree after the import in the playground's terms (a createSession
  // without a request, a mint of an unknown type), which the libraries themselves refuse.
  const result = importPythonDump(text, { semantics: "playground" });
  const back = JSON.parse(exportPythonDump(result.workspace, result.library));
  expect(firstDifference(back, dump)).toBeNull();
  expect(canonicalJson(back)).toBe(canonicalJson(dump));
  return result;
}

function only(warnings: DumpWarning[], code: DumpWarning["code"]): DumpWarning[] {
  return warnings.filter((w) => w.code === code);
}

describe("structural problems are warnings with their keys, and are written back as they were", () => {
  test("a subordinate entry that points nowhere", () => {
    const dump = codeFlow();
    dump.db.diana[1].subordinate = ["diana;;client_1", "diana;;client_9"];
    const { workspace, warnings } = openEdited(dump);
    expect(warnings).toEqual([
      { code: "dangling_subordinate", path: "db.diana[1].subordinate[1]", key: "diana", message: expect.stringContaining("diana;;client_9") },
    ]);
    expect(workspace.manager.getUserInfo("diana").subordinate).toEqual(["client_1"]);
    expect(keptFields(workspace, "diana").find((f) => f.name === "subordinate")).toMatchObject({
      kind: "original_value",
      value: ["diana;;client_1", "diana;;client_9"],
    });
    // When the playground changes the children, the live list is written, and the dangling entry after it.
    workspace.apply({ op: "createSession", args: { userId: "diana", clientId: "client_2" } });
    const out = JSON.parse(exportPythonDump(workspace, "idpy-oidc"));
    expect(out.db.diana[1].subordinate).toEqual(["diana;;client_1", "diana;;client_2", "diana;;client_9"]);
  });

  test("a subordinate entry listed twice, and a node its parent does not list", () => {
    const dump = codeFlow();
    dump.db.diana[1].subordinate = ["diana;;client_1", "client_1"];
    dump.db["diana;;client_1"][1].subordinate = [];
    const { workspace, warnings } = openEdited(dump);
    expect(warnings.map((w) => [w.code, w.key])).toEqual([
      ["duplicate_subordinate", "diana"],
      ["unlisted_node", GRANT],
    ]);
    expect(workspace.manager.getClientSessionInfo("diana;;client_1").subordinate).toEqual([GRANT.split(";;")[2]]);
  });

  test("a node whose parent is missing is drawn under a made-up one, which is not written back", () => {
    const dump = codeFlow();
    delete dump.db["diana;;client_1"];
    const { workspace, warnings, counts } = openEdited(dump);
    expect(warnings).toEqual([{ code: "missing_parent", path: `db["${GRANT}"]`, key: GRANT, message: expect.stringContaining('"diana;;client_1"') }]);
    expect(counts).toMatchObject({ users: 1, clients: 0, grants: 1, tokens: 4 });
    expect(workspace.manager.getGrant(GRANT).issued_token).toHaveLength(4);
    expect(keptFields(workspace, "diana;;client_1")).toEqual([expect.objectContaining({ kind: "made_up" })]);
    // Once the playground gives it a child of its own, it is a real node and is written.
    workspace.apply({ op: "createSession", args: { userId: "diana", clientId: "client_1" } });
    const out = JSON.parse(exportPythonDump(workspace, "idpy-oidc"));
    expect(out.db["diana;;client_1"][0]).toBe("idpyoidc.server.session.info.ClientSessionInfo");
    expect(out.db["diana;;client_1"][1].subordinate).toHaveLength(2);
  });

  test("a based_on value no token has", () => {
    const dump = codeFlow();
    inner(tokensOf(dump)[1]).based_on = "no-such-token";
    const { workspace, warnings } = openEdited(dump);
    const access = inner(tokensOf(dump)[1]);
    expect(warnings).toEqual([
      {
        code: "dangling_based_on",
        path: `db["${GRANT}"][1].issued_token[1].based_on`,
        key: GRANT,
        token: { index: 1, value: access.value },
        message: "names a value no token of the dump has",
      },
    ]);
    const token = workspace.manager.getGrant(GRANT).issued_token[1];
    expect(token.based_on).toBe("no-such-token");
    expect(workspace.manager.tokenStatus(GRANT, token.value).effective).toBe(true);
  });

  test("a based_on naming a token of another grant, or a later token", () => {
    const dump = fixture("idpy-oidc-revoked");
    const other = "diana;;client_1;;6cb690fb5fb32111e47057955868a1ac";
    const tokens = tokensOf(dump);
    dump.db[other][1].issued_token = [structuredClone(tokens[1])];
    inner(tokensOf(dump, other)[0]).value = "at-elsewhere";
    inner(tokens[2]).based_on = inner(tokens[4]).value; // the refresh token "from" the access token after it
    const { warnings } = openEdited(dump);
    expect(only(warnings, "based_on_later_token")).toEqual([expect.objectContaining({ key: GRANT, token: expect.objectContaining({ index: 2 }) })]);
    expect(only(warnings, "dangling_based_on")).toEqual([expect.objectContaining({ key: other, message: expect.stringContaining(`"${GRANT}"`) })]);
  });

  test("a token type with no class in the grant's token_map is kept, and the workspace can mint it", () => {
    const dump = codeFlow();
    inner(tokensOf(dump)[2]).token_class = "exchange_token";
    const { workspace, warnings } = openEdited(dump);
    expect(warnings.map((w) => [w.code, w.token?.index])).toEqual([
      ["class_type_mismatch", 2],
      ["token_type_without_class", 2],
    ]);
    expect(workspace.settings.tokenTypes).toEqual({ exchange_token: {} });
    expect(workspace.manager.getGrant(GRANT).issued_token[2].type).toBe("exchange_token");
    const sid = workspace.manager.getSidsByUserId("diana")[0];
    workspace.apply({ op: "createSession", args: { userId: "diana", clientId: "client_2" } });
    const entry = workspace.apply({ op: "mintToken", args: { sessionId: workspace.manager.getSidsByUserId("diana")[1], type: "exchange_token" } });
    expect("result" in entry).toBe(true);
    expect(sid).toBe(GRANT);
  });

  test("a node of an unknown class, with fields nobody knows, is read by its key and kept as is", () => {
    const dump = codeFlow();
    dump.db[GRANT][0] = "myapp.session.TenantGrant";
    dump.db[GRANT][1].tenant = { id: "acme", since: 1 };
    dump.db["diana;;client_1"][1].colour = "BYTES:AAEC";
    const { workspace, warnings } = openEdited(dump);
    expect(warnings.map((w) => [w.code, w.key, w.path])).toEqual([
      ["unknown_field", "diana;;client_1", 'db["diana;;client_1"][1].colour'],
      ["unknown_class", GRANT, `db["${GRANT}"][0]`],
      ["unknown_field", GRANT, `db["${GRANT}"][1].tenant`],
    ]);
    expect(keptFields(workspace, GRANT)).toEqual([
      { name: "(class)", value: "myapp.session.TenantGrant", kind: "unknown_class", message: "not understood: kept as is" },
      expect.objectContaining({ name: "extra", kind: "python_field" }),
      expect.objectContaining({ name: "token_map", kind: "python_field" }),
      { name: "tenant", value: { id: "acme", since: 1 }, kind: "unknown_field", message: "not understood: kept as is" },
    ]);
    expect(keptFields(workspace, "diana;;client_1")).toEqual([
      expect.objectContaining({ name: "type", kind: "python_field" }),
      { name: "colour", value: "BYTES:AAEC", kind: "unknown_field", message: "not understood: kept as is" },
    ]);
    // Written for the other library, an application's own class keeps its name.
    const op = JSON.parse(exportPythonDump(workspace, "oidc-op"));
    expect(op.db[GRANT][0]).toBe("myapp.session.TenantGrant");
    expect(op.db[GRANT][1].tenant).toEqual({ id: "acme", since: 1 });
  });

  test("tokens of unknown classes, without a wrapper, with unknown fields or sharing a value", () => {
    const dump = codeFlow();
    const tokens = tokensOf(dump);
    tokens[1] = { "myapp.tokens.DPoPAccessToken": { ...inner(tokens[1]), cnf: { jkt: "abc" } } };
    tokens[2] = inner(tokens[2]) as never; // a bare token, no class wrapper
    inner(tokens[3]).value = inner(tokens[1]).value;
    const { workspace, warnings } = openEdited(dump);
    expect(warnings.map((w) => [w.code, w.token?.index])).toEqual([
      ["unknown_field", 1],
      ["unknown_class", 1],
      ["unknown_class", 2],
      ["duplicate_token_value", 3],
    ]);
    const value = inner(tokens[1]).value as string;
    expect(keptFields(workspace, GRANT, value)).toEqual([
      { name: "(class)", value: "myapp.tokens.DPoPAccessToken", kind: "unknown_class", message: "not understood: kept as is" },
      expect.objectContaining({ name: "name" }),
      expect.objectContaining({ name: "token_type", value: "bearer", kind: "python_field" }),
      { name: "cnf", value: { jkt: "abc" }, kind: "unknown_field", message: "not understood: kept as is" },
    ]);
    expect(keptFields(workspace, GRANT, { index: 2 })[0]).toMatchObject({ name: "(class)", kind: "original_value" });
  });

  test("an authentication event written without its class wrapper is written back the same way", () => {
    const dump = codeFlow();
    const authn = dump.db[GRANT][1].authentication_event as Record<string, unknown>;
    dump.db[GRANT][1].authentication_event = Object.values(authn)[0];
    const { workspace } = openEdited(dump);
    expect(workspace.manager.getGrant(GRANT).authentication_event?.uid).toBe("diana");
    expect(keptFields(workspace, GRANT).find((f) => f.name === "authentication_event (class)")).toMatchObject({ kind: "original_value" });
  });

  test("a key that is not user, user;;client or user;;client;;grant is kept as is", () => {
    const dump = codeFlow();
    dump.db["diana;;client_1;;x;;y"] = ["myapp.Thing", { a: 1 }];
    dump.db[""] = "whatever" as never;
    const { workspace, warnings, counts } = openEdited(dump);
    expect(warnings.map((w) => [w.code, w.key])).toEqual([
      ["unplaced_key", "diana;;client_1;;x;;y"],
      ["unplaced_key", ""],
    ]);
    expect(counts.grants).toBe(1);
    expect(keptFields(workspace, "diana;;client_1;;x;;y")).toEqual([expect.objectContaining({ kind: "unplaced", value: ["myapp.Thing", { a: 1 }] })]);
  });

  test("an id field that disagrees with the key, and missing fields", () => {
    const dump = codeFlow();
    dump.db["diana;;client_1"][1].id = "client_2";
    delete inner(tokensOf(dump)[0]).expires_at;
    delete dump.db.diana[1].extra_args;
    const { workspace, warnings } = openEdited(dump);
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ["id_mismatch", 'db["diana;;client_1"][1].id'],
      ["missing_field", `db["${GRANT}"][1].issued_token[0]["idpyoidc.server.session.token.AuthorizationCode"].expires_at`],
    ]);
    expect(workspace.manager.getGrant(GRANT).issued_token[0].expires_at).toBe(0);
    expect(workspace.manager.getClientSessionInfo("diana;;client_1").client_id).toBe("client_1");
  });

  test("a dump holding no time starts the clock at the given now, with a warning", () => {
    const dump = fixture("idpy-oidc-two-clients-pairwise");
    for (const [key, entry] of Object.entries(dump.db)) {
      if (key.split(";;").length === 3) {
        delete entry[1].issued_at;
        delete entry[1].authentication_event;
      }
    }
    const result = importPythonDump(JSON.stringify(dump), { now: () => T0 + 999 });
    expect(result.workspace.start_time).toBe(T0 + 999);
    expect(only(result.warnings, "no_times")).toHaveLength(1);
  });
});

describe("kept data", () => {
  test("travels in the journal's importState entry and is found again after a reload", () => {
    const dump = codeFlow();
    dump.db[GRANT][1].tenant = "acme";
    const { workspace, kept } = importPythonDump(JSON.stringify(dump));
    expect(keptDataOf(workspace)).toEqual(kept);
    const reloaded = Workspace.fromStateFile(workspace.toStateFile());
    expect(keptFields(reloaded, GRANT).find((f) => f.name === "tenant")).toMatchObject({ value: "acme" });
    expect(JSON.parse(exportPythonDump(reloaded, "idpy-oidc")).db[GRANT][1].tenant).toBe("acme");
  });

  test("a later import of something else replaces it", () => {
    const { workspace } = importPythonDump(JSON.stringify(codeFlow()));
    const plain = new Workspace({ name: "p", seed: "p", start_time: T0 });
    plain.apply({ op: "createSession", args: { userId: "erik", clientId: "client_1" } });
    workspace.apply({ op: "importState", args: { source: "playground", snapshot: plain.manager.toJSON() } });
    expect(keptDataOf(workspace)).toBeNull();
    expect(keptFields(workspace, "erik")).toEqual([]);
    expect(Object.keys(JSON.parse(exportPythonDump(workspace, "idpy-oidc")).db)).toEqual(["erik", "erik;;client_1", expect.stringMatching(/^erik;;client_1;;/)]);
  });

  test("damaged kept data in an edited journal is ignored, not trusted", () => {
    const { workspace } = importPythonDump(JSON.stringify(codeFlow()));
    const journal = structuredClone(workspace.journal);
    ((journal[0].operation.args as { snapshot: { python_dump: { nodes: unknown } } }).snapshot.python_dump.nodes as unknown) = 5;
    const edited = new Workspace({ name: "e", seed: workspace.seed, start_time: workspace.start_time, settings: workspace.settings }, journal);
    expect(keptDataOf(edited)).toBeNull();
    expect(JSON.parse(exportPythonDump(edited, "idpy-oidc")).db[GRANT][0]).toBe("idpyoidc.server.session.grant.Grant");
  });
});
