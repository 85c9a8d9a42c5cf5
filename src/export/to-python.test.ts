import { describe, expect, it } from "vitest";
import type { JournalEntry } from "../ops/index.ts";
import { getScenario, loadScenario, RETAIL_SECTOR, SCENARIO_IDS } from "../scenarios/index.ts";
import { toPython, type PythonTarget } from "./index.ts";
import { hostileWorkspace, NASTY, NASTY_CLIENT, NASTY_CODE, NASTY_USER, pythonStringConstants, withoutComments } from "./test-helpers.ts";

const notes = (id: string) => getScenario(id).steps.map((s) => s.explanation);

/** Session ids, grant ids and generated token values: the Python code may only name them through variables. */
function generatedIds(journal: JournalEntry[]): string[] {
  return journal.flatMap((e) => {
    if ("error" in e) return [];
    const r = e.result as Record<string, unknown>;
    const ids = [r.sessionId, r.grantId].filter((x): x is string => typeof x === "string");
    if (e.operation.op === "mintToken" && e.operation.args.value === undefined) ids.push(r.value as string);
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
      const generated = generatedIds(loadScenario(id).journal);
      for (const source of sources.slice(2 * i, 2 * i + 2)) {
        const codeOnly = withoutComments(source, "#");
        for (const g of generated) expect(codeOnly, `${id}: ${g}`).not.toContain(g);
      }
    });
  });

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

  it("expects the replayed code to be refused with MintingNotAllowed and every token revoked at the end", () => {
    const py = toPython(loadScenario("code-replay"));
    expect(py).toMatch(/ {4}with pytest\.raises\(MintingNotAllowed\):\n {8}grant1\.mint_token\(\n(?: {12}.*\n)* {12}based_on=code1,\n {8}\)/);
    for (const v of ["code1", "access_token_1", "refresh_token_1", "id_token_1", "access_token_2"]) {
      expect(py).toContain(`    assert ${v}.revoked is True\n`);
      expect(py).toContain(`    assert ${v}.is_active() is False\n`);
    }
  });

  it("expects None where the reference returns None for an inactive grant (logout)", () => {
    const py = toPython(loadScenario("logout"));
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

  it("passes lifetimes and rules the reference would not derive, and compensates idpy-oidc's use counting", () => {
    const idpy = toPython(loadScenario("code-flow"));
    expect(idpy).toContain('usage_rules={"expires_in": 3600},\n        expires_in=3600,\n');
    expect(idpy.match(/ {4}code1\.used -= 1 {2}#/g)?.length).toBe(3);
    const op = toPython(loadScenario("code-flow"), { target: "oidc-op" });
    expect(op).not.toContain(".used -= 1");
    expect(op).toContain("endpoint_context=endpoint_context,");
    expect(op).toContain('token_handler=session_manager.token_handler.handler["code"],');
    expect(op).toContain("from oidcop.session import MintingNotAllowed");
  });

  it("binds grants from add_grant and their session ids, and removes sessions by variable", () => {
    const py = toPython(loadScenario("several-grants"));
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

  it("sets explicit token values after minting, names custom token types, and notes what it cannot reproduce", () => {
    const py = sources[0];
    expect(py).toContain("code1.value = ");
    expect(py).toContain("dpop_proof_token_1 = grant1.mint_token(");
    expect(py).toContain("# Not reproduced. The playground refuses this with invalid_argument");
    expect(py).toContain("importState");
    expect(py).toMatch(/session_manager\.revoke_client_session\(sid\d\)/);
  });
});
