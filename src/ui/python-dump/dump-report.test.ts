import { describe, expect, test } from "vitest";
import { importPythonDump } from "../../interop/index.ts";
import { FIXTURES, fixture, fixtureText } from "../../interop/test-fixtures.ts";
import { Workspace, type JournalEntry } from "../../ops/index.ts";
import { dumpReportOf, rememberDumpReport } from "./dump-report.ts";

const GRANT = "diana;;client_1;;f2c4a5374737e44f6520b35a19e7ca8f";

/** The workspace as a reload rebuilds it: from a stored copy of its journal. */
function reloaded(ws: Workspace): Workspace {
  return new Workspace({ name: ws.name, seed: ws.seed, start_time: ws.start_time, settings: ws.settings }, structuredClone(ws.journal) as JournalEntry[]);
}

function damaged(): string[] {
  const out: string[] = [];
  let d = fixture("idpy-oidc-code-flow");
  d.db.diana[1].subordinate = ["diana;;client_1", "diana;;client_9"];
  out.push(JSON.stringify(d));
  d = fixture("idpy-oidc-code-flow");
  delete d.db["diana;;client_1"];
  out.push(JSON.stringify(d));
  d = fixture("idpy-oidc-code-flow");
  const tokens = d.db[GRANT][1].issued_token as Record<string, Record<string, unknown>>[];
  Object.values(tokens[1])[0].based_on = "no-such-token";
  Object.values(tokens[2])[0].token_class = "exchange_token";
  d.db[GRANT][0] = "myapp.session.TenantGrant";
  d.db["diana;;client_1;;x;;y"] = ["myapp.Thing", { a: 1 }];
  out.push(JSON.stringify(d));
  d = fixture("oidc-op-code-flow");
  for (const key of Object.keys(d.db)) {
    const fields = d.db[key][1];
    for (const t of (fields.issued_token as Record<string, Record<string, unknown>>[] | undefined) ?? []) {
      const inner = Object.values(t)[0];
      delete inner.issued_at;
    }
    delete fields.authentication_event;
  }
  out.push(JSON.stringify(d));
  return out;
}

describe("the dump report of a workspace", () => {
  test("is null for a workspace that did not come from a Python dump", () => {
    const ws = new Workspace({ name: "plain", seed: "s", start_time: 1700000000 });
    ws.apply({ op: "createSession", args: { userId: "diana", clientId: "client_1" } });
    expect(dumpReportOf(ws)).toBeNull();
    expect(dumpReportOf(null)).toBeNull();
  });

  test.each([...FIXTURES])("after a reload, says what the import of %s said", (name) => {
    const imported = importPythonDump(fixtureText(name));
    const report = dumpReportOf(reloaded(imported.workspace));
    expect(report).toEqual({ library: imported.library, versionGuess: imported.versionGuess, warnings: imported.warnings, counts: imported.counts });
  });

  test.each(damaged().map((text, i) => [i, text]))("after a reload, lists the same warnings for damaged dump %i", (_, text) => {
    const imported = importPythonDump(text);
    expect(imported.warnings.length).toBeGreaterThan(0);
    const report = dumpReportOf(reloaded(imported.workspace))!;
    expect(report.warnings).toEqual(imported.warnings);
    expect(report.counts).toEqual(imported.counts);
  });

  test("is the state the import made, not the present, once the workspace has moved on", () => {
    const imported = importPythonDump(fixtureText("idpy-oidc-revoked"));
    const ws = reloaded(imported.workspace);
    ws.apply({ op: "createSession", args: { userId: "erik", clientId: "client_2", authReq: { client_id: "client_2", scope: "openid" } } });
    ws.apply({ op: "revokeGrant", args: { sessionId: grantOf(ws, "erik") } });
    expect(dumpReportOf(ws)?.counts).toEqual(imported.counts);
  });

  test("is what an import remembered, without rebuilding it", () => {
    const imported = importPythonDump(fixtureText("idpy-oidc-code-flow"));
    const remembered = rememberDumpReport(imported);
    expect(dumpReportOf(imported.workspace)).toBe(remembered);
  });
});

function grantOf(ws: Workspace, userId: string): string {
  return ws.manager.getSidsByUserId(userId)[0];
}
