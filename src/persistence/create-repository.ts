import type { DexieOptions } from "dexie";
import { DATABASE_NAME, PlaygroundDatabase } from "./db.ts";
import { DexieWorkspaceRepository } from "./dexie-workspace-repository.ts";
import { MemoryWorkspaceRepository } from "./memory-workspace-repository.ts";

/** The part of `navigator.storage` used here. */
export interface PersistentStorage {
  persist?(): Promise<boolean>;
  persisted?(): Promise<boolean>;
  estimate?(): Promise<{ usage?: number; quota?: number }>;
}

function defaultStorage(): PersistentStorage | null {
  return (globalThis.navigator as { storage?: PersistentStorage } | undefined)?.storage ?? null;
}

/** How much this site stores and may store, in bytes, when the browser says. */
export async function storageEstimate(storage: PersistentStorage | null = defaultStorage()): Promise<{ usage: number; quota: number } | null> {
  if (!storage || typeof storage.estimate !== "function") return null;
  try {
    const { usage, quota } = await storage.estimate();
    return typeof usage === "number" && typeof quota === "number" ? { usage, quota } : null;
  } catch {
    return null;
  }
}

export interface CreateRepositoryOptions {
  /** Database name (tests use their own); default "oidc-session-playground". */
  databaseName?: string;
  /** IndexedDB factory; default the global one. `null` behaves as if the browser had none. */
  indexedDB?: DexieOptions["indexedDB"] | null;
  IDBKeyRange?: DexieOptions["IDBKeyRange"];
  /** BroadcastChannel name; `null` for none. */
  channelName?: string | null;
  /** Ask `navigator.storage.persist()` (default true). */
  requestPersistence?: boolean;
  /** Default `navigator.storage`. */
  storage?: PersistentStorage | null;
  /** How long to wait for the database to open before working in memory (an old tab can block it). Default 10 s. */
  openTimeoutMs?: number;
  now?: () => number;
  /** See `RepositoryOptions.scheduleSnapshot`. */
  scheduleSnapshot?: (task: () => void) => void;
  /** See `RepositoryOptions.pause`. */
  pause?: () => Promise<void>;
}

const WRITE_PROBE = "write_probe";

/**
 * The repository the app uses: IndexedDB when it opens and accepts a write, else memory, with
 * `status.reason` saying why nothing is saved. Asks for persistent storage when it can and
 * records the answer in `status.persisted`.
 */
export async function createRepository(options: CreateRepositoryOptions = {}): Promise<DexieWorkspaceRepository | MemoryWorkspaceRepository> {
  const factory = options.indexedDB === undefined ? (globalThis.indexedDB as DexieOptions["indexedDB"] | undefined) : options.indexedDB;
  if (!factory) {
    return new MemoryWorkspaceRepository({ now: options.now, reason: "Nothing is saved: this browser has no IndexedDB (it may be disabled)." });
  }
  const keyRange = options.IDBKeyRange ?? (globalThis.IDBKeyRange as DexieOptions["IDBKeyRange"] | undefined);
  const db = new PlaygroundDatabase(options.databaseName ?? DATABASE_NAME, { indexedDB: factory, ...(keyRange ? { IDBKeyRange: keyRange } : {}) });
  let blocked = false;
  db.on("blocked", () => {
    blocked = true;
  });
  try {
    await withTimeout(db.open(), options.openTimeoutMs ?? 10_000);
    // Some private modes open the database but refuse every write: find out now, not on the first operation.
    await db.transaction("rw", db.meta, async () => {
      await db.meta.put({ key: WRITE_PROBE, value: Date.now() });
      await db.meta.delete(WRITE_PROBE);
    });
  } catch (e) {
    db.close();
    return new MemoryWorkspaceRepository({ now: options.now, reason: openFailureReason(e, blocked) });
  }
  const repository = new DexieWorkspaceRepository(db, { now: options.now, channelName: options.channelName, scheduleSnapshot: options.scheduleSnapshot, pause: options.pause });
  if (options.requestPersistence !== false) {
    const storage = options.storage === undefined ? defaultStorage() : options.storage;
    repository.status.persisted = await askPersistence(storage ?? null);
  }
  return repository;
}

/**
 * Asks the browser to keep this site's data under storage pressure (`navigator.storage.persist()`):
 * `true`/`false` as it answers; `null` when it cannot be asked.
 */
export async function askPersistence(storage: PersistentStorage | null = defaultStorage()): Promise<boolean | null> {
  if (!storage || typeof storage.persist !== "function") return null;
  try {
    if (typeof storage.persisted === "function" && (await storage.persisted())) return true;
    return await storage.persist();
  } catch {
    return null;
  }
}

class OpenTimeout extends Error {
  constructor(ms: number) {
    super(`the database did not open within ${ms} ms`);
    this.name = "OpenTimeout";
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OpenTimeout(ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function openFailureReason(error: unknown, blocked: boolean): string {
  const name = (error as { name?: string })?.name ?? "";
  const inner = (error as { inner?: { name?: string } })?.inner?.name ?? "";
  if (blocked || error instanceof OpenTimeout) {
    return "Nothing is saved: another tab of the playground keeps the database locked. Close the other tabs and reload.";
  }
  if (name === "VersionError" || inner === "VersionError") {
    return "Nothing is saved: the database was written by a newer version of the playground. Reload to get the newest version.";
  }
  if (name === "QuotaExceededError" || inner === "QuotaExceededError") {
    return "Nothing is saved: the browser's storage for this site is full.";
  }
  const detail = error instanceof Error ? ` (${error.name}: ${error.message})` : "";
  return `Nothing is saved: this browser does not let the playground use IndexedDB, e.g. in private mode or when site data is blocked${detail}.`;
}
