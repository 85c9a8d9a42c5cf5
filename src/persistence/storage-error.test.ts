import { describe, expect, it } from "vitest";
import { StorageError, toStorageError, WorkspaceNotFound } from "./storage-error.ts";

describe("storage errors", () => {
  it.each([
    ["QuotaExceededError", "quota_exceeded"],
    ["AbortError", "transaction_aborted"],
    ["DatabaseClosedError", "database_closed"],
    ["InvalidStateError", "database_closed"],
    ["ConstraintError", "conflict"],
    ["MissingAPIError", "unavailable"],
    ["SomethingElse", "unknown"],
  ])("maps %s to %s", (name, code) => {
    const error = toStorageError(Object.assign(new Error("boom"), { name }));
    expect(error).toBeInstanceOf(StorageError);
    expect(error.name).toBe("StorageError");
    expect(error.code).toBe(code);
    expect(error.message).toContain(`(${name}: boom)`);
  });

  it("prefers the wrapped cause: an abort caused by a full quota is a quota problem", () => {
    const abort = Object.assign(new Error("Transaction aborted"), { name: "AbortError", inner: new DOMException("full", "QuotaExceededError") });
    expect(toStorageError(abort).code).toBe("quota_exceeded");
  });

  it("passes a StorageError through and says what to do", () => {
    const conflict = new StorageError("conflict");
    expect(toStorageError(conflict)).toBe(conflict);
    expect(conflict.message).toMatch(/Reload the workspace/);
    expect(toStorageError("not even an error").code).toBe("unknown");
  });

  it("names a missing workspace", () => {
    const error = new WorkspaceNotFound("abc");
    expect(error).toMatchObject({ name: "WorkspaceNotFound", code: "workspace_not_found", workspaceId: "abc" });
  });
});
