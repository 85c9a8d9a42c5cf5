import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { SessionManager, type ManagerSnapshot } from "../core/index.ts";
import { canonicalJson, runOperation, sameJson, Workspace, type JournalEntry, type WorkspaceInit } from "../ops/index.ts";

/** A saved `manager.toJSON()` after journal entry `seq`. */
export interface SnapshotRecord {
  seq: number;
  value: ManagerSnapshot;
  /** Fingerprint of entry `seq`, so a snapshot left over from another history is never used. */
  entry_digest: string;
}

/** How an opened workspace was rebuilt (tests and diagnostics read it). */
export type RestoreSource = { kind: "snapshot"; seq: number } | { kind: "replay"; reason: string };

/** SHA-256 (hex) of the canonical JSON of a journal entry. */
export function entryDigest(entry: JournalEntry): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(entry))));
}

/**
 * Whether a snapshot after the workspace's last entry is worth taking. Not after an `importState`:
 * that entry holds the state itself and replays about as fast as a snapshot of it reads, while the
 * fingerprint tying a snapshot to it (`entryDigest`) takes over a second at 100,000 tokens, when
 * the snapshot is written and again at every open.
 */
export function snapshotWorthTaking(workspace: Workspace): boolean {
  const last = workspace.journal.at(-1);
  // A workspace under a library profile is always replayed: its drawing is not the library's whole state.
  return workspace.restorableFromSnapshot && last !== undefined && last.operation.op !== "importState";
}

/**
 * Replaying one journal entry costs about as much as reading this many bytes of snapshot JSON
 * (measured in Chromium: an entry replays in about 30 µs; a snapshot's Blob is turned into text
 * and parsed at about 14 ns a byte). Set low, so a snapshot is skipped only when clearly too big.
 */
const REPLAY_COST_IN_SNAPSHOT_BYTES = 1024;

/**
 * Whether reading the snapshot after entry `seq` (`bytes` of JSON) saves time over replaying the
 * entries up to it. A snapshot holding a large imported state, a few thousand entries after the
 * import, costs more to read than replaying them (the import itself is read with the journal
 * either way): at 100,000 tokens and 10,000 entries, 0.8–0.95 s against 0.63–0.71 s.
 */
export function snapshotWorthReading(seq: number, bytes: number): boolean {
  return bytes <= seq * REPLAY_COST_IN_SNAPSHOT_BYTES;
}

/** A snapshot of the workspace's current state, after its last journal entry. */
export function takeSnapshot(workspace: Workspace): SnapshotRecord {
  const seq = workspace.journal.length;
  if (seq === 0) throw new RangeError("An empty journal needs no snapshot.");
  return { seq, value: workspace.manager.toJSON(), entry_digest: entryDigest(workspace.journal[seq - 1]) };
}

/**
 * Rebuilds a workspace from its journal, starting from `snapshot` when one is given and replaying
 * only the entries after it. The journal is the source of truth: when the snapshot does not belong
 * to this journal, cannot be read, or the tail does not replay as recorded from it, the whole
 * journal is replayed instead (which throws `InvalidStateFile` if the journal itself is damaged).
 */
export function restoreWorkspace(
  init: WorkspaceInit,
  journal: JournalEntry[],
  snapshot?: SnapshotRecord,
): { workspace: Workspace; source: RestoreSource } {
  if (snapshot && (init.settings?.semantics ?? "playground") !== "playground") {
    return { workspace: new Workspace(init, journal), source: { kind: "replay", reason: "a workspace under a library profile replays its journal" } };
  }
  if (snapshot) {
    const restored = managerFromSnapshot(journal, snapshot);
    if (restored instanceof SessionManager) {
      return { workspace: new Workspace(init, journal, restored), source: { kind: "snapshot", seq: snapshot.seq } };
    }
    return { workspace: new Workspace(init, journal), source: { kind: "replay", reason: restored } };
  }
  return { workspace: new Workspace(init, journal), source: { kind: "replay", reason: "no snapshot" } };
}

/** The manager after the whole journal, from the snapshot plus the tail; or why the snapshot cannot be used. */
function managerFromSnapshot(journal: readonly JournalEntry[], snapshot: SnapshotRecord): SessionManager | string {
  const { seq, value } = snapshot;
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > journal.length) return `snapshot at step ${seq} is outside the journal (1..${journal.length})`;
  if (snapshot.entry_digest !== entryDigest(journal[seq - 1])) return `snapshot at step ${seq} was taken from a different journal`;
  // Only a virtual clock and a seeded generator replay deterministically.
  if (!value || typeof value !== "object" || !value.clock || !value.random) return `snapshot at step ${seq} has no virtual clock or seeded generator`;
  let manager: SessionManager;
  try {
    manager = SessionManager.fromJSON(value, { strict: false });
  } catch (e) {
    return `snapshot at step ${seq} cannot be read: ${(e as Error).message}`;
  }
  for (let i = seq; i < journal.length; i++) {
    let replayed: JournalEntry;
    try {
      replayed = runOperation(manager, journal[i].operation, i + 1);
    } catch (e) {
      return `step ${i + 1} throws when replayed from the snapshot: ${(e as Error).message}`;
    }
    if (!sameOutcome(journal[i], replayed, i + 1)) return `step ${i + 1} replays differently from the snapshot at step ${seq}`;
  }
  return manager;
}

/** Whether a replayed entry came out as recorded: same seq and time, same result or same error code. */
function sameOutcome(recorded: JournalEntry, replayed: JournalEntry, seq: number): boolean {
  if (recorded.seq !== seq || recorded.at !== replayed.at) return false;
  if ("error" in recorded) return "error" in replayed && replayed.error.code === recorded.error.code;
  return !("error" in replayed) && sameJson(recorded.result, replayed.result);
}
