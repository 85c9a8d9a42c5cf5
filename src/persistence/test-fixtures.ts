// Shared by the persistence tests and benchmarks (never imported by the app).
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { DBCore, DBCoreMutateRequest, DBCoreTable } from "dexie";
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { createSeededRandom, createVirtualClock, SessionManager } from "../core/index.ts";
import { canonicalJson, Workspace, type JournalEntry, type Operation } from "../ops/index.ts";
import { PlaygroundDatabase } from "./db.ts";
import { DexieWorkspaceRepository } from "./dexie-workspace-repository.ts";

export const START = 1_700_000_000;

/** A fresh, private IndexedDB (fake-indexeddb) and a database on it. */
export function freshIndexedDB(): { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange } {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

let channelCounter = 0;
/** A channel name no other test uses, so tests never hear each other. */
export function uniqueChannelName(): string {
  return `test-channel-${process.pid}-${++channelCounter}-${Math.random().toString(36).slice(2)}`;
}

/** A Dexie repository on its own fake IndexedDB (or on `idb` to share one between "tabs"). */
export function dexieRepository(
  idb = freshIndexedDB(),
  options: { channelName?: string | null; faults?: FaultInjector; now?: () => number; scheduleSnapshot?: (task: () => void) => void; pause?: () => Promise<void> } = {},
): { repository: DexieWorkspaceRepository; db: PlaygroundDatabase; idb: ReturnType<typeof freshIndexedDB> } {
  const db = new PlaygroundDatabase("oidc-session-playground", idb);
  if (options.faults) db.use(options.faults.middleware);
  const repository = new DexieWorkspaceRepository(db, { channelName: options.channelName ?? null, now: options.now, scheduleSnapshot: options.scheduleSnapshot, pause: options.pause });
  return { repository, db, idb };
}

/**
 * Makes the next write to a table fail the way a browser does: a full quota (the request
 * fails with QuotaExceededError) or an aborted transaction (`abort()` on the IDB transaction).
 */
export class FaultInjector {
  #pending: { table: string; kind: "quota" | "abort" } | null = null;

  failNextWrite(table: string, kind: "quota" | "abort"): void {
    this.#pending = { table, kind };
  }

  get armed(): boolean {
    return this.#pending !== null;
  }

  readonly middleware = {
    stack: "dbcore" as const,
    name: "fault-injector",
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name: string): DBCoreTable => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req: DBCoreMutateRequest) => {
            const fault = this.#pending;
            if (!fault || fault.table !== name) return table.mutate(req);
            this.#pending = null;
            if (fault.kind === "quota") return Promise.reject(new DOMException("The quota has been exceeded.", "QuotaExceededError"));
            // The request is in flight when the transaction is aborted, as when the browser aborts it.
            const pending = table.mutate(req);
            (req.trans as unknown as IDBTransaction).abort();
            return pending;
          },
        };
      },
    }),
  };
}

/** Records every write Dexie sends to IndexedDB: table, kind and number of rows. */
export class WriteRecorder {
  readonly writes: { table: string; type: string; count: number }[] = [];

  readonly middleware = {
    stack: "dbcore" as const,
    name: "write-recorder",
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name: string): DBCoreTable => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req: DBCoreMutateRequest) => {
            const count = "values" in req && req.values ? req.values.length : "keys" in req && req.keys ? req.keys.length : 1;
            this.writes.push({ table: name, type: req.type, count });
            return table.mutate(req);
          },
        };
      },
    }),
  };

  to(table: string): { table: string; type: string; count: number }[] {
    return this.writes.filter((w) => w.table === table);
  }
}

/**
 * Produces a varied, deterministic stream of operations: sessions, codes, tokens minted from
 * them, uses, revocations, clock moves, and some operations the core refuses (journaled errors).
 */
export class OperationStream {
  #sessions: string[] = [];
  #codes: { sessionId: string; value: string }[] = [];
  #accessTokens: { sessionId: string; value: string }[] = [];
  #i = 0;

  next(): Operation {
    const i = this.#i++;
    const session = this.#sessions.at(-1);
    const code = this.#codes.at(-1);
    const step = i % 10;
    if (!session || step === 0) {
      const user = `user${i % 37}`;
      const client = `client${i % 5}`;
      return {
        op: "createSession",
        args: {
          userId: user,
          clientId: client,
          authReq: { client_id: client, scope: "openid profile", redirect_uri: `https://${client}.example/cb`, response_type: "code" },
          authnEvent: { uid: user, authn_info: "pwd", authn_time: START, valid_until: START + 3600 },
        },
      };
    }
    switch (step) {
      case 1:
        return { op: "mintToken", args: { sessionId: session, type: "authorization_code", value: `code_${i}` } };
      case 2:
        return code ? { op: "mintToken", args: { sessionId: code.sessionId, type: "access_token", basedOn: code.value } } : { op: "advanceClock", args: { seconds: 1 } };
      case 3:
        return code ? { op: "registerUsage", args: { sessionId: code.sessionId, value: code.value } } : { op: "advanceClock", args: { seconds: 1 } };
      case 4:
        // The code is used up: the core refuses, and the refusal is journaled.
        return code ? { op: "mintToken", args: { sessionId: code.sessionId, type: "refresh_token", basedOn: code.value } } : { op: "advanceClock", args: { seconds: 1 } };
      case 5:
        return { op: "advanceClock", args: { seconds: 30 } };
      case 6:
        return { op: "mintToken", args: { sessionId: session, type: "access_token", scope: ["openid"] } };
      case 7: {
        const at = this.#accessTokens.at(-1);
        return at ? { op: "revokeToken", args: { sessionId: at.sessionId, value: at.value, recursive: true } } : { op: "advanceClock", args: { seconds: 1 } };
      }
      case 8:
        return { op: "mintToken", args: { sessionId: session, type: "id_token" } };
      default:
        return { op: "registerUsage", args: { sessionId: session, value: "no-such-token" } };
    }
  }

  /** Feeds back an applied entry, so later operations can name its session and tokens. */
  record(entry: JournalEntry): void {
    if ("error" in entry) return;
    const { operation: op, result } = entry;
    if (op.op === "createSession") this.#sessions.push((result as { sessionId: string }).sessionId);
    if (op.op === "mintToken") {
      const value = (result as { value: string }).value;
      const sessionId = op.args.sessionId;
      if (op.args.type === "authorization_code") this.#codes.push({ sessionId, value });
      if (op.args.type === "access_token") this.#accessTokens.push({ sessionId, value });
    }
  }
}

/** A workspace with `n` entries from an `OperationStream`, built in memory. */
export function buildWorkspace(n: number, name = "Demo"): Workspace {
  const workspace = new Workspace({ name, seed: "fixture-seed", start_time: START });
  const stream = new OperationStream();
  for (let i = 0; i < n; i++) stream.record(workspace.apply(stream.next()));
  return workspace;
}

/**
 * A manager snapshot holding `tokens` tokens (users × clients × grants, ten tokens per grant),
 * for an `importState` operation: how a large session database enters a workspace.
 */
export function largeSnapshot(tokens: number): ReturnType<SessionManager["toJSON"]> {
  const manager = new SessionManager({ clock: createVirtualClock(START), random: createSeededRandom("large") });
  const perGrant = 10;
  for (let g = 0; g * perGrant < tokens; g++) {
    const sessionId = manager.createSession({ userId: `u${g % 1000}`, clientId: `c${Math.floor(g / 1000)}`, authReq: { scope: "openid" } });
    let parent: string | undefined;
    for (let t = 0; t < perGrant && g * perGrant + t < tokens; t++) {
      const type = t === 0 ? "authorization_code" : "access_token";
      const token = manager.mintToken(sessionId, type, t === 1 && parent ? { basedOn: parent } : {});
      if (t === 0) parent = token.value;
    }
  }
  return manager.toJSON();
}

/**
 * A fingerprint of the state a workspace holds (journal and manager): equal states give equal
 * fingerprints. Short, so a failing comparison does not print megabytes.
 */
export function stateOf(workspace: Workspace): string {
  const text = canonicalJson({ journal: workspace.journal, state: workspace.manager.toJSON() });
  return `${workspace.journal.length} entries, sha256 ${bytesToHex(sha256(utf8ToBytes(text)))}`;
}
