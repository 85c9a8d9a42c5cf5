import { BaseWorkspaceRepository, type RepositoryOptions } from "./base-workspace-repository.ts";
import { openChangeChannel, CHANNEL_NAME } from "./change-channel.ts";
import type { PlaygroundDatabase } from "./db.ts";
import { askPersistence } from "./create-repository.ts";
import { DexieWorkspaceStore } from "./dexie-store.ts";
import type { PersistStatus } from "./types.ts";

export interface DexieRepositoryOptions extends Omit<RepositoryOptions, "channel"> {
  /** BroadcastChannel name shared by the tabs; `null` for none. */
  channelName?: string | null;
}

/** Workspaces saved in IndexedDB; other tabs hear about every change through a BroadcastChannel. */
export class DexieWorkspaceRepository extends BaseWorkspaceRepository {
  readonly db: PlaygroundDatabase;
  readonly #lost = new Set<(message: string) => void>();

  constructor(db: PlaygroundDatabase, options: DexieRepositoryOptions = {}) {
    const { channelName = CHANNEL_NAME, ...rest } = options;
    super(new DexieWorkspaceStore(db), { backend: "indexeddb", persisted: null }, { ...rest, channel: channelName === null ? null : openChangeChannel(channelName) });
    this.db = db;
    // Dexie closes this connection so the other tab can go on (and reopens it on the next write,
    // which then finds whatever the database holds by then); the user is told at once, not on that write.
    db.on("versionchange", (event) => {
      const message =
        event.newVersion === null
          ? "The playground's database was deleted in another tab (or this site's data was cleared), so the workspace shown here is not saved anymore. Export it now if you need it; new workspaces are saved again."
          : "Another tab opened a newer version of the playground, which upgraded its database; changes made on this page may not be saved. Reload the page to continue.";
      for (const listener of [...this.#lost]) listener(message);
    });
  }

  async requestPersistence(): Promise<PersistStatus> {
    this.status.persisted = await askPersistence();
    return { ...this.status };
  }

  onStorageLost(listener: (message: string) => void): () => void {
    this.#lost.add(listener);
    return () => void this.#lost.delete(listener);
  }
}
