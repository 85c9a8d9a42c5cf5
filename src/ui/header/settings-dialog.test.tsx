// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { PersistentStorage } from "../../persistence/index.ts";
import { dexieRepository } from "../../persistence/test-fixtures.ts";
import type { PersistStatus } from "../../persistence/types.ts";
import { createAppStore } from "../../store/index.ts";
import { StoreProvider } from "../store-context.tsx";
import { SettingsDialog, storageText } from "./settings-dialog.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("storageText", () => {
  it("says what each answer of navigator.storage.persist() means for the saved work", () => {
    const saved = (persisted: boolean | null): PersistStatus => ({ backend: "indexeddb", persisted });
    expect(storageText(saved(true)).persistence).toMatch(/^Granted: the browser will not clear/);
    expect(storageText(saved(false)).persistence).toMatch(/^Not granted: .* Export the ones you need to keep\.$/);
    expect(storageText(saved(null)).persistence).toMatch(/^Unknown: this browser cannot be asked/);
    expect(storageText({ backend: "memory", persisted: null, reason: "No IndexedDB." }).where).toBe("Memory only: nothing is saved in this browser. No IndexedDB.");
  });
});

describe("the Settings dialog", () => {
  it("shows the storage, the persistence answer and the workspace's seed, and asks again on request", async () => {
    const storage: PersistentStorage = {
      persisted: vi.fn(async () => false),
      persist: vi.fn(async () => true),
      estimate: vi.fn(async () => ({ usage: 3 * 1024 * 1024, quota: 1024 * 1024 * 1024 })),
    };
    vi.stubGlobal("navigator", { storage });
    const { repository } = dexieRepository();
    // As when the first request for persistence, at start, was refused.
    repository.status.persisted = false;
    const store = createAppStore(repository, { saveViewDelayMs: 0 });
    await store.getState().init();
    render(
      <StoreProvider store={store}>
        <SettingsDialog />
      </StoreProvider>,
    );
    await userEvent.click(screen.getByRole("button", { name: "Settings" }));
    const dialog = screen.getByRole("dialog", { name: "Settings" });
    expect(within(dialog).getByText(/^Not granted:/)).toBeTruthy();
    expect(await within(dialog).findByText("3.0 MB of the 1024.0 MB this browser allows this site")).toBeTruthy();
    expect(within(dialog).getByText(store.getState().open!.workspace.seed)).toBeTruthy();

    await userEvent.click(within(dialog).getByRole("button", { name: "Ask for persistent storage" }));
    expect(await within(dialog).findByText(/^Granted:/)).toBeTruthy();
    expect(storage.persist).toHaveBeenCalledTimes(1);
    expect(within(dialog).queryByRole("button", { name: "Ask for persistent storage" })).toBeNull();
    await userEvent.click(within(dialog).getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("dialog", { name: "Settings" })).toBeNull();
    repository.close();
  });
});
