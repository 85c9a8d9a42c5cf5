/** The app store (zustand): document and view slices, and actions that issue operations through the repository. */
export { createAppStore, type AppStore } from "./app-store.ts";
export { nextTask, whenIdle } from "./when-idle.ts";
export * from "./selectors.ts";
export { DEFAULT_SETTINGS, DEFAULT_WORKSPACE_NAME } from "./defaults.ts";
export { fillDrafts } from "./view-slice.ts";
export { toFailure } from "./document-slice.ts";
export type { Actions, AppState, DocumentSlice, Failure, LastChange, Outcome, RevocationAnimation, SelectionFill, TableView, ViewSlice } from "./types.ts";
