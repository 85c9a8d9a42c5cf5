import { describe, expect, it } from "vitest";
import { Workspace } from "../workspace.ts";
import type { JournalEntry } from "../schemas.ts";
import { compareRerun, rerunUnder } from "./rerun-under.ts";

const AUTH_REQ = { client_id: "client_1", redirect_uri: "https://example.com/cb", scope: "openid", response_type: "code" };

function playgroundExchange(): Workspace {
  const ws = new Workspace({ name: "exchange", seed: "s", start_time: 1700000000, settings: { salt: "natriumklorid" } });
  const e = ws.apply({ op: "createSession", args: { authnEvent: null, authReq: AUTH_REQ, userId: "diana", clientId: "client_1" } }) as Extract<JournalEntry, { result: unknown }>;
  const sessionId = (e.result as { sessionId: string }).sessionId;
  ws.apply({ op: "mintToken", args: { sessionId, type: "authorization_code", value: "CODE-1" } });
  ws.apply({ op: "mintToken", args: { sessionId, type: "access_token", value: "AT-1", basedOn: "CODE-1" } });
  ws.apply({ op: "mintToken", args: { sessionId, type: "id_token", value: "IDT-1", basedOn: "CODE-1" } });
  return ws;
}

describe("rerunUnder", () => {
  it("runs the same operations under idpy-oidc, following the grants it makes, and lists where it differs", () => {
    const origin = playgroundExchange();
    const rerun = rerunUnder(origin, "idpy-oidc-5.0");
    expect(rerun.workspace.semantics).toBe("idpy-oidc-5.0");
    expect(rerun.workspace.journal.map((e) => e.operation.op)).toEqual(origin.journal.map((e) => e.operation.op));
    // The mints reach the rerun's own grant (renamed session ids), and the third is refused there.
    expect("result" in rerun.workspace.journal[2]!).toBe(true);
    const { steps, changes } = compareRerun(origin, rerun);
    expect(steps).toEqual([{ seq: 4, origin: "ran", rerun: "refused (library_raised): idpy-oidc 5.0 raises MintingNotAllowed: Token inactive" }]);
    expect(changes.find((c) => c.key.endsWith("#CODE-1"))).toMatchObject({ change: "changed", fields: [{ field: "status", from: "active", to: "used up" }, { field: "used", from: 0, to: 1 }] });
    expect(changes.find((c) => c.key.endsWith("#IDT-1"))).toMatchObject({ change: "removed" });
  });

  it("finds no difference when a journal reruns under its own semantics", () => {
    const origin = playgroundExchange();
    const { steps, changes } = compareRerun(origin, rerunUnder(origin, "playground"));
    expect(steps).toEqual([]);
    expect(changes).toEqual([]);
  });
});
