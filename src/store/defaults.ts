import type { WorkspaceSettings } from "../ops/index.ts";

/**
 * Lifetimes a new workspace starts with, as an OpenID Provider would configure them: codes live
 * ten minutes, access and ID tokens an hour, refresh tokens a day. They are workspace settings
 * (the manager's usage policy), so they are exported and replayed with the journal.
 */
export const DEFAULT_SETTINGS: WorkspaceSettings = {
  usagePolicy: {
    authorization_code: { expires_in: 600 },
    access_token: { expires_in: 3600 },
    id_token: { expires_in: 3600 },
    refresh_token: { expires_in: 86400 },
  },
};

export const DEFAULT_WORKSPACE_NAME = "My workspace";
