// A workspace under a library profile: operations run in the library's own session manager (its
// profile), and the journal records what the library answered. The playground's drawing is a
// picture of the library's database (library-snapshot.ts), rebuilt when read.
import { BUILTIN_TOKEN_TYPES, SessionError, SessionManager, parseSnapshot, unpackSessionKey, type ManagerSnapshot, type Random } from "../../core/index.ts";
import type { LibraryProfile } from "../../core/profiles/library-profiles.ts";
import { PyGrant, PyToken, type Dict } from "../../core/profiles/python-objects.ts";
import { stepNotes } from "../../core/profiles/step-notes.ts";
import { defaultTokenValue } from "../../core/grant.ts";
import { validateOperation } from "../apply-operation.ts";
import { LibraryRun, type TraceOutcome } from "../oracle-trace/library-run.ts";
import { createManager, type AppliedStep, type WorkspaceBase } from "../run-operation.ts";
import type { JournalEntry, Operation, OperationResult } from "../schemas.ts";
import type { Engine } from "./engine.ts";
import { loadSnapshotInto, pictureOf } from "./library-snapshot.ts";

/** Error codes a library workspace's journal may hold besides the playground's. */
export const LIBRARY_ERROR_CODES = {
  raised: "library_raised",
  returnedNone: "library_returned_none",
  notRun: "library_not_run",
} as const;

type Db = Record<string, Record<string, unknown>>;

export class LibraryEngine implements Engine {
  readonly restorableFromSnapshot = false;
  readonly run: LibraryRun;
  readonly #random: Random;
  #salt: string;
  readonly #usagePolicy: Dict;
  #picture: SessionManager | null = null;
  #leftOut: string[] = [];
  readonly #notes = new Map<number, string[]>();
  #imported: ManagerSnapshot | null = null;
  readonly #tokenTypes: string[];

  constructor(
    base: WorkspaceBase,
    readonly profile: LibraryProfile,
  ) {
    // The salt and generator the playground's manager of this base would have: ids and
    // ephemeral subjects (uuid1/uuid4 in the library) come from the workspace's seed.
    const seeded = createManager(base);
    this.#random = seeded.random;
    this.#salt = seeded.salt;
    this.#usagePolicy = (base.settings?.usagePolicy ?? {}) as Dict;
    this.#tokenTypes = Object.keys(base.settings?.tokenTypes ?? {});
    this.run = new LibraryRun(profile, {
      startTime: base.start_time,
      salt: this.#salt,
      usagePolicy: this.#usagePolicy as Record<string, Dict>,
      ephemeral: () => this.#random.hex(32),
    });
  }

  get manager(): SessionManager {
    if (!this.#picture) {
      // Right after an import the picture is the imported state itself, exactly as the playground
      // reads it (kept fields, made-up parents and all); the library's own records take over from
      // the first operation after it.
      if (this.#imported) return (this.#picture = SessionManager.fromJSON(this.#imported, { strict: false }));
      const { snapshot, leftOut } = pictureOf(this.run.sm, {
        salt: this.#salt,
        random: (this.#random as Partial<{ getState(): never }>).getState?.() ?? null,
        clock: { now: this.run.now },
        token_types: Object.fromEntries(this.#tokenTypes.map((t) => [t, {}])),
        usage_policy: this.#usagePolicy as never,
      });
      this.#leftOut = leftOut;
      this.#picture = SessionManager.fromJSON(snapshot, { strict: false });
    }
    return this.#picture;
  }

  notesAt(seq: number): readonly string[] {
    return this.#notes.get(seq) ?? [];
  }

  leftOut(): readonly string[] {
    void this.manager;
    return this.#leftOut;
  }

  apply(input: unknown, seq: number): AppliedStep {
    const entry = this.#entry(input, seq);
    // The library's refusal is told in the entry's message; it has no playground error behind it.
    return { entry, error: "error" in entry ? new SessionError(entry.error.code, entry.error.message) : null };
  }

  #entry(input: unknown, seq: number): JournalEntry {
    const at = this.run.now;
    let operation: Operation;
    try {
      operation = validateOperation(input);
    } catch (e) {
      if (e instanceof SessionError) return { seq, at, operation: input as Operation, error: { code: e.code, message: e.message } };
      throw e;
    }
    this.#picture = null;
    this.#imported = null;
    if (operation.op === "importState") return this.#import(operation, seq, at);
    const before = this.run.state().db as Db;
    const creates = operation.op === "createSession" || operation.op === "addGrant" ? this.#random.hex(32) : null;
    // The library's token handler makes a value when the journal gives none; here it comes from the seed.
    const call = operation.op === "mintToken" && operation.args.value === undefined ? { ...operation, args: { ...operation.args, value: defaultTokenValue(this.#random, operation.args.type) } } : operation;
    const { outcome, raw } = this.run.apply(call, creates);
    const after = this.run.state().db as Db;
    const notes = stepNotes(this.profile, operation, outcome, before, after);
    if (notes.length) this.#notes.set(seq, notes);
    else this.#notes.delete(seq);
    const error = this.#error(operation, outcome);
    if (error) return { seq, at, operation, error };
    return { seq, at, operation, result: this.#result(operation, raw, creates, before, after) };
  }

  #error(operation: Operation, outcome: TraceOutcome): { code: string; message: string } | null {
    const lib = this.profile.label;
    if (outcome.kind === "raised") return { code: LIBRARY_ERROR_CODES.raised, message: `${lib} raises ${outcome.exception}${outcome.message ? `: ${outcome.message}` : ""}` };
    if (outcome.kind === "not_run") return { code: LIBRARY_ERROR_CODES.notRun, message: `${lib}: nothing to call; ${outcome.reason}` };
    if (outcome.kind === "returned_none" && operation.op === "mintToken") {
      return { code: LIBRARY_ERROR_CODES.returnedNone, message: `${lib} returns None here: nothing was minted, because the grant is not active` };
    }
    return null;
  }

  #result(operation: Operation, raw: unknown, creates: string | null, before: Db, after: Db): OperationResult {
    switch (operation.op) {
      case "createSession":
        return { sessionId: raw as string };
      case "addGrant":
        return { sessionId: this.run.sids.get(creates!) ?? (raw as string), grantId: raw instanceof PyGrant ? raw.id : creates! };
      case "mintToken": {
        const token = raw as PyToken;
        token.id = this.#random.hex(32);
        return { value: token.value, id: token.id };
      }
      case "registerUsage":
        return { used: (raw as PyToken).used };
      case "revokeToken":
        return { revoked: newlyRevoked(before, after) };
      case "advanceClock":
      case "setClock":
        return { now: this.run.now };
      default:
        return {};
    }
  }

  /** importState under a library: the library's session manager is loaded with the state (as `load()` of a dump would). */
  #import(operation: Extract<Operation, { op: "importState" }>, seq: number, at: number): JournalEntry {
    try {
      const { snapshot } = parseSnapshot(operation.args.snapshot, { strict: operation.args.strict ?? true, knownTypes: [...Object.keys(BUILTIN_TOKEN_TYPES), ...this.#tokenTypes] });
      loadSnapshotInto(this.run.sm, snapshot, this.profile.subordinateByFullKey, this.profile.idField);
      this.run.sm.salt = this.#salt = snapshot.salt;
      this.#imported = { ...snapshot, random: (this.#random as Partial<{ getState(): never }>).getState?.() ?? null, clock: { now: this.run.now } };
      this.run.sids.clear();
      for (const key of this.run.sm.db.keys()) {
        const parts = unpackSessionKey(key);
        if (parts.length === 3) this.run.sids.set(parts[2]!, key);
      }
      return { seq, at, operation, result: {} };
    } catch (e) {
      if (e instanceof SessionError) return { seq, at, operation, error: { code: e.code, message: e.message } };
      throw e;
    }
  }
}

function newlyRevoked(before: Db, after: Db): string[] {
  const out: string[] = [];
  for (const [key, rec] of Object.entries(after)) {
    if (rec.kind !== "grant") continue;
    const old = (before[key]?.issued_token as { revoked: boolean }[] | undefined) ?? [];
    (rec.issued_token as { value: string; revoked: boolean }[]).forEach((t, i) => {
      if (t.revoked && old[i] && !old[i].revoked) out.push(t.value);
    });
  }
  return out;
}

