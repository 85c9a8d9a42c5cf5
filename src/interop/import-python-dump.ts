import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { createSeededRandom, InvalidStateFile, type SemanticsName } from "../core/index.ts";
import { MAX_STATE_FILE_BYTES, parseJsonText, Workspace, type WorkspaceSettings } from "../ops/index.ts";
import { isRecord, type PythonLibrary } from "./python-classes.ts";
import type { DumpCounts, DumpLayout, DumpWarning, PythonDumpKept } from "./python-dump-types.ts";
import { readPythonDump } from "./read-python-dump.ts";

export interface ImportPythonDumpOptions {
  /** The workspace's name (default "<library> dump"). */
  name?: string;
  /** The workspace's seed (default: drawn from the dump's db keys, so the same dump gives the same workspace). */
  seed?: string;
  /** Where the virtual clock starts (default: the latest issue or authentication time in the dump). */
  startTime?: number;
  /** Subject salt for sessions created after the import (default: one the dump confirms, see `readPythonDump`). */
  salt?: string;
  /** Read the dump as this library's, whatever its class names say. */
  library?: PythonLibrary;
  /** The clock used only when the dump holds no time at all (default: the system clock). */
  now?: () => number;
  /** Whose session manager runs what is done after the import (default: the dump's library's profile). */
  semantics?: SemanticsName;
}

export interface PythonDumpImport {
  /** A new workspace whose journal starts with one `importState` entry holding the dump's state. */
  workspace: Workspace;
  library: PythonLibrary;
  /** A version range guessed from the class names and fields, e.g. `4.x–5.x`. */
  versionGuess: string;
  /** What the library and version guess rest on. */
  versionBasis: string[];
  layout: DumpLayout;
  /** Structural problems, each with its JSON path and node key: often the bug being reported. */
  warnings: DumpWarning[];
  counts: DumpCounts;
  /** What only the Python side has, kept for export (also stored in the journal's first entry). */
  kept: PythonDumpKept;
}

/**
 * Opens a `SessionManager.dump()` of idpy-oidc or oidc-op (JSON text) as a new workspace.
 * The snapshot holds the dump's tree, tokens, flags, counters and times exactly; the journal starts
 * with `importState` (source "<library> <version guess>") so that everything done afterwards replays.
 * Throws `InvalidStateFile` (with JSON paths) when the text cannot be read as a dump; structural
 * oddities are returned as `warnings` instead.
 */
export function importPythonDump(text: string, options: ImportPythonDumpOptions = {}): PythonDumpImport {
  if (typeof text !== "string") throw new InvalidStateFile([{ path: "", message: "a session dump is JSON text" }]);
  if (text.length > MAX_STATE_FILE_BYTES) {
    throw new InvalidStateFile([{ path: "", message: `the file is larger than ${MAX_STATE_FILE_BYTES / 1024 / 1024} MB, the most the playground reads` }]);
  }
  return importPythonDumpValue(parseJsonText(text), options);
}

/** As `importPythonDump`, for a value already parsed from JSON. */
export function importPythonDumpValue(data: unknown, options: ImportPythonDumpOptions = {}): PythonDumpImport {
  const seed = options.seed ?? seedFor(data);
  const read = readPythonDump(data, {
    library: options.library,
    salt: options.salt,
    startTime: options.startTime,
    now: options.now ?? (() => Math.floor(Date.now() / 1000)),
    // The salt a fresh manager with this seed would draw, so the choice is reproducible.
    fallbackSalt: () => createSeededRandom(seed).hex(32),
  });
  const { library, versionGuess, basis, layout } = read.detection;
  // Operations on a dump behave as its library would (the user can rerun it under another profile).
  const semantics = options.semantics ?? SEMANTICS_OF_LIBRARY[library];
  const settings: WorkspaceSettings = {
    ...(read.customTypes.length ? { tokenTypes: Object.fromEntries(read.customTypes.map((t) => [t, {}])) } : {}),
    ...(semantics !== "playground" ? { semantics } : {}),
  };
  let workspace: Workspace;
  try {
    workspace = new Workspace({ name: options.name ?? `${library} dump`, seed, start_time: read.startTime, settings });
  } catch (e) {
    throw new InvalidStateFile([{ path: "", message: `cannot make a workspace for it: ${(e as Error).message}` }]);
  }
  const entry = workspace.apply({ op: "importState", args: { source: `${library} ${versionGuess}`, snapshot: read.snapshot, strict: false } });
  if ("error" in entry) {
    // The reader should have caught everything the manager refuses; if not, report it the same way.
    throw new InvalidStateFile([{ path: "", message: `the session manager refused the converted state: ${entry.error.message}` }]);
  }
  // The journal's own copy: it is what export and the inspector read later, and shares nothing with the caller's data.
  const kept = (entry.operation.args as { snapshot: { python_dump: PythonDumpKept } }).snapshot.python_dump;
  return { workspace, library, versionGuess, versionBasis: basis, layout, warnings: read.warnings, counts: read.counts, kept };
}

const SEMANTICS_OF_LIBRARY: Record<PythonLibrary, SemanticsName> = { "idpy-oidc": "idpy-oidc-5.0", "oidc-op": "oidc-op-2.4" };

/**
 * A seed from the dump's tree: its sorted db keys (grant ids are random, so they tell dumps apart),
 * so opening the same dump twice, whatever its key order, gives the same workspace. Hashing the keys
 * rather than the whole text keeps this cheap for dumps of many megabytes.
 */
function seedFor(data: unknown): string {
  const db = isRecord(data) && isRecord(data.db) ? data.db : {};
  const keys = Object.keys(db).sort().join("\n");
  return "python-dump-" + bytesToHex(sha256(utf8ToBytes(keys))).slice(0, 16);
}
