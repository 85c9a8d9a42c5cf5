/**
 * Persistence: workspaces, their journals and snapshots in IndexedDB (Dexie), with an in-memory
 * fallback; state files and share links. No React, no store: the UI talks to a `WorkspaceRepository`.
 */
export type {
  ExternalChange,
  OpenWorkspace,
  PersistStatus,
  StorageFailureCode,
  ViewState,
  WorkspaceMeta,
  WorkspaceRepository,
} from "./types.ts";
export { StorageError, WorkspaceNotFound, toStorageError } from "./storage-error.ts";
export { createRepository, storageEstimate, type CreateRepositoryOptions, type PersistentStorage } from "./create-repository.ts";
export { formatSize } from "./format-size.ts";
export { DexieWorkspaceRepository, type DexieRepositoryOptions } from "./dexie-workspace-repository.ts";
export { MemoryWorkspaceRepository, MEMORY_REASON } from "./memory-workspace-repository.ts";
export { BaseWorkspaceRepository, SNAPSHOT_INTERVAL, type RepositoryOptions } from "./base-workspace-repository.ts";
export { DATABASE_NAME, PlaygroundDatabase, SCHEMA_V1 } from "./db.ts";
export { CHANNEL_NAME } from "./change-channel.ts";
export { MAX_NAME_LENGTH, stateFileName, uniqueName } from "./names.ts";
export { readStateFileText } from "./state-file-blob.ts";
export { restoreWorkspace, type RestoreSource, type SnapshotRecord } from "./restore-workspace.ts";
export {
  decodeShareLink,
  encodeShareLink,
  hasShareLink,
  MAX_SHARE_INFLATED_BYTES,
  MAX_SHARE_LINK_BYTES,
  offerShareLink,
  SHARE_LINK_PARAM,
  ShareLinkTooLarge,
} from "./share-link.ts";
