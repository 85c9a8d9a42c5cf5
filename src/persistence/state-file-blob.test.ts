import { describe, expect, it } from "vitest";
import { InvalidStateFile } from "../core/index.ts";
import { MAX_STATE_FILE_BYTES } from "../ops/index.ts";
import { MemoryWorkspaceRepository } from "./memory-workspace-repository.ts";
import { readableStateFileBlob, readStateFileText, stateFileBlob } from "./state-file-blob.ts";
import { buildWorkspace } from "./test-fixtures.ts";

describe("reading state files", () => {
  it("reads a picked or dropped file's text", async () => {
    const text = buildWorkspace(3).toStateFile();
    expect(await readStateFileText(new Blob([text], { type: "application/json" }))).toBe(text);
  });

  it("refuses a file over 50 MB from its size, without reading it", async () => {
    let read = false;
    const huge = { size: MAX_STATE_FILE_BYTES + 1, text: async () => ((read = true), "") } as unknown as Blob;
    const error = await readStateFileText(huge).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidStateFile);
    expect((error as Error).message).toMatch(/too large to import .* the limit is 50 MB/);
    expect(read).toBe(false);
  });

  it("importStateFile refuses text over 50 MB before parsing, and stores nothing", async () => {
    const repository = new MemoryWorkspaceRepository();
    const text = " ".repeat(MAX_STATE_FILE_BYTES + 1);
    await expect(repository.importStateFile(text)).rejects.toThrow(/larger than 50 MB/);
    expect(await repository.listWorkspaces()).toEqual([]);
  });
});

describe("writing state files from stored JSON", () => {
  const AT = "2026-11-27T12:00:00.000Z";

  it("gives toStateFile's bytes whichever entries come in as stored Blobs", async () => {
    const workspace = buildWorkspace(4);
    const expected = workspace.toStateFile({ exportedAt: AT });
    const snapshot = new Blob([JSON.stringify(workspace.manager.toJSON())]);
    for (let mask = 0; mask < 1 << workspace.journal.length; mask++) {
      const stored = new Set(workspace.journal.filter((_, i) => mask & (1 << i)));
      const entry = (e: (typeof workspace.journal)[number]) => (stored.has(e) ? new Blob([JSON.stringify(e)]) : undefined);
      expect(await stateFileBlob(workspace, { entry, snapshot }, AT).text(), `entries ${mask.toString(2)} as Blobs`).toBe(expected);
    }
  });

  it("writes the state from memory when a stored Blob can no longer be read, rather than download a broken file", async () => {
    const workspace = buildWorkspace(3);
    const expected = workspace.toStateFile({ exportedAt: AT });
    class LostBlob extends Blob {
      override slice(): Blob {
        return { arrayBuffer: () => Promise.reject(new Error("the file behind this Blob is gone")) } as unknown as Blob;
      }
    }
    const readable = await readableStateFileBlob(workspace, { snapshot: new Blob([JSON.stringify(workspace.manager.toJSON())]) }, AT);
    expect(await readable.text()).toBe(expected);
    const lost = await readableStateFileBlob(workspace, { snapshot: new LostBlob(["LOST"]) }, AT);
    expect(await lost.text()).toBe(expected);
  });
});
