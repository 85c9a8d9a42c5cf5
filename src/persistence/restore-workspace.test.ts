import { describe, expect, it } from "vitest";
import { createVirtualClock, restoreSeededRandom, SessionManager } from "../core/index.ts";
import { runOperation, Workspace } from "../ops/index.ts";
import { entryDigest, restoreWorkspace, takeSnapshot, type SnapshotRecord } from "./restore-workspace.ts";
import { buildWorkspace, stateOf } from "./test-fixtures.ts";

const init = { name: "Demo", seed: "fixture-seed", start_time: 1_700_000_000 };

describe("restoring a workspace from a snapshot and the journal's tail", () => {
  const full = buildWorkspace(260);

  it.each([1, 37, 100, 199, 200, 259, 260])("snapshot at step %i plus the tail equals a full replay", (seq) => {
    const snapshot = takeSnapshot(full.fork(seq, "part"));
    const { workspace, source } = restoreWorkspace(init, [...full.journal], snapshot);
    expect(source).toEqual({ kind: "snapshot", seq });
    expect(stateOf(workspace)).toBe(stateOf(full));
    expect(workspace.manager.toJSON()).toEqual(full.manager.toJSON());
  });

  it("equals a full replay when built by hand from SessionManager.fromJSON and runOperation", () => {
    const at = 150;
    const value = full.stateAt(at).toJSON();
    const manager = SessionManager.fromJSON(value, { clock: createVirtualClock(value.clock!.now), random: restoreSeededRandom(value.random!) });
    for (let i = at; i < full.journal.length; i++) runOperation(manager, full.journal[i].operation, i + 1);
    expect(manager.toJSON()).toEqual(full.manager.toJSON());
  });

  it("continues exactly like the original after restoring", () => {
    const snapshot = takeSnapshot(full.fork(200, "part"));
    const { workspace } = restoreWorkspace(init, [...full.journal], snapshot);
    const original = buildWorkspace(260);
    for (const w of [workspace, original]) w.apply({ op: "mintToken", args: { sessionId: (full.journal[250] as { result: { sessionId: string } }).result.sessionId, type: "access_token" } });
    expect(stateOf(workspace)).toBe(stateOf(original));
  });

  it("replays everything when there is no snapshot", () => {
    const { workspace, source } = restoreWorkspace(init, [...full.journal]);
    expect(source.kind).toBe("replay");
    expect(stateOf(workspace)).toBe(stateOf(full));
  });

  describe("falls back to a full replay (the journal is the truth) when the snapshot", () => {
    const good = takeSnapshot(full.fork(100, "part"));
    const cases: [string, SnapshotRecord, RegExp][] = [
      ["cannot be read", { ...good, value: { ...good.value, db: "nope" } as never }, /cannot be read/],
      ["comes from another history", { ...good, entry_digest: entryDigest(full.journal[98]) }, /different journal/],
      ["lies beyond the journal", { ...good, seq: 400 }, /outside the journal/],
      ["has no virtual clock", { ...good, value: { ...good.value, clock: null } }, /no virtual clock/],
      // The fingerprint matches, but the tail no longer replays as recorded from it.
      ["disagrees with the journal's clock", { ...good, value: { ...good.value, clock: { now: good.value.clock!.now + 1 } } }, /step 101 replays differently/],
      [
        "disagrees with the journal's generated ids",
        { ...good, value: { ...good.value, random: { ...good.value.random!, state: [1, 2, 3, 4] } } },
        /step 101 replays differently/,
      ],
    ];
    it.each(cases)("%s", (_, snapshot, reason) => {
      const { workspace, source } = restoreWorkspace(init, [...full.journal], snapshot);
      expect(source.kind).toBe("replay");
      expect(source.kind === "replay" && source.reason).toMatch(reason);
      expect(stateOf(workspace)).toBe(stateOf(full));
    });
  });

  it("still refuses a damaged journal, naming the entry", () => {
    const journal = structuredClone(full.journal.slice(0, 20));
    (journal[12] as { at: number }).at += 5;
    expect(() => restoreWorkspace(init, journal)).toThrow(/journal\[12\]\.at/);
  });

  it("a snapshot is the manager's JSON after entry seq, with that entry's fingerprint", () => {
    const w = new Workspace(init);
    expect(() => takeSnapshot(w)).toThrow(RangeError);
    w.apply({ op: "advanceClock", args: { seconds: 3 } });
    expect(takeSnapshot(w)).toEqual({ seq: 1, value: w.manager.toJSON(), entry_digest: entryDigest(w.journal[0]) });
    expect(entryDigest(w.journal[0])).toMatch(/^[0-9a-f]{64}$/);
  });
});
