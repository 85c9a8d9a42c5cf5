import { BaseWorkspaceRepository, type RepositoryOptions } from "./base-workspace-repository.ts";
import { openChangeChannel, CHANNEL_NAME } from "./change-channel.ts";
import type { PlaygroundDatabase } from "./db.ts";
import { DexieWorkspaceStore } from "./dexie-store.ts";

export interface DexieRepositoryOptions extends Omit<RepositoryOptions, "channel"> {
  /** BroadcastChannel name shared by the tabs; `null` for none. */
  channelName?: string | null;
}

/** Workspaces saved in IndexedDB; other tabs hear about every change through a BroadcastChannel. */
export class DexieWorkspaceRepository extends BaseWorkspaceRepository {
  readonly db: PlaygroundDatabase;

  constructor(db: PlaygroundDatabase, options: DexieRepositoryOptions = {}) {
    const { channelName = CHANNEL_NAME, ...rest } = options;
    super(new DexieWorkspaceStore(db), { backend: "indexeddb", persisted: null }, { ...rest, channel: channelName === null ? null : openChangeChannel(channelName) });
    this.db = db;
  }
}
