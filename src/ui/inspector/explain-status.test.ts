import { describe, expect, it } from "vitest";
import { SessionManager } from "../../core/index.ts";
import { explainNode, revokedAncestor } from "./explain-status.ts";
import { grantNodeId, projectGraph, tokenNodeId, clientNodeId } from "../graph/project-graph.ts";
import { codeFlow, run } from "../test/workspace-fixture.ts";

describe("explainNode", () => {
  it("says a token under a revoked user session is not accepted, though it passes is_active() on its own", () => {
    const { ws, sessionId, at } = codeFlow();
    const snapshot = ws.manager.toJSON();
    (snapshot.db["diana"] as { revoked: boolean }).revoked = true;
    const g = projectGraph(SessionManager.fromJSON(snapshot));
    expect(explainNode(g, g.byId.get(tokenNodeId(sessionId, at))!)).toEqual([
      { kind: "reason", text: "This access token is still `is_active()` on its own, but its user session was revoked: an endpoint that only checks the token would still accept it." },
    ]);
  });

  it("says a token under a revoked grant still passes is_active() on its own", () => {
    const { ws, sessionId, at } = codeFlow();
    run(ws, { op: "revokeGrant", args: { sessionId } });
    const g = projectGraph(ws.manager);
    const texts = explainNode(g, g.byId.get(tokenNodeId(sessionId, at))!);
    expect(texts).toEqual([
      { kind: "reason", text: "This access token is still `is_active()` on its own, but its grant was revoked: an endpoint that only checks the token would still accept it." },
    ]);
  });

  it("says which revoked parent a token outlived and that a recursive revocation reaches it", () => {
    const { ws, sessionId, rt } = codeFlow();
    const at2 = run<{ value: string }>(ws, { op: "mintToken", args: { sessionId, type: "access_token", basedOn: rt } }).value;
    run(ws, { op: "revokeToken", args: { sessionId, value: rt } });
    const g = projectGraph(ws.manager);
    const node = g.byId.get(tokenNodeId(sessionId, at2))!;
    expect(revokedAncestor(g, node)).toEqual({ node: g.byId.get(tokenNodeId(sessionId, rt)), direct: true });
    const [ok, warning] = explainNode(g, node);
    expect(ok.kind).toBe("ok");
    expect(warning).toEqual({
      kind: "warning",
      text: "The refresh token this was minted from is revoked, but this access token was not: revoke recursively to reach it. Until then it still works, because only a recursive revocation reaches the tokens minted from a token.",
    });
  });

  it("does not say that an expired token outliving its revoked parent still works", () => {
    const { ws, sessionId, rt } = codeFlow();
    const at2 = run<{ value: string }>(ws, { op: "mintToken", args: { sessionId, type: "access_token", basedOn: rt, expiresIn: 60 } }).value;
    run(ws, { op: "revokeToken", args: { sessionId, value: rt } });
    run(ws, { op: "advanceClock", args: { seconds: 61 } });
    const g = projectGraph(ws.manager);
    const warning = explainNode(g, g.byId.get(tokenNodeId(sessionId, at2))!).find((e) => e.kind === "warning")!;
    expect(warning.text).toBe("The refresh token this was minted from is revoked, but this access token was not. It no longer works anyway: it is not active on its own.");
  });

  it("names a revoked ancestor further up the chain by its value", () => {
    const { ws, sessionId, code, rt } = codeFlow();
    const at2 = run<{ value: string }>(ws, { op: "mintToken", args: { sessionId, type: "access_token", basedOn: rt } }).value;
    run(ws, { op: "revokeToken", args: { sessionId, value: code } });
    const g = projectGraph(ws.manager);
    const warning = explainNode(g, g.byId.get(tokenNodeId(sessionId, at2))!).find((e) => e.kind === "warning")!;
    expect(warning.text).toContain(`authorization code \`${code}\` up its based_on chain is revoked`);
  });

  it("explains a used-up code and an expired one together, in the order tokenStatus gives", () => {
    const { ws, sessionId, code } = codeFlow();
    run(ws, { op: "advanceClock", args: { seconds: 700 } });
    const g = projectGraph(ws.manager);
    const texts = explainNode(g, g.byId.get(tokenNodeId(sessionId, code))!).map((e) => e.text);
    expect(texts[0]).toMatch(/^It expired at .* \(1m 40s ago in virtual time\)\.$/);
    expect(texts[1]).toBe("It has been used 1 of 1 time, so it cannot be used again, and nothing can be minted from it.");
  });

  it("says an active token is accepted and what it can mint", () => {
    const { ws, sessionId, rt } = codeFlow();
    const g = projectGraph(ws.manager);
    expect(explainNode(g, g.byId.get(tokenNodeId(sessionId, rt))!)).toEqual([
      { kind: "ok", text: "This refresh token is active: an endpoint that checks the token, its grant and its client session accepts it. It can mint: access token, refresh token." },
    ]);
  });

  it("explains revoked grants and client sessions", () => {
    const { ws, sessionId } = codeFlow();
    run(ws, { op: "revokeClientSession", args: { sessionId: "diana;;client_1" } });
    const g = projectGraph(ws.manager);
    expect(explainNode(g, g.byId.get(grantNodeId(sessionId))!)[0].text).toContain("This grant was revoked");
    expect(explainNode(g, g.byId.get(clientNodeId("diana", "client_1"))!)[0].text).toContain("each of its grants was revoked with it");
  });
});
