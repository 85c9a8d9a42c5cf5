import {
  deepNesting,
  MAX_NESTING,
  formatPath,
  InvalidArgument,
  InvalidStateFile,
  SessionManager,
  type ManagerSnapshot,
  type Problem,
} from "../core/index.ts";
import { firstDifference, sameJson } from "./canonical-json.ts";
import { parseJsonText } from "./parse-json.ts";
import {
  settingsSchema,
  STATE_FILE_FORMAT,
  STATE_FILE_VERSION,
  stateFileSchema,
  type JournalEntry,
  type Operation,
  type WorkspaceSettings,
} from "./schemas.ts";
import { zodProblems } from "../core/snapshot.ts";

import { createManager, runOperation, runStep, type AppliedStep, type WorkspaceBase } from "./run-operation.ts";
import { createEngine, PlaygroundEngine, semanticsOf, type Engine } from "./semantics/engine.ts";
import type { SemanticsName } from "../core/profiles/library-profiles.ts";

export { createManager, runOperation, runStep, type AppliedStep, type WorkspaceBase };

export interface WorkspaceInit extends WorkspaceBase {
  name: string;
  notes?: string;
}

/** How deeply an operation's JSON may nest (a state file adds a few levels around it, within MAX_NESTING). */
export const MAX_OPERATION_NESTING = MAX_NESTING - 100;

/** The largest state file read (bytes of text); larger ones are refused before parsing. */
export const MAX_STATE_FILE_BYTES = 50 * 1024 * 1024;

/**
 * A state file's text as JSON, before its shape is checked: refused when over the size limit or
 * not JSON (`InvalidStateFile`, with line and column).
 */
export function parseStateFileText(text: string): unknown {
  if (typeof text !== "string") throw new InvalidStateFile([{ path: "", message: "a state file is JSON text" }]);
  if (text.length > MAX_STATE_FILE_BYTES) {
    throw new InvalidStateFile([{ path: "", message: `the file is larger than ${MAX_STATE_FILE_BYTES / 1024 / 1024} MB; state files are limited to that size` }]);
  }
  return parseJsonText(text);
}

/**
 * Rebuilds the manager from the first `upTo` journal entries (all when omitted).
 * Each entry must come out as recorded (same result, or the same error code); otherwise
 * `InvalidStateFile` names the entry.
 */
export function replay(base: WorkspaceBase, journal: readonly JournalEntry[], upTo: number = journal.length): SessionManager {
  return replayEngine(base, journal, upTo).manager;
}

/** As `replay`, giving the engine (the workspace's semantics) rather than only its state. */
export function replayEngine(base: WorkspaceBase, journal: readonly JournalEntry[], upTo: number = journal.length): Engine {
  const engine = createEngine(base);
  replayOnto(engine, journal, 0, Math.max(0, Math.min(upTo, journal.length)));
  return engine;
}

/** Runs entries `from` to `to` (exclusive) on an engine holding the state after `from`, each checked as `replay` does. */
function replayOnto(engine: Engine, journal: readonly JournalEntry[], from: number, to: number, each?: (k: number) => void): void {
  for (let i = from; i < to; i++) {
    const problem = checkReplayedEntry(journal[i], engine.apply(journal[i].operation, i + 1).entry, i);
    if (problem) throw new InvalidStateFile([problem]);
    each?.(i + 1);
  }
}

/**
 * How many past states time travel keeps, and how far apart it keeps them on a long replay. A
 * short journal replays faster than a snapshot is read back, so no step below the stride is kept.
 */
const CHECKPOINTS = 12;
const CHECKPOINT_STRIDE = 128;
const CHECKPOINT_NEAR = 16;

function checkReplayedEntry(recorded: JournalEntry, replayed: JournalEntry, i: number): Problem | null {
  const path = `journal[${i}]`;
  if (recorded.seq !== i + 1) return { path: `${path}.seq`, message: `must be ${i + 1} (entries are numbered from 1 without gaps)` };
  if (recorded.at !== replayed.at) return { path: `${path}.at`, message: `recorded at ${recorded.at}, but the virtual clock reads ${replayed.at} at this step` };
  if ("error" in recorded) {
    if (!("error" in replayed)) return { path: `${path}.error`, message: `recorded as failing with ${recorded.error.code}, but it succeeds on replay` };
    if (replayed.error.code !== recorded.error.code) {
      return { path: `${path}.error.code`, message: `recorded as ${recorded.error.code}, but replay fails with ${replayed.error.code}: ${replayed.error.message}` };
    }
    return null;
  }
  if ("error" in replayed) return { path: `${path}.result`, message: `recorded as succeeding, but replay fails with ${replayed.error.code}: ${replayed.error.message}` };
  if (!sameJson(recorded.result, replayed.result)) {
    return { path: `${path}.result`, message: `replay gives ${JSON.stringify(replayed.result).slice(0, 200)}, not the recorded result` };
  }
  return null;
}

/**
 * A named session manager with its journal: every change is an operation, recorded with its
 * result or error, so the state can be replayed, shared and reproduced byte for byte.
 */
export class Workspace {
  name: string;
  notes: string | undefined;
  readonly seed: string;
  readonly start_time: number;
  readonly settings: WorkspaceSettings;
  readonly journal: JournalEntry[];
  #engine: Engine;
  /** Snapshots of past states by step, least recently used first, so time travel replays from the nearest. */
  readonly #checkpoints = new Map<number, ManagerSnapshot>();

  /** `state`: the manager (or engine) the journal has already been replayed into, when the caller has it. */
  constructor(init: WorkspaceInit, journal: JournalEntry[] = [], state?: SessionManager | Engine) {
    const problems = checkInit(init);
    if (problems.length) throw new InvalidArgument(`Invalid workspace: ${problems.map((p) => `${p.path} ${p.message}`).join("; ")}.`, problems);
    this.name = init.name;
    this.notes = init.notes;
    this.seed = init.seed;
    this.start_time = init.start_time;
    this.settings = init.settings ?? {};
    this.journal = journal;
    this.#engine =
      state instanceof SessionManager && semanticsOf(this.base) === "playground" ? new PlaygroundEngine(state) : state && !(state instanceof SessionManager) ? state : replayEngine(this.base, journal);
  }

  /** The manager this workspace's journal produces. Read it; change it only through `apply`. */
  get manager(): SessionManager {
    return this.#engine.manager;
  }

  /** Whose session manager runs this workspace's operations (`settings.semantics`). */
  get semantics(): SemanticsName {
    return semanticsOf(this.base);
  }

  /** What the library did at entry `seq` that the playground would not have (none under the playground). */
  notesAt(seq: number): readonly string[] {
    return this.#engine.notesAt(seq);
  }

  /** What the library holds that the drawing cannot show (stray records, duplicate subordinate entries). */
  leftOut(): readonly string[] {
    return this.#engine.leftOut();
  }

  /** Whether a saved snapshot of the manager may stand in for replaying the journal (not under a library). */
  get restorableFromSnapshot(): boolean {
    return this.#engine.restorableFromSnapshot;
  }

  get base(): Required<WorkspaceBase> {
    return { seed: this.seed, start_time: this.start_time, settings: this.settings };
  }

  /**
   * Applies an operation and appends its journal entry (with the result, or with the error when
   * the operation is refused: failed calls change nothing but are kept, for bug reports).
   */
  apply(operation: Operation | unknown): JournalEntry {
    return this.run(operation).entry;
  }

  /** As `apply`, also returning the error a refused operation was refused with (see `AppliedStep`). */
  run(operation: Operation | unknown): AppliedStep {
    // Leave room for the levels a state file adds around an operation, so every accepted operation saves and loads.
    const deep = deepNesting(operation, MAX_OPERATION_NESTING);
    if (deep) {
      throw new InvalidArgument(`An operation may nest JSON at most ${MAX_OPERATION_NESTING} levels deep.`, [
        { path: formatPath(deep) || "(root)", message: `nests more than ${MAX_OPERATION_NESTING} levels deep` },
      ]);
    }
    let copy: Operation;
    try {
      // The journal keeps its own copy of plain JSON, so later changes by the caller cannot alter history.
      copy = JSON.parse(JSON.stringify(operation)) as Operation;
    } catch {
      throw new InvalidArgument("An operation must be plain JSON (no cycles, functions or BigInts).");
    }
    const step = this.#engine.apply(copy, this.journal.length + 1);
    this.journal.push(step.entry);
    return step;
  }

  /** Removes the last entry and rebuilds the state without it (undo). Returns the removed entry. */
  undo(): JournalEntry | undefined {
    const entry = this.journal.pop();
    if (entry) {
      // Checkpoints past the new end were taken from the entry just removed.
      for (const k of [...this.#checkpoints.keys()]) if (k > this.journal.length) this.#checkpoints.delete(k);
      this.#engine = this.#engineAt(this.journal.length);
    }
    return entry;
  }

  /**
   * The state after the first `k` entries, for time travel (a new manager; this one is untouched).
   * Replays from the nearest earlier checkpoint, so stepping by one replays one entry, not `k`.
   */
  stateAt(k: number): SessionManager {
    return this.#engineAt(k).manager;
  }

  #engineAt(k: number): Engine {
    const n = Math.max(0, Math.min(Math.floor(k), this.journal.length));
    // A library's state lives in its own objects, which a snapshot does not hold: replay it whole.
    if (!this.#engine.restorableFromSnapshot) return replayEngine(this.base, this.journal, n);
    let from = 0;
    for (const at of this.#checkpoints.keys()) if (at <= n && at > from) from = at;
    const start = from ? this.#checkpoints.get(from) : undefined;
    const engine = start ? new PlaygroundEngine(SessionManager.fromJSON(start, { strict: false })) : createEngine(this.base);
    if (start) this.#remember(from, start);
    // A long replay leaves checkpoints behind it, so stepping back from its end stays short too.
    replayOnto(engine, this.journal, from, n, (at) => {
      if (at < n && at % CHECKPOINT_STRIDE === 0) this.#remember(at, engine.manager.toJSON());
    });
    // A step a few entries past a checkpoint is cheaper to replay again than to keep.
    if (n - from >= CHECKPOINT_NEAR && n >= CHECKPOINT_STRIDE) this.#remember(n, engine.manager.toJSON());
    return engine;
  }

  #remember(k: number, snapshot: ManagerSnapshot): void {
    this.#checkpoints.delete(k);
    this.#checkpoints.set(k, snapshot);
    while (this.#checkpoints.size > CHECKPOINTS) this.#checkpoints.delete(this.#checkpoints.keys().next().value!);
  }

  /** A new workspace holding the first `k` entries of this one. */
  fork(k: number, name = `${this.name} (fork at step ${k})`): Workspace {
    const journal = this.journal.slice(0, Math.max(0, k)).map((e) => JSON.parse(JSON.stringify(e)) as JournalEntry);
    return new Workspace({ name, notes: this.notes, seed: this.seed, start_time: this.start_time, settings: this.settings }, journal);
  }

  /** The state file text (`<name>.oidc-session.json`): base, journal and snapshot. */
  toStateFile(options: { exportedAt?: string; space?: number } = {}): string {
    const file = { ...this.stateFileHead(options.exportedAt), journal: this.journal, snapshot: this.#engine.manager.toJSON() };
    return JSON.stringify(file, null, options.space ?? 0);
  }

  /** The state file's fields before `journal` and `snapshot` (which always come last), in file order. */
  stateFileHead(exportedAt = new Date().toISOString()) {
    return {
      format: STATE_FILE_FORMAT,
      version: STATE_FILE_VERSION,
      exported_at: exportedAt,
      name: this.name,
      ...(this.notes !== undefined ? { notes: this.notes } : {}),
      seed: this.seed,
      start_time: this.start_time,
      settings: this.settings,
    };
  }

  /**
   * Reads a state file: checks its JSON, format, version and shape, replays the journal and
   * compares the result with the snapshot. Throws `InvalidStateFile` listing each problem
   * with its JSON path (for bad JSON, its line and column).
   */
  static fromStateFile(text: string): Workspace {
    return Workspace.fromStateObject(parseStateFileText(text));
  }

  /** As `fromStateFile`, for a value already parsed from JSON. */
  static fromStateObject(data: unknown): Workspace {
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
      throw new InvalidStateFile([{ path: "", message: "a state file is a JSON object" }]);
    }
    const record = data as Record<string, unknown>;
    if (record.format !== STATE_FILE_FORMAT) {
      throw new InvalidStateFile(
        [{ path: "format", message: `is ${JSON.stringify(record.format)}, not "${STATE_FILE_FORMAT}": this is not an OIDC Session Playground state file` }],
      );
    }
    if (typeof record.version === "number" && record.version > STATE_FILE_VERSION) {
      throw new InvalidStateFile([
        { path: "version", message: `is ${record.version}, newer than this playground reads (${STATE_FILE_VERSION}); open it with a newer version` },
      ]);
    }
    const parsed = stateFileSchema.safeParse(data);
    if (!parsed.success) throw new InvalidStateFile(zodProblems(parsed.error));
    // Free-form JSON (claims, requests, imported snapshots) is copied recursively when replayed:
    // refuse absurd nesting here rather than overflow the stack there. The snapshot is not copied:
    // it is only compared with the replayed state, a walk no deeper than that state, and checked
    // (nesting included) by validateJSON below when the two differ.
    const deep = deepNesting({ ...record, snapshot: null }, MAX_NESTING);
    if (deep) throw new InvalidStateFile([{ path: formatPath(deep), message: `nests JSON more than ${MAX_NESTING} levels deep` }]);
    // zod's output lists object keys in schema order; keep the file's own order (validated, minus the
    // `__proto__` keys zod skips) so a loaded workspace saves and snapshots byte for byte as before.
    const file = { ...parsed.data, settings: withoutProtoKeys(record.settings) as WorkspaceSettings };
    // A snapshot equal to the state the journal replays to is valid by construction, so its own
    // check (about 0.2 s of a 64,000-token import) runs only when something fails. It runs before
    // anything else is reported, so a snapshot's problems keep their paths under `snapshot`.
    const checkSnapshot = () => SessionManager.validateJSON(file.snapshot, { pathPrefix: ["snapshot"], strict: false });
    const base = { seed: file.seed, start_time: file.start_time, settings: file.settings };
    // The file's own entry objects, which zod has checked (its copies list keys in schema order,
    // and a strict object admits no other key): a loaded journal is stored and saved as written,
    // and a store may start writing the file's entries before this check is done.
    const journal = record.journal as JournalEntry[];
    let engine: Engine;
    try {
      engine = replayEngine(base, journal);
    } catch (e) {
      checkSnapshot();
      throw e;
    }
    const replayed = engine.manager.toJSON();
    if (!sameJson(replayed, file.snapshot)) {
      checkSnapshot();
      const where = firstDifference(replayed, file.snapshot) ?? [];
      throw new InvalidStateFile([
        {
          path: "snapshot",
          message: `does not match the state the journal produces (first difference at ${formatPath(["snapshot", ...where])}); the file was edited or is damaged`,
        },
      ]);
    }
    return new Workspace({ name: file.name, notes: file.notes, seed: file.seed, start_time: file.start_time, settings: file.settings }, journal, engine);
  }
}

/** A deep copy of JSON data without `__proto__` keys, which zod skips when it validates. */
function withoutProtoKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutProtoKeys);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (k !== "__proto__") out[k] = withoutProtoKeys(v);
  return out;
}

function checkInit(init: WorkspaceInit): Problem[] {
  const problems: Problem[] = [];
  if (typeof init !== "object" || init === null) return [{ path: "(root)", message: "must be { name, seed, start_time, settings? }" }];
  if (typeof init.name !== "string" || init.name.trim().length === 0) problems.push({ path: "name", message: "must be a non-empty string" });
  if (typeof init.seed !== "string") problems.push({ path: "seed", message: "must be a string" });
  if (!Number.isSafeInteger(init.start_time) || init.start_time < 0) problems.push({ path: "start_time", message: "must be whole seconds since the epoch" });
  if (init.settings !== undefined) {
    const s = settingsSchema.safeParse(init.settings);
    if (!s.success) problems.push(...zodProblems(s.error, ["settings"]));
  }
  return problems;
}
