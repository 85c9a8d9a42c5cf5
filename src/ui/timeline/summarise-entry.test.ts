import { describe, expect, it } from "vitest";
import { codeFlow, newWorkspace, run } from "../test/workspace-fixture.ts";
import { summariseEntry, summaryText } from "./summarise-entry.ts";

describe("summariseEntry", () => {
  it("names a mint's type, parent and new value, with the shortened session id", () => {
    const { ws, code, at } = codeFlow();
    const s = summariseEntry(ws.journal[2]);
    expect(s.title).toBe("Mint token");
    expect(s.args).toMatch(new RegExp(`^access_token from ${code.slice(0, 16)}…, session diana;;client_1;;[0-9a-f]{6}…$`));
    expect(s.result).toBe(`→ ${at.slice(0, 16)}…`);
    expect(s.error).toBeNull();
  });

  it("marks a refused entry with its error code and message and no result", () => {
    const { ws, sessionId, code } = codeFlow();
    ws.apply({ op: "mintToken", args: { sessionId, type: "access_token", basedOn: code } });
    const s = summariseEntry(ws.journal[ws.journal.length - 1]);
    expect(s.error?.code).toBe("minting_not_allowed");
    expect(s.error?.message).toMatch(/active/);
    expect(s.result).toBe("");
    expect(summaryText(s)).toMatch(/^Step 7: Mint token \(access_token from .*\) refused: minting_not_allowed$/);
  });

  it("counts what a recursive revocation reached", () => {
    const { ws, sessionId, code } = codeFlow();
    run(ws, { op: "revokeToken", args: { sessionId, value: code, recursive: true } });
    const s = summariseEntry(ws.journal[ws.journal.length - 1]);
    expect(s.args).toContain(", recursive,");
    expect(s.result).toBe("→ 4 revoked");
  });

  it("says how far the clock moved and where it is now, in virtual time", () => {
    const ws = newWorkspace();
    run(ws, { op: "advanceClock", args: { seconds: 3660 } });
    const s = summariseEntry(ws.journal[0]);
    expect(s.args).toBe("+1h 1m");
    expect(s.result).toBe("→ now 2023-11-14 23:14:20 UTC");
    expect(s.at).toBe("2023-11-14 22:13:20 UTC");
  });

  it("names the user and client of a new session, and a non-public subject type", () => {
    const ws = newWorkspace();
    run(ws, { op: "createSession", args: { userId: "erin", clientId: "bank", authReq: { client_id: "bank" }, subType: "pairwise", sectorIdentifier: "https://bank.example" } });
    const s = summariseEntry(ws.journal[0]);
    expect(s.args).toBe("user erin, client bank, pairwise subject (sector https://bank.example)");
    expect(s.result).toMatch(/^→ erin;;bank;;[0-9a-f]{6}…$/);
  });
});
