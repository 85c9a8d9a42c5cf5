import type { StorageFailureCode } from "./types.ts";

const MESSAGES: Record<StorageFailureCode, string> = {
  quota_exceeded:
    "The browser refused to save: its storage quota for this site is full. Delete or export old workspaces, or free disk space, then try again.",
  transaction_aborted: "Saving was interrupted before it finished, so nothing was saved. Try the operation again.",
  database_closed:
    "The database was closed, usually because another tab opened a newer version of the playground. Reload this page to continue.",
  conflict: "Another tab changed this workspace at the same time, so this change was not saved. Reload the workspace and try again.",
  unavailable: "This browser does not let the playground save anything (IndexedDB is blocked, disabled or in private mode).",
  unknown: "Saving failed for an unexpected reason, so nothing was saved. Try again; if it keeps failing, export the workspace to a file.",
};

/**
 * A write or read of the browser database failed. `code` is stable (the UI switches on it);
 * `message` tells a person what to do. When it comes from `apply`, `undo` or `redo`, the open
 * workspace has already been put back to what is stored.
 */
export class StorageError extends Error {
  readonly code: StorageFailureCode;
  constructor(code: StorageFailureCode, message: string = MESSAGES[code], options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** The workspace asked for is not (or no longer) stored, e.g. deleted in another tab. */
export class WorkspaceNotFound extends Error {
  readonly code = "workspace_not_found";
  readonly workspaceId: string;
  constructor(workspaceId: string) {
    super(`There is no saved workspace with id "${workspaceId}"; it may have been deleted in another tab.`);
    this.name = new.target.name;
    this.workspaceId = workspaceId;
  }
}

/** Error names from IndexedDB and Dexie, mapped to what the UI needs to know. */
const BY_NAME: Record<string, StorageFailureCode> = {
  QuotaExceededError: "quota_exceeded",
  AbortError: "transaction_aborted",
  TransactionInactiveError: "transaction_aborted",
  DatabaseClosedError: "database_closed",
  ConstraintError: "conflict",
  MissingAPIError: "unavailable",
  OpenFailedError: "unavailable",
  // A write on a connection that is closing (another tab's upgrade) fails with this.
  InvalidStateError: "database_closed",
  SecurityError: "unavailable",
};

/** Wraps anything thrown by the database into a `StorageError` (a `StorageError` passes through). */
export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const code = failureCode(error);
  const detail = error instanceof Error && error.message ? ` (${error.name}: ${error.message})` : "";
  return new StorageError(code, MESSAGES[code] + detail, { cause: error });
}

function failureCode(error: unknown, depth = 0): StorageFailureCode {
  if (typeof error !== "object" || error === null || depth > 4) return "unknown";
  const e = error as { name?: unknown; inner?: unknown; cause?: unknown };
  // Dexie wraps the IndexedDB error in `inner`; an abort caused by a full quota names it there,
  // and the more specific cause is what the user can act on.
  const inner = failureCode(e.inner ?? e.cause, depth + 1);
  if (inner !== "unknown") return inner;
  if (typeof e.name === "string" && Object.hasOwn(BY_NAME, e.name)) return BY_NAME[e.name];
  return "unknown";
}
