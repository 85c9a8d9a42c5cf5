import { describe, expect, it } from "vitest";
import { Workspace } from "../workspace.ts";
import { replayUnderLibrary } from "./replay-under-library.ts";

const AUTH_REQ = { client_id: "client_1", redirect_uri: "https://example.com/cb", scope: "openid offline_access", response_type: "code" };

function codeExchange(): Workspace {
  const ws = new Workspace({ name: "exchange", seed: "s", start_time: 1700000000, settings: { salt: "natriumklorid" } });
  const sid = (ws.apply({ op: "createSession", args: { authnEvent: null, authReq: AUTH_REQ, userId: "diana", clientId: "client_1" } }) as { result: { sessionId: string } }).result.sessionId;
  ws.apply({ op: "mintToken", args: { sessionId: sid, type: "authorization_code", value: "CODE-1" } });
  ws.apply({ op: "mintToken", args: { sessionId: sid, type: "access_token", value: "AT-1", basedOn: "CODE-1" } });
  ws.apply({ op: "mintToken", args: { sessionId: sid, type: "refresh_token", value: "RT-1", basedOn: "CODE-1" } });
  return ws;
}

describe("replayUnderLibrary", () => {
  it("keeps the journal's grant ids, so later steps reach the same grant in the library", () => {
    const ws = codeExchange();
    const grantId = ws.journal[0]!.operation.op === "createSession" && "result" in ws.journal[0]! ? (ws.journal[0].result as { sessionId: string }).sessionId.split(";;")[2] : "";
    const steps = replayUnderLibrary(ws.base, ws.journal, "oidc-op-2.4");
    expect(Object.keys(steps[0]!.state.db)).toEqual(["diana", "diana;;client_1", `diana;;client_1;;${grantId}`]);
    expect(steps.map((s) => s.outcome.kind)).toEqual(["returned", "returned", "returned", "returned"]);
  });

  it("shows idpy-oidc's mint counting as a use: the refresh token cannot be minted from the used code", () => {
    const steps = replayUnderLibrary(codeExchange().base, codeExchange().journal, "idpy-oidc-5.0");
    expect(steps[3]!.outcome).toMatchObject({ kind: "raised", exception: "MintingNotAllowed", message: "Token inactive" });
    const grant = Object.values(steps[2]!.state.db).find((r) => (r as { kind: string }).kind === "grant") as { issued_token: { value: string; used: number }[] };
    expect(grant.issued_token.find((t) => t.value === "CODE-1")!.used).toBe(1);
  });

  it("gives the call each step became, with the arguments the library gets", () => {
    const steps = replayUnderLibrary(codeExchange().base, codeExchange().journal, "oidc-op-2.4");
    expect(steps[2]!.call).toMatchObject({ target: "grant", method: "mint_token", kwargs: { token_class: "access_token", value: "AT-1", based_on: "CODE-1" } });
  });
});
