import { describe, expect, it } from "vitest";
import { Workspace } from "../workspace.ts";
import type { JournalEntry } from "../schemas.ts";

const AUTH_REQ = { client_id: "client_1", redirect_uri: "https://example.com/cb", scope: "openid offline_access", response_type: "code" };
const EVENT = { uid: "diana", authn_info: "pwd", authn_time: 1700000000, valid_until: 1700086400 };

function exchange(semantics?: "playground" | "idpy-oidc-5.0" | "oidc-op-2.4"): Workspace {
  const ws = new Workspace({ name: "exchange", seed: "seed-1", start_time: 1700000000, settings: { salt: "natriumklorid", ...(semantics ? { semantics } : {}) } });
  const created = ws.apply({ op: "createSession", args: { authnEvent: EVENT, authReq: AUTH_REQ, userId: "diana", clientId: "client_1" } }) as Extract<JournalEntry, { result: unknown }>;
  const sessionId = (created.result as { sessionId: string }).sessionId;
  ws.apply({ op: "mintToken", args: { sessionId, type: "authorization_code", value: "CODE-1" } });
  ws.apply({ op: "mintToken", args: { sessionId, type: "access_token", value: "AT-1", basedOn: "CODE-1" } });
  ws.apply({ op: "mintToken", args: { sessionId, type: "refresh_token", value: "RT-1", basedOn: "CODE-1" } });
  return ws;
}

type GrantJSON = { type: string; scope: string[]; issued_token: { value: string; used: number }[] };
const grantsOf = (ws: Workspace) => Object.values(ws.manager.toJSON().db).filter((n) => n.type === "grant") as unknown as GrantJSON[];
const codeOf = (ws: Workspace) => grantsOf(ws).flatMap((g) => g.issued_token).find((t) => t.value === "CODE-1")!;

describe("a workspace under a library profile", () => {
  it("runs idpy-oidc's mint: the code is used up by the first mint, and the refresh-token mint raises", () => {
    const ws = exchange("idpy-oidc-5.0");
    expect(ws.semantics).toBe("idpy-oidc-5.0");
    expect(codeOf(ws).used).toBe(1);
    expect(ws.journal[3]).toMatchObject({ error: { code: "library_raised", message: "idpy-oidc 5.0 raises MintingNotAllowed: Token inactive" } });
    expect(ws.notesAt(3)).toContain("idpy-oidc 5.0 counts this mint as a use of CODE-1 (used 0 → 1; Grant.mint_token adds one to based_on.used)");
  });

  it("runs oidc-op's: no use counted, the grant's scope only from scopes=, and says where it differs", () => {
    const ws = exchange("oidc-op-2.4");
    expect(codeOf(ws).used).toBe(0);
    expect(ws.journal.every((e) => "result" in e)).toBe(true);
    expect(grantsOf(ws)[0]!.scope).toEqual([]);
    expect(ws.notesAt(1).join(" ")).toMatch(/scope only from scopes=/);
  });

  it("keeps the playground's behaviour by default, with no notes", () => {
    const ws = exchange();
    expect(ws.semantics).toBe("playground");
    expect(codeOf(ws).used).toBe(0);
    expect(grantsOf(ws)[0]!.scope).toEqual(["openid", "offline_access"]);
    expect([1, 2, 3, 4].flatMap((s) => ws.notesAt(s))).toEqual([]);
  });

  it("saves its profile in the state file and opens again to the same state", () => {
    const ws = exchange("idpy-oidc-5.0");
    const text = ws.toStateFile({ exportedAt: "2026-12-04T00:00:00Z" });
    expect(JSON.parse(text).settings.semantics).toBe("idpy-oidc-5.0");
    const back = Workspace.fromStateFile(text);
    expect(back.semantics).toBe("idpy-oidc-5.0");
    expect(back.manager.toJSON()).toEqual(ws.manager.toJSON());
    expect(back.toStateFile({ exportedAt: "2026-12-04T00:00:00Z" })).toBe(text);
  });

  it("refuses a state file whose journal does not replay under its profile", () => {
    const ws = exchange("oidc-op-2.4");
    const file = JSON.parse(ws.toStateFile());
    file.settings.semantics = "idpy-oidc-5.0";
    expect(() => Workspace.fromStateObject(file)).toThrow(/journal\[3\]/);
  });

  it("undoes by replaying under the same profile", () => {
    const ws = exchange("idpy-oidc-5.0");
    ws.undo();
    ws.undo();
    expect(codeOf(ws).used).toBe(0);
    expect(ws.journal).toHaveLength(2);
  });

  it("draws oidc-op's stray client-session record as a note on what the drawing leaves out", () => {
    const ws = new Workspace({ name: "stray", seed: "s", start_time: 1700000000, settings: { semantics: "oidc-op-2.4" } });
    const a = ws.apply({ op: "createSession", args: { authnEvent: EVENT, authReq: AUTH_REQ, userId: "diana", clientId: "client_1" } }) as Extract<JournalEntry, { result: unknown }>;
    ws.apply({ op: "createSession", args: { authnEvent: EVENT, authReq: AUTH_REQ, userId: "diana", clientId: "client_1" } });
    ws.apply({ op: "removeSession", args: { sessionId: (a.result as { sessionId: string }).sessionId } });
    expect(ws.leftOut()).toContain('a stray ClientSessionInfo record under the key "client_1"');
    expect(ws.notesAt(3).join(" ")).toMatch(/stray record/);
  });
});
