import { describe, expect, it } from "vitest";
import { SessionManager } from "../../core/index.ts";
import { descendantIds, grantNodeId, projectGraph, tokenNodeId, userNodeId, clientNodeId } from "./project-graph.ts";
import { codeFlow, newWorkspace, run, T0 } from "../test/workspace-fixture.ts";
import type { Operation } from "../../ops/index.ts";

describe("projectGraph", () => {
  it("draws user, client session, grant and token nodes with their contract ids", () => {
    const { ws, sessionId, code, at, rt, idt } = codeFlow();
    const g = projectGraph(ws.manager);
    expect(g.nodes.map((n) => [n.kind, n.contractId])).toEqual([
      ["user", "diana"],
      ["client", "diana;;client_1"],
      ["grant", sessionId],
      ["token", code],
      ["token", at],
      ["token", rt],
      ["token", idt],
    ]);
    expect(g.byId.get(tokenNodeId(sessionId, at))!.token!.type).toBe("access_token");
  });

  it("links the tree user → client → grant → token and each minted token to its parent by a based_on edge", () => {
    const { ws, sessionId, code, at, rt, idt } = codeFlow();
    const g = projectGraph(ws.manager);
    const tree = g.edges.filter((e) => e.kind === "tree").map((e) => [e.source, e.target]);
    const gid = grantNodeId(sessionId);
    expect(tree).toEqual([
      [userNodeId("diana"), clientNodeId("diana", "client_1")],
      [clientNodeId("diana", "client_1"), gid],
      [gid, tokenNodeId(sessionId, code)],
      [gid, tokenNodeId(sessionId, at)],
      [gid, tokenNodeId(sessionId, rt)],
      [gid, tokenNodeId(sessionId, idt)],
    ]);
    const basedOn = g.edges.filter((e) => e.kind === "based_on").map((e) => [e.source, e.target]);
    const c = tokenNodeId(sessionId, code);
    expect(basedOn).toEqual([
      [c, tokenNodeId(sessionId, at)],
      [c, tokenNodeId(sessionId, rt)],
      [c, tokenNodeId(sessionId, idt)],
    ]);
    expect(g.children.get(c)).toEqual([tokenNodeId(sessionId, at), tokenNodeId(sessionId, rt), tokenNodeId(sessionId, idt)]);
    expect(g.children.get(gid)).toEqual([c]);
  });

  it("gives each token the status and warnings tokenStatus reports", () => {
    const { ws, sessionId, code, at, rt } = codeFlow();
    const rt2 = run<{ value: string }>(ws, { op: "mintToken", args: { sessionId, type: "refresh_token", basedOn: rt } }).value;
    const at2 = run<{ value: string }>(ws, { op: "mintToken", args: { sessionId, type: "access_token", basedOn: rt2 } }).value;
    run(ws, { op: "revokeToken", args: { sessionId, value: rt } });
    const g = projectGraph(ws.manager);
    const node = (v: string) => g.byId.get(tokenNodeId(sessionId, v))!;
    expect(node(code).status).toBe("used");
    expect(node(at).status).toBe("active");
    expect(node(rt).status).toBe("revoked");
    expect(node(rt2).status).toBe("active");
    expect(node(rt2).warnings).toEqual(["ancestor_revoked"]);
    expect(node(at2).warnings).toEqual(["ancestor_revoked"]);
    expect(node(at).warnings).toEqual([]);
    expect(node(at2).ariaLabel).toContain("warning");
  });

  it("marks tokens inactive-ancestor when the grant or client session is revoked, and the grant revoked", () => {
    const { ws, sessionId, at } = codeFlow();
    run(ws, { op: "revokeClientSession", args: { sessionId: "diana;;client_1" } });
    const g = projectGraph(ws.manager);
    expect(g.byId.get(tokenNodeId(sessionId, at))!.status).toBe("inactive-ancestor");
    expect(g.byId.get(grantNodeId(sessionId))!.status).toBe("revoked");
    expect(g.byId.get(clientNodeId("diana", "client_1"))!.status).toBe("revoked");
    expect(g.byId.get(userNodeId("diana"))!.status).toBe("active");
  });

  it("reads status at the manager's virtual now", () => {
    const { ws, sessionId } = codeFlow();
    const fresh = run<{ value: string }>(ws, { op: "mintToken", args: { sessionId, type: "authorization_code", expiresIn: 60 } }).value;
    expect(projectGraph(ws.manager).byId.get(tokenNodeId(sessionId, fresh))!.status).toBe("active");
    run(ws, { op: "advanceClock", args: { seconds: 61 } });
    const g = projectGraph(ws.manager);
    expect(g.now).toBe(T0 + 61);
    expect(g.byId.get(tokenNodeId(sessionId, fresh))!.status).toBe("expired");
  });

  it("keeps graph ids unique when a user id equals a token value and when values repeat", () => {
    const ws = newWorkspace();
    const { sessionId } = run<{ sessionId: string }>(ws, { op: "createSession", args: { userId: "x", clientId: "client_1" } });
    run(ws, { op: "mintToken", args: { sessionId, type: "access_token", value: "x" } });
    run(ws, { op: "mintToken", args: { sessionId, type: "access_token", value: "x" } });
    const g = projectGraph(ws.manager);
    const ids = g.nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(g.nodes.filter((n) => n.contractId === "x").map((n) => n.kind)).toEqual(["user", "token", "token"]);
  });

  it("cuts a based_on cycle from imported state so the layout tree stays a tree", () => {
    const ws = newWorkspace();
    const { sessionId } = run<{ sessionId: string }>(ws, { op: "createSession", args: { userId: "diana", clientId: "client_1" } });
    const snap = ws.manager.toJSON();
    const grant = snap.db[sessionId] as { issued_token: unknown[] };
    const token = (value: string, based_on: string) => ({
      type: "access_token", value, based_on, id: value, scope: [], claims: {}, resources: [], issued_at: T0, not_before: 0, expires_at: 0, revoked: false, used: 0, usage_rules: {},
    });
    grant.issued_token = [token("a", "b"), token("b", "a")];
    const m = SessionManager.fromJSON(snap, { strict: false });
    const g = projectGraph(m);
    const gid = grantNodeId(sessionId);
    const all = descendantIds(g, gid);
    expect(all.sort()).toEqual([tokenNodeId(sessionId, "a"), tokenNodeId(sessionId, "b")].sort());
    expect(g.edges.filter((e) => e.kind === "based_on")).toHaveLength(2);
  });

  it("lists layout descendants depth first", () => {
    const { ws, sessionId, code, at, rt, idt } = codeFlow();
    const g = projectGraph(ws.manager);
    expect(descendantIds(g, grantNodeId(sessionId))).toEqual([code, at, rt, idt].map((v) => tokenNodeId(sessionId, v)));
  });
});

describe("incremental projection", () => {
  it("matches a full projection after every kind of operation, reprojecting only the grants touched", async () => {
    const { unchangedGrants } = await import("./graph-selectors.ts");
    const ws = newWorkspace();
    const a = codeFlow(ws, "diana", "client_1");
    const b = codeFlow(ws, "diana", "client_2");
    const c = codeFlow(ws, "erik", "client_1");
    const ops: Operation[] = [
      { op: "mintToken", args: { sessionId: a.sessionId, type: "access_token", basedOn: a.rt } },
      { op: "registerUsage", args: { sessionId: b.sessionId, value: b.at } },
      { op: "mintToken", args: { sessionId: a.sessionId, type: "access_token", basedOn: a.code } }, // refused: code used
      { op: "revokeToken", args: { sessionId: a.sessionId, value: a.rt } },
      { op: "revokeToken", args: { sessionId: c.sessionId, value: c.code, recursive: true } },
      { op: "createSession", args: { userId: "diana", clientId: "client_1" } },
      { op: "revokeGrant", args: { sessionId: b.sessionId } },
      { op: "revokeClientSession", args: { sessionId: "diana;;client_1" } },
      { op: "removeSession", args: { sessionId: c.sessionId } },
      { op: "advanceClock", args: { seconds: 4000 } },
      { op: "mintToken", args: { sessionId: b.sessionId, type: "access_token" } }, // refused: grant revoked
    ];
    let previous = projectGraph(ws.manager);
    for (const op of ops) {
      const entry = ws.apply(op);
      const unchanged = unchangedGrants(entry);
      const incremental = projectGraph(ws.manager, ws.manager.clock.now(), unchanged ? { previous, unchanged } : {});
      const full = projectGraph(ws.manager);
      expect({ ...incremental, tokenSlices: null }, `after ${op.op}`).toEqual({ ...full, tokenSlices: null });
      if (unchanged && op.op === "mintToken" && !("error" in entry)) {
        // Another grant's token part is the very same object: it was not projected again.
        expect(incremental.tokenSlices.get(b.sessionId)).toBe(previous.tokenSlices.get(b.sessionId));
      }
      previous = incremental;
    }
  });
});

describe("a token under a revoked user session", () => {
  // A Python dump can hold a revoked user session whose client session and grant are not revoked.
  function underRevokedUser() {
    const { ws, sessionId, at } = codeFlow();
    const snapshot = ws.manager.toJSON();
    (snapshot.db["diana"] as { revoked: boolean }).revoked = true;
    return { manager: SessionManager.fromJSON(snapshot), sessionId, at };
  }

  it("is drawn inactive like its grant, not active", () => {
    const { manager, sessionId, at } = underRevokedUser();
    const g = projectGraph(manager);
    expect(g.byId.get(grantNodeId(sessionId))!.status).toBe("inactive-ancestor");
    expect(g.byId.get(tokenNodeId(sessionId, at))!.status).toBe("inactive-ancestor");
  });

  it("says so in its drawn reasons, while tokenStatus keeps SPEC §6's seven reasons", () => {
    const { manager, sessionId, at } = underRevokedUser();
    expect(projectGraph(manager).byId.get(tokenNodeId(sessionId, at))!.token!.reasons).toEqual(["user_session_revoked"]);
    expect(manager.tokenStatus(sessionId, at)).toEqual({ active: true, effective: true, reasons: [], warnings: [] });
  });
});
