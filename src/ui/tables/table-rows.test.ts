import { describe, expect, it } from "vitest";
import { projectGraph } from "../graph/project-graph.ts";
import { codeFlow, run, T0 } from "../test/workspace-fixture.ts";
import { projectTableRows, tableRowsFor } from "./table-rows.ts";

describe("table rows", () => {
  it("projects one row per node of each level, with the graph's node ids", () => {
    const { ws, sessionId, code } = codeFlow();
    const graph = projectGraph(ws.manager);
    const rows = projectTableRows(graph, ws.manager);
    expect(rows.users.map((r) => r.user_id)).toEqual(["diana"]);
    expect(rows.clients.map((r) => [r.client_session_id, r.grants])).toEqual([["diana;;client_1", 1]]);
    expect(rows.grants.map((r) => [r.session_id, r.tokens])).toEqual([[sessionId, 4]]);
    expect(rows.tokens.map((r) => r.type)).toEqual(["authorization_code", "access_token", "refresh_token", "id_token"]);
    for (const r of [...rows.users, ...rows.clients, ...rows.grants, ...rows.tokens]) expect(graph.byId.get(r.id)).toBeDefined();
    expect(rows.tokens.slice(1).every((r) => r.based_on === code)).toBe(true);
  });

  it("gives a token its own is_active and its effective status with reasons from tokenStatus", () => {
    const { ws, sessionId, code, at } = codeFlow();
    run(ws, { op: "revokeClientSession", args: { sessionId } });
    const rows = projectTableRows(projectGraph(ws.manager), ws.manager);
    const atRow = rows.tokens.find((r) => r.value === at)!;
    // Logout leaves the token's own flag alone: it is active on its own but not usable.
    expect(atRow.is_active).toBe(true);
    expect(atRow.status).toBe("inactive-ancestor");
    expect(atRow.reasons).toEqual(ws.manager.tokenStatus(sessionId, at).reasons);
    expect(atRow.reasons).toEqual(["grant_revoked", "client_session_revoked"]);
    const codeRow = rows.tokens.find((r) => r.value === code)!;
    expect(codeRow.is_active).toBe(false);
    expect([codeRow.used, codeRow.max_usage]).toEqual([1, 1]);
    expect(codeRow.status).toBe("used");
  });

  it("carries times in virtual seconds and every id in the search text", () => {
    const { ws, sessionId, at } = codeFlow();
    const rows = projectTableRows(projectGraph(ws.manager), ws.manager);
    const row = rows.tokens.find((r) => r.value === at)!;
    const token = ws.manager.findToken(sessionId, at)!;
    expect(row.issued_at).toBe(T0);
    expect(row.expires_at).toBe(token.expires_at);
    expect(row.token_id).toBe(token.id);
    expect(row.search).toContain(token.id);
    expect(row.search).toContain(sessionId.toLowerCase());
    expect(rows.now).toBe(ws.manager.clock.now());
  });

  it("shows the state at a past step when given that step's manager", () => {
    const { ws, sessionId, code } = codeFlow();
    run(ws, { op: "revokeToken", args: { sessionId, value: code, recursive: true } });
    const past = ws.stateAt(5);
    const rows = projectTableRows(projectGraph(past), past);
    expect(rows.tokens).toHaveLength(4);
    expect(rows.tokens.map((r) => r.status)).toEqual(["active", "active", "active", "active"]);
    const nowRows = projectTableRows(projectGraph(ws.manager), ws.manager);
    expect(nowRows.tokens.map((r) => r.status)).toEqual(["revoked", "revoked", "revoked", "revoked"]);
  });

  it("computes the rows once per projected graph, and again for a new one", () => {
    const { ws, sessionId } = codeFlow();
    const graph = projectGraph(ws.manager);
    const first = tableRowsFor(graph, ws.manager);
    expect(tableRowsFor(graph, ws.manager)).toBe(first);
    run(ws, { op: "mintToken", args: { sessionId, type: "access_token" } });
    const next = tableRowsFor(projectGraph(ws.manager), ws.manager);
    expect(next).not.toBe(first);
    expect(next.tokens).toHaveLength(5);
  });
});
