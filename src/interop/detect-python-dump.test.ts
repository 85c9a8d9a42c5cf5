import { describe, expect, test } from "vitest";
import { Workspace } from "../ops/index.ts";
import { detectPythonDump } from "./index.ts";
import { fixture, fixtureText, T0 } from "./test-fixtures.ts";

describe("detectPythonDump", () => {
  test("names the library and guesses the version of each fixture, from text or a parsed value", () => {
    expect(detectPythonDump(fixtureText("idpy-oidc-code-flow"))).toMatchObject({
      library: "idpy-oidc",
      versionGuess: "4.x–5.x",
      layout: { node_id_field: "id", subordinate: "full_keys", token_type_field: "token_class" },
      mixed: false,
    });
    expect(detectPythonDump(fixture("idpy-oidc-two-clients-pairwise"))).toMatchObject({ library: "idpy-oidc", versionGuess: "4.x–5.x" });
    expect(detectPythonDump(fixtureText("oidc-op-code-flow"))).toMatchObject({
      library: "oidc-op",
      versionGuess: "2.x",
      layout: { node_id_field: "user_id", subordinate: "bare_ids", token_type_field: "token_class" },
    });
    expect(detectPythonDump(fixtureText("oidc-op-code-flow"))!.basis.join(" ")).toMatch(/oidcop/);
  });

  test("guesses an older idpy-oidc from user_id / client_id session nodes", () => {
    const dump = fixture("idpy-oidc-two-clients-pairwise");
    for (const [key, entry] of Object.entries(dump.db)) {
      if (key.split(";;").length === 3) continue;
      const fields = entry[1];
      fields[key.includes(";;") ? "client_id" : "user_id"] = fields.id;
      delete fields.id;
    }
    expect(detectPythonDump(dump)).toMatchObject({ library: "idpy-oidc", versionGuess: "1.x", layout: { node_id_field: "user_id" } });
  });

  test("tells an empty dump by its top-level fields", () => {
    expect(detectPythonDump({ db: {}, crypt_config: { class: "x", kwargs: {} } })).toMatchObject({ library: "idpy-oidc", versionGuess: "unknown" });
    expect(detectPythonDump({ db: {}, key: "k", salt: "s" })).toMatchObject({ library: "oidc-op" });
    expect(detectPythonDump({ db: {} })).toBeNull();
  });

  test("is null for anything else, and never throws", () => {
    const ws = new Workspace({ name: "w", seed: "s", start_time: T0 });
    ws.apply({ op: "createSession", args: { userId: "diana", clientId: "client_1" } });
    for (const input of [
      ws.toStateFile(), // a playground state file
      ws.manager.toJSON(), // a playground snapshot: db of node objects
      JSON.stringify(ws.manager.toJSON()),
      "not json",
      "",
      "null",
      "[1,2]",
      { db: [] },
      { db: { diana: 5 } },
      { db: { diana: ["x.Y", 5] } },
      null,
      42,
    ]) {
      expect(detectPythonDump(input)).toBeNull();
    }
    expect(() => detectPythonDump({ db: { "a;;b;;c": ["idpyoidc.X", { issued_token: [null, 5, { "a.B": 1 }, { "a.B": { token_class: 3 } }] }] } })).not.toThrow();
  });
});
