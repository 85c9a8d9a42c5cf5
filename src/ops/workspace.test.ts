import { describe, expect, test } from "vitest";
import { replay, Workspace, type JournalEntry, type Operation } from "./index.ts";
import { caughtStateFile } from "../test-support/caught-state-file.ts";

const T0 = 1700000000;

function codeFlow(): Workspace {
  const ws = new Workspace({ name: "Code flow", seed: "seed-1", start_time: T0 });
  const { sessionId } = resultOf<{ sessionId: string }>(ws.apply({ op: "createSession", args: { userId: "diana", clientId: "client_1", authReq: { scope: "openid email" } } }));
  const code = resultOf<{ value: string }>(ws.apply({ op: "mintToken", args: { sessionId, type: "authorization_code" } })).value;
  ws.apply({ op: "mintToken", args: { sessionId, type: "access_token", basedOn: code } });
  ws.apply({ op: "mintToken", args: { sessionId, type: "refresh_token", basedOn: code } });
  ws.apply({ op: "registerUsage", args: { sessionId, value: code } });
  ws.apply({ op: "mintToken", args: { sessionId, type: "access_token", basedOn: code } }); // refused: code used
  ws.apply({ op: "advanceClock", args: { seconds: 600 } });
  return ws;
}

function resultOf<R>(entry: JournalEntry): R {
  if (!("result" in entry)) throw new Error(`step ${entry.seq} failed: ${entry.error.message}`);
  return entry.result as R;
}

describe("Workspace", () => {
  test("journals each operation with seq, virtual time and result, and failed ones with their error", () => {
    const ws = codeFlow();
    expect(ws.journal.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(ws.journal[5]).toMatchObject({ seq: 6, at: T0, error: { code: "minting_not_allowed" } });
    expect(ws.journal[6]).toMatchObject({ at: T0, result: { now: T0 + 600 } });
    expect(ws.manager.clock.now()).toBe(T0 + 600);
  });

  test("keeps its own copy of each operation", () => {
    const ws = new Workspace({ name: "w", seed: "s", start_time: T0 });
    const op: Operation = { op: "createSession", args: { userId: "diana", clientId: "client_1" } };
    ws.apply(op);
    (op.args as { userId: string }).userId = "mallory";
    expect((ws.journal[0].operation.args as { userId: string }).userId).toBe("diana");
  });

  test("replay rebuilds byte-identical state, and up to a step", () => {
    const ws = codeFlow();
    expect(JSON.stringify(replay(ws.base, ws.journal).toJSON())).toBe(JSON.stringify(ws.manager.toJSON()));
    const at2 = replay(ws.base, ws.journal, 2);
    expect(at2.getGrant(at2.getSidsByUserId("diana")[0]).issued_token).toHaveLength(1);
    expect(JSON.stringify(ws.stateAt(7).toJSON())).toBe(JSON.stringify(ws.manager.toJSON()));
  });

  test("replay notices an entry that no longer comes out as recorded", () => {
    const ws = codeFlow();
    const journal = structuredClone(ws.journal);
    (journal[5] as { error: { code: string } }).error.code = "unknown_token";
    expect(caughtStateFile(() => replay(ws.base, journal)).problems[0].path).toBe("journal[5].error.code");
    const j2 = structuredClone(ws.journal);
    (j2[1] as { result: { value: string } }).result.value = "forged";
    expect(caughtStateFile(() => replay(ws.base, j2)).problems[0].path).toBe("journal[1].result");
  });

  test("undo removes the last entry and rebuilds the state; fork copies the first k entries", () => {
    const ws = codeFlow();
    const undone = ws.undo()!;
    expect(undone.operation.op).toBe("advanceClock");
    expect(ws.manager.clock.now()).toBe(T0);
    const fork = ws.fork(2, "fork");
    expect(fork.journal).toHaveLength(2);
    expect(fork.name).toBe("fork");
    expect(JSON.stringify(fork.manager.toJSON())).toBe(JSON.stringify(ws.stateAt(2).toJSON()));
    fork.apply({ op: "advanceClock", args: { seconds: 1 } });
    expect(ws.journal).toHaveLength(6);
  });

  test("refuses a bad name, seed, start time or settings", () => {
    expect(() => new Workspace({ name: "", seed: "s", start_time: T0 })).toThrow(/name/);
    expect(() => new Workspace({ name: "w", seed: "s", start_time: -5 })).toThrow(/start_time/);
    expect(() => new Workspace({ name: "w", seed: "s", start_time: T0, settings: { bogus: 1 } as never })).toThrow(/settings/);
  });
});

describe("state files", () => {
  test("round-trip to an identical workspace", () => {
    const ws = codeFlow();
    ws.notes = "a note";
    const text = ws.toStateFile({ exportedAt: "2026-01-01T00:00:00.000Z" });
    const back = Workspace.fromStateFile(text);
    expect(back.toStateFile({ exportedAt: "2026-01-01T00:00:00.000Z" })).toBe(text);
    expect(back.notes).toBe("a note");
    const file = JSON.parse(text);
    expect(Object.keys(file)).toEqual(["format", "version", "exported_at", "name", "notes", "seed", "start_time", "settings", "journal", "snapshot"]);
    expect(file.format).toBe("oidc-session-playground");
    expect(file.version).toBe(1);
  });

  test("keep the file's own journal entries, in the file's key order", () => {
    const file = JSON.parse(codeFlow().toStateFile());
    file.journal = file.journal.map(({ seq, at, ...rest }: JournalEntry) => ({ at, seq, ...rest }));
    const back = Workspace.fromStateObject(file);
    expect(back.journal.every((entry, i) => entry === file.journal[i])).toBe(true);
    expect(JSON.stringify(JSON.parse(back.toStateFile()).journal)).toBe(JSON.stringify(file.journal));
  });

  test("refuse bad JSON with its line and column", () => {
    const e = caughtStateFile(() => Workspace.fromStateFile('{\n  "format": "oidc-session-playground",\n  "version": 1,,\n}'));
    expect(e.message).toMatch(/line 3, column 16/);
    // A stray token (some engines give no position for it): the column still points at it.
    expect(caughtStateFile(() => Workspace.fromStateFile('{\n "a": }')).message).toMatch(/line 2, column 7/);
    expect(caughtStateFile(() => Workspace.fromStateFile('[1, 2, x]')).message).toMatch(/line 1, column 8/);
    expect(caughtStateFile(() => Workspace.fromStateFile('{"a": ')).message).toMatch(/line 1, column 7/);
  });

  test("refuse another format and a newer version by name", () => {
    const file = JSON.parse(codeFlow().toStateFile());
    expect(caughtStateFile(() => Workspace.fromStateFile(JSON.stringify({ ...file, format: "excalidraw" }))).problems[0]).toMatchObject({
      path: "format",
      message: expect.stringMatching(/not an OIDC Session Playground state file/),
    });
    expect(caughtStateFile(() => Workspace.fromStateFile(JSON.stringify({ ...file, version: 2 }))).problems[0]).toMatchObject({
      path: "version",
      message: expect.stringMatching(/newer/),
    });
  });

  test("list each problem with its JSON path", () => {
    const file = JSON.parse(codeFlow().toStateFile());
    file.start_time = "yesterday";
    file.journal[0].seq = 0;
    delete file.name;
    const paths = caughtStateFile(() => Workspace.fromStateFile(JSON.stringify(file))).problems.map((p) => p.path).sort();
    expect(paths).toEqual(["journal[0].seq", "name", "start_time"]);
  });

  test("refuse a snapshot that the journal does not produce, naming the first difference", () => {
    const file = JSON.parse(codeFlow().toStateFile());
    const key = Object.keys(file.snapshot.db)[2];
    file.snapshot.db[key].issued_token[1].revoked = true;
    const e = caughtStateFile(() => Workspace.fromStateFile(JSON.stringify(file)));
    expect(e.problems[0].path).toBe("snapshot");
    expect(e.problems[0].message).toContain(`snapshot.db["${key}"].issued_token[1].revoked`);
  });

  test("report snapshot shape problems under snapshot", () => {
    const file = JSON.parse(codeFlow().toStateFile());
    file.snapshot.db.diana.subordinate = "client_1";
    expect(caughtStateFile(() => Workspace.fromStateFile(JSON.stringify(file))).problems[0].path).toBe("snapshot.db.diana.subordinate");
  });

  test("report snapshot shape problems first when the journal does not replay either", () => {
    const file = JSON.parse(codeFlow().toStateFile());
    file.snapshot.db.diana.subordinate = "client_1";
    file.journal[1].result = { sessionId: "someone;;else;;entirely" };
    expect(caughtStateFile(() => Workspace.fromStateFile(JSON.stringify(file))).problems.map((p) => p.path)).toEqual(["snapshot.db.diana.subordinate"]);
    // With the snapshot mended, the journal's own problem is the one reported.
    file.snapshot = JSON.parse(codeFlow().toStateFile()).snapshot;
    expect(caughtStateFile(() => Workspace.fromStateFile(JSON.stringify(file))).problems.map((p) => p.path)).toEqual(["journal[1].result"]);
  });
});
