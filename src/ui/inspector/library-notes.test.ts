import { describe, expect, it } from "vitest";
import { Workspace, type JournalEntry } from "../../ops/index.ts";
import { grantNodeId, projectGraph, tokenNodeId } from "../graph/project-graph.ts";
import { libraryNotesFor } from "./library-notes.ts";

const AUTH_REQ = { client_id: "client_1", redirect_uri: "https://example.com/cb", scope: "openid offline_access", response_type: "code" };
const EVENT = { uid: "diana", authn_info: "pwd", authn_time: 1700000000, valid_until: 1700086400 };

function codeExchange(semantics: "playground" | "idpy-oidc-5.0") {
  const ws = new Workspace({ name: "exchange", seed: "seed-1", start_time: 1700000000, settings: { salt: "natriumklorid", semantics } });
  const created = ws.apply({ op: "createSession", args: { authnEvent: EVENT, authReq: AUTH_REQ, userId: "diana", clientId: "client_1" } }) as Extract<JournalEntry, { result: unknown }>;
  const sessionId = (created.result as { sessionId: string }).sessionId;
  ws.apply({ op: "mintToken", args: { sessionId, type: "authorization_code", value: "CODE-1" } });
  ws.apply({ op: "mintToken", args: { sessionId, type: "access_token", value: "AT-1", basedOn: "CODE-1" } });
  return { ws, sessionId, graph: projectGraph(ws.manager) };
}

describe("the library's notes for a node", () => {
  it("tell the code it was counted as used by the mint from it, at that step", () => {
    const { ws, sessionId, graph } = codeExchange("idpy-oidc-5.0");
    const code = graph.byId.get(tokenNodeId(sessionId, "CODE-1"))!;
    expect(libraryNotesFor(ws, code)).toEqual([{ seq: 3, notes: [expect.stringMatching(/counts this mint as a use of CODE-1 \(used 0 → 1/)] }]);
    // The minted token is named in the step too (its result), so it hears of it as well.
    expect(libraryNotesFor(ws, graph.byId.get(tokenNodeId(sessionId, "AT-1"))!).map((n) => n.seq)).toEqual([3]);
  });

  it("leave out steps after the one being viewed, and steps about other nodes", () => {
    const { ws, sessionId, graph } = codeExchange("idpy-oidc-5.0");
    expect(libraryNotesFor(ws, graph.byId.get(tokenNodeId(sessionId, "CODE-1"))!, 2)).toEqual([]);
    const user = [...graph.byId.values()].find((n) => n.kind === "user")!;
    expect(libraryNotesFor(ws, user)).toEqual([]);
    expect(libraryNotesFor(ws, graph.byId.get(grantNodeId(sessionId))!).map((n) => n.seq)).toEqual([3]);
  });

  it("are none under the playground", () => {
    const { ws, sessionId, graph } = codeExchange("playground");
    expect(libraryNotesFor(ws, graph.byId.get(tokenNodeId(sessionId, "CODE-1"))!)).toEqual([]);
  });
});
