import { describe, expect, it } from "vitest";
import { rerunUnder, type JournalEntry } from "../ops/index.ts";
import { getScenario, loadScenario, RETAIL_SECTOR, SCENARIO_IDS } from "../scenarios/index.ts";
import { replayForPython, toPython, type PythonTarget } from "./index.ts";
import { hostileWorkspace, NASTY, NASTY_CLIENT, NASTY_CODE, NASTY_USER, pythonStringConstants, withoutComments } from "./test-helpers.ts";

const notes = (id: string) => getScenario(id).steps.map((s) => s.explanation);

/**
 * Session ids, grant ids and generated token values: the Python code may only name them through
 * variables. A value the library never minted (its mint was refused there) is not one of its
 * run-time ids: a call naming it gets the same answer whatever its spelling.
 */
function generatedIds(journal: JournalEntry[], mintedInLibrary: (seq: number) => boolean): string[] {
  return journal.flatMap((e) => {
    if ("error" in e) return [];
    const r = e.result as Record<string, unknown>;
    const ids = [r.sessionId, r.grantId].filter((x): x is string => typeof x === "string");
    if (e.operation.op === "mintToken" && e.operation.args.value === undefined && mintedInLibrary(e.seq)) ids.push(r.value as string);
    return ids;
  });
}

describe("Python export", () => {
  it("matches the recorded snapshot for the code flow and the code replay", () => {
    expect(toPython(loadScenario("code-flow"), { stepNotes: notes("code-flow") })).toMatchSnapshot();
    expect(toPython(loadScenario("code-replay"), { target: "oidc-op" })).toMatchSnapshot();
  });

  it("parses as Python for every scenario and both targets, without run-time ids as literals", () => {
    const targets: PythonTarget[] = ["idpy-oidc", "oidc-op"];
    const sources = SCENARIO_IDS.flatMap((id) => targets.map((target) => toPython(loadScenario(id), { target, stepNotes: notes(id) })));
    const constants = pythonStringConstants(sources);
    expect(constants.length).toBe(sources.length);
    SCENARIO_IDS.forEach((id, i) => {
      targets.forEach((target, j) => {
        const ws = loadScenario(id);
        const replay = replayForPython(ws, target);
        const generated = generatedIds(ws.journal, (seq) => replay[seq - 1]!.outcome.kind === "returned");
        const codeOnly = withoutComments(sources[2 * i + j]!, "#");
        for (const g of generated) expect(codeOnly, `${id} ${target}: ${g}`).not.toContain(g);
      });
    });
    // 16 exports, each replaying its journal twice (playground and library): slow on a loaded machine.
  }, 30_000);

  it("uses the reference's calls: create_session, session_manager[sid], grant.mint_token, revoke_token(recursive=True)", () => {
    const py = toPython(loadScenario("code-replay"));
    expect(py).toContain("sid1 = session_manager.create_session(\n        authn_event=AuthnEvent(");
    expect(py).toContain('        user_id="diana",\n        client_id="client_1",\n        sub_type="public",\n');
    expect(py).toContain("    grant1 = session_manager[sid1]\n");
    expect(py).toMatch(
      /access_token_1 = grant1\.mint_token\(\n {8}sid1,\n {8}context=context,\n {8}token_class="access_token",\n {8}token_handler=session_manager\.token_handler\.handler\["access_token"\],\n {8}based_on=code1,/,
    );
    expect(py).toContain("    code1.register_usage()\n");
    expect(py).toContain("    session_manager.revoke_token(sid1, code1.value, recursive=True)\n");
    expect(py).toContain("    clock.advance(10)\n");
  });

  it("expects the replayed code to be refused with MintingNotAllowed and every token revoked at the end (oidc-op, which mints all five)", () => {
    const py = toPython(loadScenario("code-replay"), { target: "oidc-op" });
    expect(py).toMatch(/ {4}with pytest\.raises\(MintingNotAllowed\):\n {8}grant1\.mint_token\(\n(?: {12}.*\n)* {12}based_on=code1,\n(?: {12}.*\n)* {8}\)/);
    for (const v of ["code1", "access_token_1", "refresh_token_1", "id_token_1", "access_token_2"]) {
      expect(py).toContain(`    assert ${v}.revoked is True\n`);
      expect(py).toContain(`    assert ${v}.is_active() is False\n`);
    }
  });

  it("expects None where the reference returns None for an inactive grant (logout, in oidc-op, which mints the refresh token)", () => {
    const py = toPython(loadScenario("logout"), { target: "oidc-op" });
    expect(py).toContain("    session_manager.revoke_client_session(sid1)\n");
    expect(py).toMatch(/ {4}assert grant1\.mint_token\(\n(?: {8}.*\n)+ {4}\) is None\n/);
    expect(py).toContain("    assert refresh_token_1.revoked is False\n    assert refresh_token_1.used == 0\n    assert refresh_token_1.is_active() is True\n");
    expect(py).toContain("    assert grant1.revoked is True\n");
  });

  it("puts a pairwise sector into the request's sector_identifier_uri, where the reference reads it", () => {
    const py = toPython(loadScenario("subject-types"));
    expect(py).toContain(`sector_identifier_uri="${RETAIL_SECTOR}"`);
    expect(py.match(/sub_type="ephemeral"/g)?.length).toBe(2);
  });

  it("passes lifetimes and rules the reference would not derive", () => {
    const idpy = toPython(loadScenario("code-flow"));
    expect(idpy).toContain('usage_rules={"expires_in": 3600},\n        expires_in=3600,\n');
    const op = toPython(loadScenario("code-replay"), { target: "oidc-op" });
    expect(op).toContain("endpoint_context=endpoint_context,");
    expect(op).toContain("from oidcop.session import MintingNotAllowed");
  });

  it("never compensates for the library: no line takes a use back, for either library", () => {
    for (const id of SCENARIO_IDS) {
      for (const target of ["idpy-oidc", "oidc-op"] as const) {
        const py = toPython(loadScenario(id), { target });
        expect(py, `${id} ${target}`).not.toMatch(/\.used\s*-=/);
        expect(py, `${id} ${target}`).not.toMatch(/\.used\s*=[^=]/);
      }
    }
  });

  it("keys oidc-op's code handler \"authorization_code\", as every oidc-op 2.x does", () => {
    const op = toPython(loadScenario("code-flow"), { target: "oidc-op" });
    expect(op).toContain('token_handler=session_manager.token_handler.handler["authorization_code"],');
    expect(op).not.toContain('handler["code"]');
  });

  it("calls idpy-oidc 5's add_grant with path=[user, client] and takes the session id it returns", () => {
    const py = toPython(loadScenario("several-grants"));
    expect(py).toContain('    sid3 = session_manager.add_grant(\n        path=["diana", "client_1"],\n        scope=["openid", "profile"],\n');
    expect(py).toContain("    grant3 = session_manager[sid3]\n");
    expect(py).not.toMatch(/add_grant\([^)]*user_id=/);
  });

  it("states what idpy-oidc does where the playground differs, with a comment at that step", () => {
    const py = toPython(loadScenario("code-flow"));
    // Step 4: the mint counts as a use of the code in idpy-oidc; step 5: the refresh token is then refused.
    expect(py).toContain(
      "    # The playground's code1 has used 0 after this step; idpy-oidc's has used 1 (idpy-oidc counts a\n    # mint as a use of based_on).\n    assert code1.used == 1\n",
    );
    expect(py).toMatch(/# Step 5, clock 1700000010[^\n]*\n(?: {4}#.*\n)*? {4}# The playground allows this; idpy-oidc raises MintingNotAllowed \(Token inactive\) here\.\n(?: {4}#.*\n)* {4}with pytest\.raises\(MintingNotAllowed\):\n/);
    expect(py).toContain("    assert code1.used == 2\n    assert code1.is_active() is False\n");
    expect(py).toContain("# The playground does otherwise at 3 places; a comment says so there.");
  });

  it("states oidc-op's own differences too: the grant's scope from scopes= only, and the sessions it keeps after removing them", () => {
    expect(toPython(loadScenario("code-flow"), { target: "oidc-op" })).toContain(
      '    # The playground\'s grant1 has scope ["openid","email"] after this step; oidc-op\'s has [].\n    assert grant1.scope == []\n',
    );
    const removed = toPython(loadScenario("several-grants"), { target: "oidc-op" });
    expect(removed).toContain('    assert {key for key in session_manager.db.db if key.count(";;") < 2} == {"diana", "diana;;client_1", "client_1"}\n');
  });

  it("says nothing of differences when the workspace is on the library's own profile", () => {
    const ws = rerunUnder(loadScenario("code-flow"), "idpy-oidc-5.0").workspace;
    const py = toPython(ws);
    expect(py).not.toContain("# The playground");
    expect(py).toContain("    assert code1.used == 2\n");
  });

  it("carries its own server and clock fixtures, so pytest runs the file as is", () => {
    for (const target of ["idpy-oidc", "oidc-op"] as const) {
      const py = toPython(loadScenario("code-flow"), { target });
      expect(py).toContain("@pytest.fixture\ndef server(tmp_path, monkeypatch):\n");
      expect(py).toContain("    built = Server(conf)\n");
      expect(py).toContain('USERS = {"diana": {');
      expect(py).toContain('CLIENTS = ["client_1"]');
      expect(py).toContain("@pytest.fixture\ndef clock(monkeypatch):\n");
      expect(py).toMatch(/^# Run it with `pytest <this file>`, where (idpyoidc 5\.0\.0|oidcop 2\.4\.3) and pytest are installed\./m);
    }
    expect(toPython(loadScenario("code-flow"))).toContain('"salt": "c99ab6906baf8970a5922706150cb467"');
  });

  it("binds grants from oidc-op's add_grant and their session ids, and removes sessions by variable", () => {
    const py = toPython(loadScenario("several-grants"), { target: "oidc-op" });
    expect(py).toContain("grant3 = session_manager.add_grant(");
    expect(py).toContain('sid3 = session_manager.encrypted_session_id("diana", "client_1", grant3.id)');
    for (const v of ["sid1", "sid2", "sid3", "sid4"]) expect(py).toContain(`    session_manager.remove_session(${v})\n`);
  });

  it("starts with two fixed lines, so no workspace text can become an encoding declaration", () => {
    const ws = loadScenario("code-flow");
    ws.name = "# -*- coding: latin-1 -*-";
    const lines = toPython(ws).split("\n");
    expect(lines[0]).toBe("# OIDC Session Playground export: a workspace's journal as calls against the reference Python");
    expect(lines[1]).toBe("# session manager, written as a pytest test.");
  });

  it("names the test after the workspace, or as asked", () => {
    expect(toPython(loadScenario("expiry"))).toContain("def test_playground_expiry_on_the_virtual_clock(server, clock):");
    expect(toPython(loadScenario("expiry"), { testName: "test_issue_123" })).toContain("def test_issue_123(server, clock):");
  });
});

describe("Python export of a hostile workspace", () => {
  const source = loadScenario("code-flow");
  const ws = hostileWorkspace(source.manager.toJSON(), (source.journal[0] as { result: { sessionId: string } }).result.sessionId);
  const targets: PythonTarget[] = ["idpy-oidc", "oidc-op"];
  const sources = targets.map((target) => toPython(ws, { target, stepNotes: ws.journal.map(() => NASTY) }));

  it("parses, and every hostile string arrives intact", () => {
    for (const constants of pythonStringConstants(sources)) {
      for (const s of [NASTY, NASTY_USER, NASTY_CLIENT, NASTY_CODE, 'nope "\\', 'https://r.example/"x"']) {
        expect(constants, JSON.stringify(s)).toContain(s);
      }
    }
  });

  it("writes code lines in printable ASCII only", () => {
    for (const py of sources) {
      for (const line of withoutComments(py, "#").split("\n")) expect(line, line).toMatch(/^[\x20-\x7e]*$/);
      // eslint-disable-next-line no-control-regex -- these are the characters that must not appear
      expect(py).not.toMatch(/[\r\u2028\u2029\u0085\u0000]/);
    }
  });

  it("sets explicit token values after minting, expects the library's refusal of custom token types, and notes what it cannot reproduce", () => {
    const py = sources[0];
    expect(py).toContain("code1.value = ");
    expect(py).toMatch(/ {4}with pytest\.raises\(ValueError\):\n {8}grant1\.mint_token\(\n(?: {12}.*\n)* {12}token_class="dpop-proof",\n/);
    expect(py).toContain("# The playground refuses this with invalid_argument");
    expect(py).toContain("# Not reproduced: importState has no equivalent call in idpy-oidc.");
    expect(py).toContain("importState");
    // A 2-part id: the client session's own session id, as the library builds it.
    expect(py).toContain("session_manager.revoke_client_session(session_manager.encrypted_session_id(");
  });
});
