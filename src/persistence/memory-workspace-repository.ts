import { BaseWorkspaceRepository, type RepositoryOptions } from "./base-workspace-repository.ts";
import { MemoryWorkspaceStore } from "./memory-store.ts";

export const MEMORY_REASON = "Nothing is saved: this browser does not let the playground use IndexedDB.";

/**
 * Behaves like the IndexedDB repository but keeps everything in memory: the app still works
 * when IndexedDB is blocked, disabled or in private mode, and shows `status.reason` in a banner.
 */
export class MemoryWorkspaceRepository extends BaseWorkspaceRepository {
  constructor(options: Omit<RepositoryOptions, "channel"> & { reason?: string } = {}) {
    const { reason = MEMORY_REASON, ...rest } = options;
    // No channel: other tabs cannot see this tab's memory, so there is nothing to tell them.
    super(new MemoryWorkspaceStore(), { backend: "memory", persisted: null, reason }, rest);
  }
}
